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
        assertThat(SpokenText.speak("Low-Rank Adapters~(LoRA) reach 99.3% -- a lot.")).isEqualTo("Low-Rank Adapters (LoRA) reach 99.3 percent, a lot.");
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
