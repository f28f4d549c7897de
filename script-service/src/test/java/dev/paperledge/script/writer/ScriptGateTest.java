package dev.paperledge.script.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.paperledge.stage.failure.PermanentFailure;
import dev.paperledge.contracts.EpisodeScript;
import dev.paperledge.contracts.PaperSummary;
import dev.paperledge.contracts.PaperText;

/** Issue 16.4: an episode of a full-text paper with no sourced line is a defect, caught by the gate and by the offline writer. */
public class ScriptGateTest {
    final OfflineScriptWriter writer = new OfflineScriptWriter(OfflineScriptWriterTest.TARGET);

    @Test
    void aFullTextScriptWithoutProvenanceFailsTheGateAndWithItPasses() throws Exception {
        for (Fixtures.Paper p : Fixtures.withFullText()) {
            ScriptRequest req = p.fullTextRequest();
            EpisodeScript sourced = writer.write(req).script();
            ScriptGate gate = new ScriptGate(req, OfflineScriptWriterTest.TARGET);
            assertThat(gate.check(sourced)).as("the gate on %s as written", p.arxivId()).isEmpty();
            List<ScriptGate.Problem> problems = gate.check(withoutProvenance(sourced));
            assertThat(problems).as("the gate on %s without its sources", p.arxivId())
                    .extracting(ScriptGate.Problem::check).containsExactly("provenance");
            assertThat(problems.get(0).detail()).contains("no sentence can be traced to a passage of the paper's full text");
            // The gate's own matching (the LLM writer's sources) finds passages in the same script's words.
            assertThat(ScriptGate.sourcedLines(gate.withProvenance(withoutProvenance(sourced)))).as(p.arxivId()).isPositive();
        }
    }

    @Test
    void anAbstractOnlyScriptMayHaveNoProvenance() throws Exception {
        for (Fixtures.Paper p : Fixtures.seeds()) {
            ScriptRequest req = p.request();
            assertThat(req.abstractOnly()).isTrue();
            EpisodeScript bare = withoutProvenance(writer.write(req).script());
            assertThat(ScriptGate.unsourced(req, bare)).as(p.arxivId()).isEmpty();
            assertThat(new ScriptGate(req, OfflineScriptWriterTest.TARGET).check(bare)).as("the gate on %s", p.arxivId()).isEmpty();
        }
    }

    @Test
    void theOfflineWriterSourcesAtLeastOneLineOfEveryFullTextFixture() throws Exception {
        for (Fixtures.Paper p : Fixtures.withFullText()) {
            for (Show show : List.of(Show.SOLO, Show.SOLO.withFormat("duo"))) {
                ScriptRequest req = new ScriptRequest(p.arxivId(), 1, p.summary(), p.fullText(), show);
                WrittenScript w = writer.write(req);
                String label = p.arxivId() + " " + show.format();
                assertThat(ScriptGate.sourcedLines(w.script())).as("sourced lines of %s", label).isGreaterThanOrEqualTo(1)
                        .isEqualTo(w.grounding().explain().sourcedLines());
                assertThat(w.script().sections().stream().flatMap(s -> s.provenance().stream()))
                        .as("sources in the body of %s", label).anySatisfy(s -> assertThat(s.section()).isNotEqualTo("Abstract"));
                ExplainNotReciteTest.assertProvenance(w.script(), req, label);
            }
        }
    }

    @Test
    void aFullTextPaperWithNothingTheShowCanSayOrQuoteFailsWithAReason() {
        ScriptRequest req = new ScriptRequest("2401.00003", 1, nothingToSaySummary(), nothingToSayText("2401.00003"));
        assertThat(req.abstractOnly()).isFalse();
        assertThatThrownBy(() -> writer.write(req)).isInstanceOf(PermanentFailure.class)
                .hasMessageContaining("no line of the episode for 2401.00003 could be traced to a passage of the paper's full text")
                .hasMessageContaining("check the extraction before a retry");
        // The same paper from its abstract alone is written: an abstract-only episode may have no sources.
        ScriptRequest fromAbstract = new ScriptRequest("2401.00003", 1, nothingToSaySummary(), null);
        assertThat(writer.write(fromAbstract).script().sections()).isNotEmpty();
    }

    /** A paper whose every sentence leans on the one before it and is too short to quote: nothing can be said or tied to its passage. */
    public static PaperSummary nothingToSaySummary() {
        return OfflineScriptWriterTest.summary("Nothing to Say: A Study", "cs.LG", List.of("A. Author"), NOTHING_TO_SAY);
    }

    /** That paper's full text, as ingest would extract it. */
    public static PaperText nothingToSayText(String arxivId) {
        return new PaperText(arxivId, 1, "HTML", List.of(
                new PaperText.Section("Abstract", NOTHING_TO_SAY, "abstract"),
                new PaperText.Section("Introduction", "It is known. This matters a lot. They said so.", "S1"),
                new PaperText.Section("Method", "It is simple. These are the steps. It runs.", "S2"),
                new PaperText.Section("Results", "It helps. This holds. They improve.", "S3")));
    }

    private static final String NOTHING_TO_SAY = "It is hard. This is why. They agree on it. It works.";

    static EpisodeScript withoutProvenance(EpisodeScript s) {
        return s.withSections(s.description(), s.sections().stream()
                .map(x -> new EpisodeScript.Section(x.kind(), x.title(), x.text(), List.of(), x.lines())).toList());
    }
}
