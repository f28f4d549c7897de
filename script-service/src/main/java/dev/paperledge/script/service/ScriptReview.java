package dev.paperledge.script.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.paperledge.contracts.EpisodeScript;
import dev.paperledge.contracts.PaperIngested;
import dev.paperledge.script.domain.Script;
import dev.paperledge.stage.storage.ObjectStore;
import dev.paperledge.script.writer.Grounding;
import dev.paperledge.script.writer.ExplainMetrics;
import dev.paperledge.script.writer.GroundingReport;
import dev.paperledge.script.writer.ScriptGate;
import dev.paperledge.script.writer.ScriptMarkdown;
import dev.paperledge.script.writer.ScriptRequest;
import io.quarkus.narayana.jta.QuarkusTransaction;
import dev.paperledge.stage.db.StageRecords;
import dev.paperledge.stage.runner.Production;
import jakarta.enterprise.context.ApplicationScoped;

/** The review gate: an operator approves a held script, optionally with edited sections; then it is emitted. */
@ApplicationScoped
public class ScriptReview {
    private final ObjectStore store;
    private final ObjectMapper json;
    private final ScriptStage production;
    private final StageRecords inputs;

    public ScriptReview(ObjectStore store, ObjectMapper json, ScriptStage production, StageRecords inputs) {
        this.store = store;
        this.json = json;
        this.production = production;
        this.inputs = inputs;
    }

    public static class NotInReview extends RuntimeException {
        public NotInReview(String message) {
            super(message);
        }
    }

    /** The edits would leave an episode written from the paper's text with no line traced to it. */
    public static class EditRemovesSources extends RuntimeException {
        public EditRemovesSources(String message) {
            super(message);
        }
    }

    /**
     * @param edits section texts replacing the written ones, by kind (credits cannot be edited)
     * @param description a replacement feed description, or null
     */
    public Script approve(Script row, Map<EpisodeScript.Kind, String> edits, String description) throws Exception {
        if (row.status != Script.Status.IN_REVIEW) {
            throw new NotInReview("script " + row.arxivId + "v" + row.version + " run " + row.run + " is " + row.status
                    + ", not IN_REVIEW");
        }
        // Claim the approval in one conditional update, so of two operators approving at once exactly
        // one goes on and the other is told; the loser's edits never overwrite the winner's.
        Instant now = Instant.now();
        int claimed = QuarkusTransaction.requiringNew().call(() -> Script.update(
                "approvedAt = ?1 where id = ?2 and status = ?3 and approvedAt is null", now, row.id, Script.Status.IN_REVIEW));
        if (claimed == 0) {
            throw new NotInReview("script " + row.arxivId + "v" + row.version + " run " + row.run
                    + " is already being approved by another operator call");
        }
        try {
            PaperIngested input = recordedInput(row);
            applyEdits(row, input, edits, description);
            production.emitReady(input);
        } catch (Exception | Error e) {
            // Not (known to be) emitted: give the script back to review so the approval can be tried
            // again (the audio stage takes a run once, so a second emit of the same run is harmless).
            QuarkusTransaction.requiringNew().run(() -> Script.update("approvedAt = null where id = ?1 and status = ?2",
                    row.id, Script.Status.IN_REVIEW));
            throw e;
        }
        return QuarkusTransaction.requiringNew().call(() -> Script.<Script>findById(row.id));
    }

    /** The PaperIngested the production was written from, as the stage kit's input log recorded it. */
    private PaperIngested recordedInput(Script row) throws java.io.IOException {
        Production p = new Production(row.arxivId, row.version, row.run);
        String recorded = inputs.find(p)
                .orElseThrow(() -> new IllegalStateException("no recorded input for the script of " + p));
        return json.readValue(recorded, PaperIngested.class);
    }

    private void applyEdits(Script row, PaperIngested input, Map<EpisodeScript.Kind, String> edits, String description)
            throws Exception {
        boolean edited = (edits != null && !edits.isEmpty()) || description != null;
        if (edited) {
            EpisodeScript current = json.readValue(store.get(row.scriptKey).orElseThrow(
                    () -> new IllegalStateException("script object " + row.scriptKey + " is missing")), EpisodeScript.class);
            List<EpisodeScript.Section> sections = new ArrayList<>();
            for (EpisodeScript.Section s : current.sections()) {
                String text = edits != null && edits.containsKey(s.kind()) && s.kind() != EpisodeScript.Kind.CREDITS
                        ? edits.get(s.kind()) : s.text();
                // An edited section loses its sources: the operator's words are not the paper's.
                // An edited duo section is the host's alone: the operator wrote one text, not turns.
                sections.add(text.equals(s.text()) ? s
                        : new EpisodeScript.Section(s.kind(), s.title(), text, List.of(), current.isDuo() && !current.hosts().isEmpty()
                                ? List.of(new EpisodeScript.Line(current.hosts().get(0).name(), text)) : List.of()));
            }
            EpisodeScript updated = current.withSections(description != null ? description : current.description(), sections);
            if (ScriptGate.sourcedLines(current) > 0 && ScriptGate.sourcedLines(updated) == 0) {
                // A full-text episode without one line a listener can follow back to the paper is a defect.
                throw new EditRemovesSources("the edits replace every section of " + row.arxivId + "v" + row.version
                        + " that is traced to a passage of the paper (" + sourcedSections(current)
                        + "); keep at least one of them as written, or produce the paper again");
            }
            // Operators may write freely; grounding is still checked and recorded for the record.
            Grounding g = new Grounding(new ScriptRequest(input.arxivId(), input.version(), input.paper(), null).groundingText());
            GroundingReport.Builder report = GroundingReport.builder(current.writer() + "+operator")
                    .note("sections edited by an operator at review");
            for (EpisodeScript.Section s : updated.sections()) {
                g.check(s.kind().name(), s.text(), report);
            }
            ExplainMetrics.Figures f = ExplainMetrics.measure(updated,
                    input.paper().abstractText() == null ? "" : input.paper().abstractText());
            GroundingReport.Explain was = store.get(row.groundingKey).map(b -> {
                try {
                    return json.readValue(b, GroundingReport.class).explain();
                } catch (java.io.IOException e) {
                    return null; // an older or unreadable report: the figures start afresh
                }
            }).orElse(null);
            report.explain(new GroundingReport.Explain(f.recitalPercent(), f.repeatedRuns(),
                    was == null ? java.util.List.of() : was.sectionsUsed(), was == null ? java.util.List.of() : was.termsExplained(),
                    was != null && was.abstractOnly(), java.util.List.of(),
                    ScriptGate.sourcedLines(updated)));
            GroundingReport r = report.build();
            store.put(row.scriptKey, json.writeValueAsBytes(updated), "application/json");
            store.put(row.markdownKey, ScriptMarkdown.render(updated).getBytes(StandardCharsets.UTF_8), "text/markdown; charset=utf-8");
            store.put(row.groundingKey, json.writeValueAsBytes(r), "application/json");
            QuarkusTransaction.requiringNew().run(() -> {
                Script s = Script.<Script>findById(row.id);
                s.edited = true;
                s.wordCount = updated.wordCount();
                s.description = updated.description();
                s.quotesChecked = r.quotesChecked();
                s.numbersChecked = r.numbersChecked();
                s.grounded = r.grounded();
                s.explanationJson = ScriptStage.explanationJson(r);
                s.updatedAt = Instant.now();
            });
        }
    }

    private static String sourcedSections(EpisodeScript script) {
        return String.join(", ", script.sections().stream().filter(x -> !x.provenance().isEmpty())
                .map(x -> x.kind().name()).toList());
    }
}
