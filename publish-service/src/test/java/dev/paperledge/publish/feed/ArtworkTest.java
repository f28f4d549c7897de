package dev.paperledge.publish.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

class ArtworkTest {

    @Test
    void isASquarePngWithinApplesSizeLimitsAndStable() throws Exception {
        byte[] png = Artwork.png(1400, "PaperLedge");
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(img.getWidth()).isEqualTo(1400).isEqualTo(img.getHeight());
        assertThat(java.util.Arrays.copyOf(png, 4)).isEqualTo(new byte[] { (byte) 0x89, 'P', 'N', 'G' });
        assertThat(Artwork.png(1400, "PaperLedge")).isEqualTo(png);
    }
}
