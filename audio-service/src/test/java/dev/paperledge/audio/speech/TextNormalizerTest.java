package dev.paperledge.audio.speech;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextNormalizerTest {
    final TextNormalizer n = new TextNormalizer();

    @Test
    void numbersBecomeWords() {
        assertThat(n.normalize("It has 1,100 words and 42 sections.")).isEqualTo("It has one thousand one hundred words and forty-two sections.");
        assertThat(n.normalize("A score of 87.25 on 3 tasks.")).isEqualTo("A score of eighty-seven point two five on three tasks.");
        assertThat(n.normalize("the 2nd and 21st runs")).isEqualTo("the second and twenty-first runs");
        assertThat(n.normalize("Published in 2023.")).isEqualTo("Published in twenty twenty-three.");
        assertThat(n.normalize("pages 10-20")).isEqualTo("pages ten to twenty");
        assertThat(n.normalize("GPT-4 is big")).isEqualTo("G P T four is big");
    }

    @Test
    void percentagesUnitsAndMagnitudes() {
        assertThat(n.normalize("accuracy rose 12.5%")).isEqualTo("accuracy rose twelve point five percent");
        assertThat(n.normalize("latency of 30 ms on 8 GB")).isEqualTo("latency of thirty milliseconds on eight gigabytes");
        assertThat(n.normalize("a 175B model, 3x faster")).isEqualTo("a one hundred seventy-five billion model, three times faster");
        assertThat(n.normalize("at 25 °C")).isEqualTo("at twenty-five degrees Celsius");
        assertThat(n.normalize("costs $5 and ~10 minutes")).isEqualTo("costs five dollars and about ten minutes");
    }

    @Test
    void abbreviationsAreExpanded() {
        assertThat(n.normalize("Models, e.g. BERT, i.e. encoders, by Hu et al. in Fig. 2"))
                .isEqualTo("Models, for example Bert, that is encoders, by Hu and colleagues in Figure two");
        assertThat(n.normalize("LLM vs. RNN")).isEqualTo("L L M versus R N N");
    }

    @Test
    void latexRemnantsAreReadOrDropped() {
        assertThat(n.normalize("we set $\\alpha = 0.5$ and $x^2$ \\cite{hu2021}"))
                .isEqualTo("we set alpha equals zero point five and x squared");
        assertThat(n.normalize("rank $r \\leq \\frac{d}{2}$")).isEqualTo("rank r less than or equal to d over two");
        assertThat(n.normalize("the loss $\\mathcal{L}_{task}$")).isEqualTo("the loss L sub task");
    }

    @Test
    void urlsAndEmailsAreReadAsTheirHost() {
        assertThat(n.normalize("See https://github.com/microsoft/LoRA for code."))
                .isEqualTo("See github dot com for code.");
        assertThat(n.normalize("Write to ernis@paperledge.dev today")).isEqualTo("Write to ernis at paperledge dot dev today");
    }

    @Test
    void symbolsAreWordsOrNothing() {
        assertThat(n.normalize("A & B → C ± D")).isEqualTo("A and B to C plus or minus D");
        assertThat(n.normalize("*** ||| ^^^ ___ {} [] ` ~~")).isEmpty();
        assertThat(TextNormalizer.speakable(n.normalize("• — … ***"))).isFalse();
    }

    @Test
    void accentsAreStrippedAndOtherScriptsDropped() {
        assertThat(n.normalize("café Zürich Straße naïve")).isEqualTo("cafe Zurich Strasse naive");
        assertThat(n.normalize("深度学习 means deep learning")).isEqualTo("means deep learning");
        assertThat(n.normalize("the β and Ω terms")).isEqualTo("the beta and omega terms");
    }

    @Test
    void theLexiconSaysTheFieldsNamesAndAcronyms() {
        assertThat(n.normalize("LoRA and QLoRA on arXiv, typeset in LaTeX")).isEqualTo(
                "Laura and cue Laura on archive, typeset in lay tech");
        assertThat(n.normalize("GPT-4 beats RoBERTa and ALBERT; GPUs ran PyTorch v2.1"))
                .isEqualTo("G P T four beats Roberta and Albert; G P Us ran pie torch version two point one");
        assertThat(n.normalize("the BERTology of SOTA models")).isEqualTo("the BERTology of state of the art models");
    }

    @Test
    void aLexiconFileAddsAndOverridesEntries(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path file = dir.resolve("lexicon.txt");
        java.nio.file.Files.writeString(file, "# ours\nLoRA = low rank adaptation\nPaperLedge = paper ledge\n");
        TextNormalizer ours = new TextNormalizer(PronunciationLexicon.withFile(file));
        assertThat(ours.normalize("PaperLedge explains LoRA from arXiv"))
                .isEqualTo("paper ledge explains low rank adaptation from archive");
    }
}
