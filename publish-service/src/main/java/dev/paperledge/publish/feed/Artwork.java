package dev.paperledge.publish.feed;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import javax.imageio.ImageIO;

/**
 * The show's square cover art, drawn with Java2D: a paper sheet with text lines turning into a sound
 * wave, and the show's title. Deterministic for a given size and title.
 */
public final class Artwork {
    public static final int MIN_SIZE = 1400;
    public static final int MAX_SIZE = 3000;

    private Artwork() {
    }

    public static byte[] png(int size, String title) {
        if (size < MIN_SIZE || size > MAX_SIZE) {
            throw new IllegalArgumentException("artwork size must be " + MIN_SIZE + " to " + MAX_SIZE + " px: " + size);
        }
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setPaint(new GradientPaint(0, 0, new Color(0x1b2a4a), size, size, new Color(0x3d1f5c)));
            g.fillRect(0, 0, size, size);

            float u = size / 100f;
            // the paper sheet
            g.setColor(new Color(0xf6f1e7));
            g.fill(new RoundRectangle2D.Float(14 * u, 12 * u, 42 * u, 54 * u, 3 * u, 3 * u));
            g.setColor(new Color(0x9aa3b5));
            g.setStroke(new BasicStroke(1.6f * u, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            for (int i = 0; i < 9; i++) {
                float y = 20 * u + i * 5 * u;
                float len = (i % 3 == 2 ? 22 : 32) * u;
                g.drawLine(Math.round(20 * u), Math.round(y), Math.round(20 * u + len), Math.round(y));
            }
            // the lines become a sound wave
            g.setColor(new Color(0xffb347));
            g.setStroke(new BasicStroke(2.4f * u, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            Path2D wave = new Path2D.Float();
            wave.moveTo(52 * u, 39 * u);
            for (int x = 0; x <= 36; x++) {
                double amp = 14 * u * Math.sin(x / 36.0 * Math.PI);
                wave.lineTo(52 * u + x * u, 39 * u + amp * Math.sin(x * 0.9));
            }
            g.draw(wave);

            // the title, if the machine has fonts (headless JDKs without fontconfig may not)
            try {
                Font font = new Font(Font.SANS_SERIF, Font.BOLD, Math.round(13 * u));
                g.setFont(font);
                FontMetrics fm = g.getFontMetrics();
                int w = fm.stringWidth(title);
                if (w > 88 * u) {
                    g.setFont(font.deriveFont(font.getSize2D() * 88 * u / w));
                    fm = g.getFontMetrics();
                    w = fm.stringWidth(title);
                }
                g.setColor(Color.WHITE);
                g.drawString(title, (size - w) / 2f, 88 * u);
            } catch (Throwable noFonts) {
                g.setColor(Color.WHITE);
                g.fillRect(Math.round(14 * u), Math.round(80 * u), Math.round(72 * u), Math.round(3 * u));
            }
        } finally {
            g.dispose();
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(img, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
