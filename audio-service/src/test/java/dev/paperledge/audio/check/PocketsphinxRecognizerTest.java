package dev.paperledge.audio.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.paperledge.audio.speech.FliteEngine;
import dev.paperledge.audio.speech.Pcm;

/**
 * One pocketsphinx_batch run hears a list of clips (real flite speaks them): each clip's words come
 * back in the clip's place, silence is heard as nothing, and a recogniser that cannot run says so.
 */
class PocketsphinxRecognizerTest {
    static final Path MODEL = Path.of("/usr/share/pocketsphinx/model/en-us");
    static final List<String> SENTENCES = List.of("The weather is warm and sunny today.",
            "Please open the door for me.", "We trained a small model on public data.");

    @BeforeAll
    static void installed() {
        if (!"true".equals(System.getenv("PAPERLEDGE_FLITE_REQUIRED"))) {
            Assumptions.assumeTrue(FliteEngine.available("flite"), "flite is not installed");
            Assumptions.assumeTrue(PocketsphinxRecognizer.available(PocketsphinxRecognizer.BINARY, MODEL),
                    "pocketsphinx is not installed");
        }
    }

    @Test
    void oneRunHearsEveryClipInItsPlaceAndSilenceAsNothing() {
        FliteEngine flite = new FliteEngine("flite", "rms", 60);
        List<Pcm> clips = new java.util.ArrayList<>(SENTENCES.stream().map(flite::synthesize).toList());
        clips.add(1, new Pcm(new float[24000 * 2], 24000));
        List<List<String>> heard = new PocketsphinxRecognizer(PocketsphinxRecognizer.BINARY, MODEL,
                Duration.ofSeconds(60)).recognizeAll(clips);
        assertThat(heard).hasSize(4);
        assertThat(heard.get(1)).isEmpty();
        List<List<String>> spoken = List.of(heard.get(0), heard.get(2), heard.get(3));
        for (int i = 0; i < SENTENCES.size(); i++) {
            List<String> meant = WordErrors.words(SENTENCES.get(i));
            for (int j = 0; j < SENTENCES.size(); j++) {
                if (j != i) {
                    // each clip's words are closest to its own sentence
                    assertThat(WordErrors.distance(meant, spoken.get(i)))
                            .as("clip %d against sentence %d: heard %s", i, j, spoken.get(i))
                            .isLessThan(WordErrors.distance(WordErrors.words(SENTENCES.get(j)), spoken.get(i)));
                }
            }
            assertThat(WordErrors.distance(meant, spoken.get(i))).isLessThanOrEqualTo(meant.size() / 2);
        }
    }

    @Test
    void aRecogniserThatCannotRunFailsWithItsReason() {
        assertThatThrownBy(() -> new PocketsphinxRecognizer(PocketsphinxRecognizer.BINARY, Path.of("/nonexistent/model"),
                Duration.ofSeconds(30)).recognize(new Pcm(new float[16000], 16000)))
                .isInstanceOf(RecognizerException.class).hasMessageContaining(PocketsphinxRecognizer.BINARY);
    }
}
