package dev.paperledge.audio.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class WordErrorsTest {

    @Test
    void wordsAreLowerCaseWithPunctuationAndHyphensAsSpaces() {
        assertThat(WordErrors.words("Hey PaperLedge learning crew, Ernis here. Sign-off: we'll see!"))
                .containsExactly("hey", "paperledge", "learning", "crew", "ernis", "here", "sign", "off", "we'll", "see");
    }

    @Test
    void errorsCountSubstitutionsDeletionsAndInsertions() {
        List<String> meant = WordErrors.words("the cat sat on the mat");
        assertThat(WordErrors.distance(meant, meant)).isZero();
        assertThat(WordErrors.distance(meant, WordErrors.words("the cat sat on a mat"))).isEqualTo(1);
        assertThat(WordErrors.distance(meant, WordErrors.words("the cat on the mat"))).isEqualTo(1);
        assertThat(WordErrors.distance(meant, WordErrors.words("the big cat sat on the mat"))).isEqualTo(1);
        assertThat(WordErrors.rate(meant, List.of())).isEqualTo(1.0);
        assertThat(WordErrors.rate(meant, WordErrors.words("a dog sat on the mat"))).isCloseTo(2 / 6.0,
                org.assertj.core.data.Offset.offset(1e-9));
    }

    /** A duo section is heard as one: each speaker's words get the errors made on them. */
    @Test
    void errorsAreLaidOnTheWordsTheyWereMadeOn() {
        List<String> meant = WordErrors.words("the cat sat on the mat and the dog ran off");
        List<String> heard = WordErrors.words("the cat sat on the mat and a fog ran far off today");
        int[] per = WordErrors.errorsPerWord(meant, heard);
        assertThat(java.util.Arrays.stream(per).sum()).isEqualTo(WordErrors.distance(meant, heard)).isEqualTo(4);
        // The first speaker said six words, all heard right; the second's five carry every error.
        assertThat(java.util.Arrays.stream(per, 0, 6).sum()).isZero();
        assertThat(per[7]).isEqualTo(1); // the -> a
        assertThat(per[8]).isEqualTo(1); // dog -> fog
        assertThat(WordErrors.errorsPerWord(meant, List.of())).containsOnly(1);
        assertThat(WordErrors.errorsPerWord(List.of(), heard)).isEmpty();
        assertThat(WordErrors.errorsPerWord(List.of("hello"), List.of("oh", "hello", "there"))).containsExactly(2);
    }

    @Test
    void silenceInsideSpeechIsMeasuredButNotTheQuietAroundIt() {
        int rate = 16000;
        float[] x = new float[rate * 6];
        for (int i = rate; i < 2 * rate; i++) {
            x[i] = (float) (0.3 * Math.sin(i * 0.1));
        }
        for (int i = (int) (4.5 * rate); i < 5 * rate; i++) {
            x[i] = (float) (0.3 * Math.sin(i * 0.1));
        }
        assertThat(Signal.longestSilenceMs(x, rate)).isBetween(2400L, 2600L);
    }

    @Test
    void anEdgeAtSpeechLevelIsClippedAndAQuietOneIsNot() {
        int rate = 16000;
        float[] x = new float[rate];
        for (int i = rate / 10; i < rate; i++) {
            x[i] = (float) (0.3 * Math.sin(i * 0.1));
        }
        assertThat(Signal.clippedStart(x, rate)).isFalse();
        assertThat(Signal.clippedEnd(x, rate)).isTrue();
    }
}
