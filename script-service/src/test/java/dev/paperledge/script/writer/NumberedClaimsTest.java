package dev.paperledge.script.writer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.paperledge.contracts.EpisodeScript;
import dev.paperledge.contracts.EpisodeScript.Kind;

/**
 * Sentences that number their claims inline are told claim by claim instead of dropped as lists;
 * a series cut short keeps its "and"; a later acronym is a sentence of its own; a stand-in takeaway
 * comes without an intro promising one.
 */
class NumberedClaimsTest {
    @Test
    void aNumberedSentenceIsOneClaimPerItemWithItsOpening() {
        assertThat(PaperAnalysis.claims("We find that (1) deduplicating the data boosts performance, and (2) it is possible to match earlier results."))
                .containsExactly("We find that deduplicating the data boosts performance.",
                        "We find that it is possible to match earlier results.");
        assertThat(PaperAnalysis.claims("The method (a) halves the memory of training; (b) keeps the accuracy of the full model; and (c) runs on one card."))
                .containsExactly("The method halves the memory of training.", "The method keeps the accuracy of the full model.",
                        "The method runs on one card.");
        assertThat(PaperAnalysis.claims("Our mice (i) gained weight quickly and (ii) lived longer than the controls."))
                .containsExactly("Our mice gained weight quickly.", "Our mice lived longer than the controls.");
    }

    @Test
    void sentencesThatAreNotNumberedClaimsStayWhole() {
        for (String s : List.of("We make three contributions: (1) a dataset of images, (2) a benchmark with labels.",
                "The rate (2) depends on the temperature (3) as shown.", "We find (1) growth, (2) decay.",
                "It follows from equation (1) that the field vanishes.", "Plain sentence without items.")) {
            assertThat(PaperAnalysis.claims(s)).as(s).containsExactly(s);
        }
    }

    @Test
    void aClaimCutFromANumberedSentenceIsNeverQuotedAndPointsBackToTheWholeSentence() throws Exception {
        Fixtures.Paper stack = Fixtures.seeds().stream().filter(p -> p.arxivId().equals("2211.15533")).findFirst().orElseThrow();
        PaperAnalysis a = new PaperAnalysis(stack.request());
        List<PaperAnalysis.Candidate> found = a.all().stream().filter(c -> c.original().startsWith("We find that")).toList();
        assertThat(found).hasSize(2);
        assertThat(found).allSatisfy(c -> {
            assertThat(c.quotable()).isFalse();
            assertThat(c.sentence()).startsWith("We find that (1)");
            assertThat(c.cue()).isEqualTo(Cue.RESULT);
        });
        EpisodeScript s = new OfflineScriptWriter(OfflineScriptWriterTest.TARGET).write(stack.request()).script();
        assertThat(OfflineScriptWriterTest.section(s, Kind.FINDINGS)).containsPattern("HumanEval|deduplicat");
    }

    @Test
    void aSeriesCutAfterAnItemKeepsItsAnd() {
        assertThat(OfflineScriptWriter.closeSeries("They describe how they gather the data, build a licensed subset, present a governance plan"))
                .isEqualTo("They describe how they gather the data, build a licensed subset, and present a governance plan");
        // Not a series: a clause opener, a conjunction already there, or too few parts.
        for (String s : List.of("Using this data, the authors train a model, which learns quickly",
                "They gather the data, build a subset, and present a plan", "They gather the data, build a subset")) {
            assertThat(OfflineScriptWriter.closeSeries(s)).isEqualTo(s);
        }
    }

    @Test
    void aLaterAcronymIsASentenceAndAStandInTakeawayHasNoIntro() throws Exception {
        for (Fixtures.Paper p : Fixtures.all()) {
            EpisodeScript s = new OfflineScriptWriter(OfflineScriptWriterTest.TARGET).write(p.request()).script();
            String method = OfflineScriptWriterTest.section(s, Kind.METHOD);
            assertThat(method).as(p.arxivId()).doesNotContainPattern("(?:^|\\. )And [^.]+, which is short for");
            String takeaways = OfflineScriptWriterTest.section(s, Kind.TAKEAWAYS);
            if (takeaways.contains("If you remember one thing")) {
                assertThat(takeaways).as(p.arxivId()).doesNotContain("one thing to take away").doesNotContain("takeaways");
            }
        }
    }
}
