package dev.paperledge.audio.speech;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class SentenceSplitterTest {

    @Test
    void splitsAtSentenceEndsButNotAtAbbreviationsDecimalsOrInitials() {
        List<String> s = SentenceSplitter.sentences(
                "We use e.g. BERT by J. Devlin et al. in 2019. It scored 87.5 points! Really? Yes.\n\nNew paragraph without a stop");
        assertThat(s).containsExactly("We use e.g. BERT by J. Devlin et al. in 2019.", "It scored 87.5 points!", "Really?",
                "Yes.", "New paragraph without a stop");
    }

    @Test
    void aFiveThousandCharacterSentenceIsSplitIntoPiecesUnderTheLimitKeepingEveryWord() {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (sb.length() < 5000) {
            sb.append("clause number ").append(i++).append(i % 3 == 0 ? ", and then " : " with more words ");
        }
        String sentence = sb.toString().strip() + ".";
        List<String> pieces = SentenceSplitter.pieces(sentence, 240);
        assertThat(pieces).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(240));
        assertThat(String.join(" ", pieces).split("\\s+")).containsExactly(sentence.split("\\s+"));
        assertThat(pieces.size()).isGreaterThan(20);
    }

    @Test
    void aSingleEnormousWordIsCutHard() {
        String word = "x".repeat(1000);
        assertThat(SentenceSplitter.pieces(word, 400)).extracting(String::length).containsExactly(400, 400, 200);
    }
}
