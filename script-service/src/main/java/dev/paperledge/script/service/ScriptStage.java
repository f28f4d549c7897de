package dev.paperledge.script.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.paperledge.contracts.EpisodeScript;
import dev.paperledge.contracts.ObjectKeys;
import dev.paperledge.contracts.PaperIngested;
import dev.paperledge.contracts.PaperText;
import dev.paperledge.contracts.ScriptReady;
import dev.paperledge.contracts.Stage;
import dev.paperledge.script.config.ShowSettings;
import dev.paperledge.script.domain.Script;
import dev.paperledge.script.domain.ScriptRecords;
import dev.paperledge.script.messaging.ScriptEvents;
import dev.paperledge.script.writer.GroundingReport;
import dev.paperledge.script.writer.ScriptMarkdown;
import dev.paperledge.script.writer.ScriptRequest;
import dev.paperledge.script.writer.ScriptWriter;
import dev.paperledge.script.writer.Show;
import dev.paperledge.script.writer.WrittenScript;
import dev.paperledge.stage.failure.PermanentFailure;
import dev.paperledge.stage.runner.Outcome;
import dev.paperledge.stage.runner.Production;
import dev.paperledge.stage.runner.StageHandler;
import dev.paperledge.stage.storage.ObjectStore;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The script stage's own work on one ingested paper, run by the stage kit's runner (which
 * deduplicates, records the input, retries the database, reports failures and counts outcomes): read
 * the paper's text, write, ground, store the objects under deterministic keys, record the script,
 * emit ScriptReady (or hold it for review). Safe to redo: the same keys, the same row, the same
 * outgoing event id, which downstream drops.
 */
@ApplicationScoped
public class ScriptStage implements StageHandler<PaperIngested> {
    private static final Logger LOG = Logger.getLogger(ScriptStage.class);
    private static final ObjectMapper EXPLANATION_JSON = new ObjectMapper();

    private final ObjectStore store;
    private final ScriptWriter writer;
    private final ScriptEvents events;
    private final ScriptRecords records;
    private final ObjectMapper json;
    private final MeterRegistry metrics;
    private final ShowSettings shows;
    private final boolean reviewEnabled;

    public ScriptStage(ObjectStore store, ScriptWriter writer, ScriptEvents events, ScriptRecords records,
            ObjectMapper json, MeterRegistry metrics, ShowSettings shows,
            @ConfigProperty(name = "paperledge.script.review.enabled", defaultValue = "false") boolean reviewEnabled) {
        this.store = store;
        this.writer = writer;
        this.events = events;
        this.records = records;
        this.json = json;
        this.metrics = metrics;
        this.shows = shows;
        this.reviewEnabled = reviewEnabled;
    }

    @Override
    public Stage stage() {
        return Stage.SCRIPT;
    }

    @Override
    public Class<PaperIngested> inputType() {
        return PaperIngested.class;
    }

    @Override
    public Outcome handle(PaperIngested event, int attempt) {
        Production production = Production.of(event);
        records.write(production, s -> s.attempts = attempt);
        WrittenScript written = writer.write(request(event));
        store(event, written);
        count(written);
        boolean review = reviewEnabled;
        records.write(production, s -> {
            apply(s, event, written);
            s.status = review ? Script.Status.IN_REVIEW : Script.Status.WRITING;
        });
        if (review) {
            return Outcome.held("in_review", "review");
        }
        emitReady(event);
        return Outcome.success();
    }

    /** The production's row says FAILED with the reason the runner reports (when it has a row). */
    @Override
    public void failed(Production production, String reason, boolean retryable) {
        records.change(production, s -> {
            s.status = Script.Status.FAILED;
            s.failureReason = reason;
        });
    }

    @Override
    public String whenNoInput() {
        return "submit the paper again";
    }

