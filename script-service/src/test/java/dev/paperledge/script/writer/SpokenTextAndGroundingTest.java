package dev.paperledge.script.writer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpokenTextAndGroundingTest {

    @Test
    void urlsCitationsAndTexAreNotReadOut() {
        assertThat(SpokenText.speak("We release our code at https://github.com/microsoft/LoRA."))
                .isEqualTo("They release their code.");
        assertThat(SpokenText.speak("Adapters [3, 4] are slow (Houlsby et al., 2019), e.g., at inference."))
                .isEqualTo("Adapters are slow, for example, at inference.");
        assertThat(SpokenText.speak("Low-Rank Adapters~(LoRA) reach 99.3% -- a lot.")).isEqualTo("Low-Rank Adapters, or LoRA, reach 99.3 percent, a lot.");
        assertThat(SpokenText.speak("Regime shifts occur in lakes (Carpenter, 2011; Scheffer et al., 2001)\u2060 and reefs (see below)."))
                .isEqualTo("Regime shifts occur in lakes and reefs.");
    }

    @Test
    void thePlainFormUsesEverydayWordsAndBreaksLongSentencesWhereAListenerBreathes() {
        assertThat(SpokenText.plain("They utilize a novel method, which outperforms prior work."))
                .isEqualTo("They use a new method. It beats earlier work.");
        assertThat(SpokenText.plain("It freezes the weights, greatly reducing the number of trainable parameters."))
                .isEqualTo("It freezes the weights. That ends up dramatically cutting the count of trainable parameters.");
        assertThat(SpokenText.plain("An important result holds; the bound is tight."))
                .isEqualTo("A major result holds. The bound is tight.");
        // A clause in the middle of a sentence stays where it is; numbers are never touched.
        assertThat(SpokenText.plain("Full fine-tuning, which retrains all 175B parameters, becomes less feasible."))
                .isEqualTo("Full fine-tuning, which retrains all 175B parameters, becomes less practical.");
        // A swap keeps the grammar of the phrase around it: a comparative stays a comparative, a passive
        // stays finite, and a word that is also a noun ("constructs") is left alone.
        assertThat(SpokenText.plain("The task is more challenging than expected."))
                .isEqualTo("The task is harder than expected.");
        assertThat(SpokenText.plain("The score is based on human ratings."))
                .isEqualTo("The score rests on human ratings.");
        assertThat(SpokenText.plain("Latent constructs are measured by surveys."))
                .isEqualTo("Latent constructs are measured by surveys.");
        assertThat(SpokenText.plain("When compared to humans, the models approach their accuracy."))
                .isEqualTo("Next to humans, the models approach their accuracy.");
        // A clause that shares the subject gets one when it becomes a sentence, or stays where it is.
        assertThat(SpokenText.plain("Large language models have changed the field, but are constrained by limited context windows."))
                .isEqualTo("Large language models have changed the field. But they are constrained by limited context windows.");
        assertThat(SpokenText.plain("The enzyme binds the substrate, but is inhibited by high salt in the buffer."))
                .isEqualTo("The enzyme binds the substrate. But it is inhibited by high salt in the buffer.");
        assertThat(SpokenText.plain("The detector sees the burst, but could miss the faint tail of the signal."))
                .isEqualTo("The detector sees the burst, but could miss the faint tail of the signal.");
        // An adverb that goes with the verb keeps its place: "go far beyond", not "far go beyond".
        assertThat(SpokenText.plain("The documents far exceed the window, and the totals well exceed the budget."))
                .isEqualTo("The documents go far beyond the window, and the totals go well beyond the budget.");
    }

    @Test
    void aSingleAuthorsFirstPersonIsReVoicedOrLeftOut() {
        assertThat(SpokenText.speak("I would contend that there is ample room to question the folk wisdom."))
                .isEqualTo("The author would contend that there is ample room to question the folk wisdom.");
        assertThat(SpokenText.speak("In this paper, I derived the spectrum and I am confident it holds."))
                .isEqualTo("The author derived the spectrum and the author is confident it holds.");
        // A verb that would need changing ("I show" → "shows"), or "my": not said at all.
        assertThat(SpokenText.speak("Here I show that the estimator is unbiased for all windows.")).isEmpty();
        assertThat(SpokenText.speak("My main result is that the estimator is unbiased.")).isEmpty();
        // Roman numerals stay.
        assertThat(SpokenText.speak("The Type I error rate stays below five percent in every trial."))
                .isEqualTo("The Type I error rate stays below five percent in every trial.");
    }

    @Test
    void keyTermsAreFoundWhereThePaperDefinesThem() {
        java.util.List<dev.paperledge.contracts.PaperText.Section> sections = java.util.List.of(
                new dev.paperledge.contracts.PaperText.Section("Abstract",
                        "We propose Low-Rank Adaptation, or LoRA, which freezes the weights. LoRA is cheap. LoRA is fast."),
                new dev.paperledge.contracts.PaperText.Section("Method",
                        "The receiver operating characteristic (ROC) curve trades errors. The ROC curve is standard. Each ROC point is a threshold. We present MemGPT, a system. MemGPT pages memory."));
        java.util.List<KeyTerms.Term> terms = KeyTerms.find("LoRA: Low-Rank Adaptation", sections, 3);
        assertThat(terms).extracting(KeyTerms.Term::name).containsExactly("LoRA", "ROC", "MemGPT");
        assertThat(terms.get(0).expansion()).isEqualTo("Low-Rank Adaptation");
        assertThat(terms.get(1).expansion()).isEqualTo("receiver operating characteristic");
        assertThat(terms.get(2).expansion()).isNull();
        assertThat(KeyTerms.longForm("GPU", "we train on a graphics processing unit")).isEqualTo("graphics processing unit");
        assertThat(KeyTerms.longForm("XYZ", "a completely unrelated phrase")).isNull();
    }

    @Test
    void sentencesWithMathAreRecognised() {
        assertThat(SpokenText.hasMath("We set $W = BA$ with rank r.")).isTrue();
        assertThat(SpokenText.hasMath("We set the rank to four.")).isFalse();
    }

    @Test
    void numbersMustAppearAsNumbersAndQuotesVerbatim() {
        Grounding g = new Grounding("LoRA reduces parameters by 10,000 times and memory by 3 times on GPT-3 175B.");
        assertThat(g.numberGrounded("10,000")).isTrue();
        assertThat(g.numberGrounded("175")).isTrue();
        assertThat(g.numberGrounded("75")).isFalse();
        assertThat(g.numberGrounded("10")).isFalse();
        assertThat(g.problems("It cut memory by 3 times and \"reduces parameters by 10,000 times\".")).isEmpty();
        assertThat(g.problems("It is \"much faster\" and 4 times smaller.")).hasSize(2);
    }
}
