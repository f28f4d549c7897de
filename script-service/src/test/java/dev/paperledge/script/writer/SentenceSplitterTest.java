package dev.paperledge.script.writer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SentenceSplitterTest {

    @Test
    void abbreviationsDoNotEndSentences() {
        assertThat(SentenceSplitter.split(
                "As shown by Hu et al. (2021), adapters work, e.g. on GLUE. See Fig. 3 and Eq. 2 for details, i.e. the loss. LoRA vs. adapters is compared."))
                .containsExactly("As shown by Hu et al. (2021), adapters work, e.g. on GLUE.",
                        "See Fig. 3 and Eq. 2 for details, i.e. the loss.", "LoRA vs. adapters is compared.");
    }

    @Test
    void etAlEndsASentenceOnlyBeforeAUsualOpener() {
        assertThat(SentenceSplitter.split("This idea comes from Smith et al. We extend it. Work by Smith et al. Johnson shows more."))
                .containsExactly("This idea comes from Smith et al.", "We extend it.", "Work by Smith et al. Johnson shows more.");
    }

    @Test
    void decimalsVersionsAndUrlsStayInOnePiece() {
        assertThat(SentenceSplitter.split("It reaches 99.3% of ChatGPT v3.5 at https://example.org/a.b. Then it stops."))
                .containsExactly("It reaches 99.3% of ChatGPT v3.5 at https://example.org/a.b.", "Then it stops.");
    }

    @Test
    void latexMathIsNotSplitInside() {
        assertThat(SentenceSplitter.split("We set $x = 1. Y$ as the bound. Next we prove it."))
                .containsExactly("We set $x = 1. Y$ as the bound.", "Next we prove it.");
    }

    @Test
    void initialsQuotesAndQuestionMarks() {
        assertThat(SentenceSplitter.split("J. Smith said \"it works.\" Does it? Yes! It does."))
                .containsExactly("J. Smith said \"it works.\"", "Does it?", "Yes!", "It does.");
    }

    @Test
    void blankLinesEndSentencesAndLineBreaksDoNot() {
        assertThat(SentenceSplitter.split("A heading without a stop\n\nThe text wraps\nacross lines. Done."))
                .containsExactly("A heading without a stop", "The text wraps across lines.", "Done.");
    }

    @Test
    void ellipsesAndLowercaseContinuations() {
        assertThat(SentenceSplitter.split("We tried... and it failed. Approx. ten runs were made."))
                .containsExactly("We tried... and it failed.", "Approx. ten runs were made.");
    }

    @Test
    void emptyInputGivesNoSentences() {
        assertThat(SentenceSplitter.split("  ")).isEmpty();
        assertThat(SentenceSplitter.split(null)).isEmpty();
    }
}