    /**
     * Emits ScriptReady for the stored script of the production the input started (its row as it
     * stands, edits included) and, once the broker has acknowledged it, records the script as ready.
     */
    public void emitReady(PaperIngested input) {
        Production production = Production.of(input);
        Script s = records.find(production)
                .orElseThrow(() -> new IllegalStateException("no script row for " + production));
        ScriptReady.Explanation explanation = null;
        if (s.explanationJson != null) {
            try {
                explanation = json.readValue(s.explanationJson, ScriptReady.Explanation.class);
            } catch (JsonProcessingException e) {
                LOG.warnf("explanation figures of %s are unreadable (%s); the event goes without them", production,
                        e.getOriginalMessage());
            }
        }
        events.scriptReady(new ScriptReady(s.arxivId, s.version, s.run, input.paper(), s.episodeTitle, s.description,
                s.scriptKey, s.markdownKey, s.wordCount, s.writer, Instant.now(), explanation));
        records.change(production, row -> {
            row.status = Script.Status.READY;
            row.failureReason = null;
        });
    }

    private ScriptRequest request(PaperIngested event) {
        if (event.paper() == null) {
            throw new PermanentFailure("no-metadata", "the ingested event for " + event.arxivId()
                    + " carries no paper metadata; submit the paper again", null);
        }
        PaperText text = null;
        if (event.textKey() != null && !event.textKey().isBlank()) {
            Optional<byte[]> bytes = store.get(event.textKey());
            if (bytes.isPresent()) {
                try {
                    text = json.readValue(bytes.get(), PaperText.class);
                } catch (java.io.IOException e) {
                    LOG.warnf("paper text %s is not a readable sections JSON (%s); writing from the abstract",
                            event.textKey(), e.getMessage());
                }
            } else {
                LOG.warnf("paper text %s is missing; writing from the abstract", event.textKey());
            }
        }
        Show show;
        try {
            show = event.format() == null ? shows.show() : shows.show().withFormat(event.format());
        } catch (IllegalArgumentException e) {
            throw new PermanentFailure("unknown-format", e.getMessage() + "; submit the paper again with a known format",
                    e);
        }
        ScriptRequest req = new ScriptRequest(event.arxivId(), event.version(), event.paper(), text, show);
        if (req.text().fullText().isBlank()) {
            throw new PermanentFailure("nothing-to-write", "nothing to write about: " + event.arxivId()
                    + " has neither extracted text nor an abstract; re-ingest the paper", null);
        }
        return req;
    }

    private void store(PaperIngested event, WrittenScript written) {
        try {
            store.put(key(event, "script.json"), json.writeValueAsBytes(written.script()), "application/json");
            store.put(key(event, "script.md"), ScriptMarkdown.render(written.script()).getBytes(StandardCharsets.UTF_8),
                    "text/markdown; charset=utf-8");
            store.put(key(event, "grounding.json"), json.writeValueAsBytes(written.grounding()), "application/json");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code paperledge.script.writes{writer, fallback}} and {@code paperledge.script.words{writer}}. */
    private void count(WrittenScript written) {
        metrics.counter("paperledge.script.writes", "writer", written.writer(), "fallback",
                String.valueOf(written.fallbackReason() != null)).increment();
        metrics.summary("paperledge.script.words", "writer", written.writer()).record(written.script().wordCount());
    }

    static String key(PaperIngested e, String file) {
        return ObjectKeys.script(e.arxivId(), e.version(), e.run(), file);
    }

    static void apply(Script s, PaperIngested event, WrittenScript written) {
        s.explanationJson = explanationJson(written.grounding());
        EpisodeScript script = written.script();
        GroundingReport g = written.grounding();
        s.writer = written.writer();
        s.fallbackReason = written.fallbackReason();
        s.wordCount = script.wordCount();
        s.episodeTitle = script.episodeTitle();
        s.description = script.description();
        s.scriptKey = key(event, "script.json");
        s.markdownKey = key(event, "script.md");
        s.groundingKey = key(event, "grounding.json");
        s.quotesChecked = g.quotesChecked();
        s.numbersChecked = g.numbersChecked();
        s.droppedClaims = g.dropped().size();
        s.grounded = g.grounded();
        s.failureReason = null;
    }

    static String explanationJson(GroundingReport g) {
        GroundingReport.Explain e = g.explain();
        if (e == null) {
            return null;
        }
        try {
            return EXPLANATION_JSON.writeValueAsString(new ScriptReady.Explanation(e.recitalPercent(), e.repeatedRuns(),
                    e.sectionsUsed(), e.termsExplained(), e.abstractOnly()));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
