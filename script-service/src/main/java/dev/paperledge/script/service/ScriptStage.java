package dev.paperledge.script.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.paperledge.stage.failure.PermanentFailure;
import dev.paperledge.contracts.EpisodeScript;
import dev.paperledge.contracts.ObjectKeys;
import dev.paperledge.contracts.PaperIngested;
import dev.paperledge.contracts.PaperText;
import dev.paperledge.contracts.RetryRequested;
import dev.paperledge.contracts.ScriptReady;
import dev.paperledge.contracts.Stage;
import dev.paperledge.contracts.StageFailed;
import dev.paperledge.contracts.Topics;
import dev.paperledge.script.config.ShowSettings;
import dev.paperledge.stage.db.DatabaseUnavailable;
import dev.paperledge.stage.failure.StageFailureReported;
import dev.paperledge.stage.failure.UnexpectedFailures;
import dev.paperledge.stage.db.ProcessedEvent;
import dev.paperledge.script.domain.Script;
import dev.paperledge.script.messaging.ScriptEvents;
import dev.paperledge.stage.storage.ObjectStore;
import dev.paperledge.script.writer.GroundingReport;
import dev.paperledge.script.writer.ScriptMarkdown;
import dev.paperledge.script.writer.ScriptRequest;
import dev.paperledge.script.writer.Show;
import dev.paperledge.script.writer.ScriptWriter;
import dev.paperledge.script.writer.WrittenScript;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.faulttolerance.api.RetryWhen;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The script stage: read the paper's text, write, ground, store the objects under deterministic
 * keys, record the script, emit ScriptReady (or hold it for review), then mark the event processed.
 * A crash anywhere redoes the work and re-emits the same event id, which downstream drops.
 */
@ApplicationScoped
public class ScriptStage {
    private static final Logger LOG = Logger.getLogger(ScriptStage.class);
    private static final DatabaseUnavailable DATABASE = new DatabaseUnavailable();

    private final ObjectStore store;
    private final ScriptWriter writer;
    private final ScriptEvents events;
    private final ObjectMapper json;
    private final MeterRegistry metrics;
    private final ShowSettings shows;
    private final boolean reviewEnabled;

    public ScriptStage(ObjectStore store, ScriptWriter writer, ScriptEvents events, ObjectMapper json,
            MeterRegistry metrics, ShowSettings shows,
            @ConfigProperty(name = "paperledge.script.review.enabled", defaultValue = "false") boolean reviewEnabled) {
        this.store = store;
        this.writer = writer;
        this.events = events;
        this.json = json;
        this.metrics = metrics;
        this.shows = shows;
        this.reviewEnabled = reviewEnabled;
    }

    @Retry(maxRetries = -1, delay = 1, delayUnit = ChronoUnit.SECONDS, maxDuration = 5, durationUnit = ChronoUnit.MINUTES)
    @ExponentialBackoff(maxDelay = 20, maxDelayUnit = ChronoUnit.SECONDS)
    @RetryWhen(exception = DatabaseUnavailable.class)
    public void onPaperIngested(PaperIngested event) {
        if (QuarkusTransaction.requiringNew().call(() -> ProcessedEvent.seen(event.eventId()))) {
            LOG.debugf("dropping duplicate %s", event.eventId());
            return;
        }
        recordInput(event);
        produce(event, event.eventId(), 1);
    }

    /** Records the PaperIngested a production runs from (what a retry reruns from). */
    private void recordInput(PaperIngested event) {
        String input;
        try {
            input = json.writeValueAsString(event);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        QuarkusTransaction.requiringNew().run(() -> {
            Script s = Script.byNaturalKey(event.arxivId(), event.version(), event.run()).orElseGet(Script::new);
            if (s.id == null) {
                s.arxivId = event.arxivId();
                s.version = event.version();
                s.run = event.run();
                s.createdAt = Instant.now();
                s.status = Script.Status.WRITING;
            }
            s.inputEvent = input;
            s.inputEventId = event.eventId();
            s.updatedAt = Instant.now();
            s.persist();
        });
    }

    @Retry(maxRetries = -1, delay = 1, delayUnit = ChronoUnit.SECONDS, maxDuration = 5, durationUnit = ChronoUnit.MINUTES)
    @ExponentialBackoff(maxDelay = 20, maxDelayUnit = ChronoUnit.SECONDS)
    @RetryWhen(exception = DatabaseUnavailable.class)
    public void onRetry(RetryRequested retry) {
        if (QuarkusTransaction.requiringNew().call(() -> ProcessedEvent.seen(retry.eventId()))) {
            return;
        }
        Optional<String> recorded = QuarkusTransaction.requiringNew()
                .call(() -> Script.byNaturalKey(retry.arxivId(), retry.version(), retry.run()).map(s -> s.inputEvent));
        PaperIngested input;
        if (recorded.isPresent()) {
            try {
                input = json.readValue(recorded.get(), PaperIngested.class);
            } catch (Exception e) {
                throw new IllegalStateException("recorded input of " + retry.arxivId() + " is unreadable", e);
            }
        } else if (retry.input() == null) {
            refuse(retry, "retry requested but this service never received the paper (no recorded input for "
                    + retry.arxivId() + "v" + retry.version() + " run " + retry.run() + ")");
            return;
        } else {
            // the first delivery was dead-lettered before its input was recorded: run from the copy ingest kept
            try {
                input = retryInput(retry);
            } catch (PermanentFailure e) {
                refuse(retry, e.getMessage());
                return;
            }
            recordInput(input);
        }
        produce(input, retry.eventId(), retry.attempt());
    }

    /** The PaperIngested a retry carries, if it is one and for the paper and production being retried. */
    private PaperIngested retryInput(RetryRequested retry) {
        PaperIngested input;
        try {
            input = json.readValue(retry.input(), PaperIngested.class);
        } catch (Exception e) {
            LOG.warnf("retry %s carries an unreadable input: %s", retry.eventId(), e.getMessage());
            input = null;
        }
        if (input == null || input.arxivId() == null) {
            throw new PermanentFailure("the retry of " + retry.arxivId() + " carries an input that is not a readable "
                    + Topics.PAPERS_INGESTED + " event; submit the paper again");
        }
        if (!input.arxivId().equals(retry.arxivId()) || input.version() != retry.version() || input.run() != retry.run()) {
            throw new PermanentFailure("the retry of " + retry.arxivId() + "v" + retry.version() + " run " + retry.run()
                    + " carries the input of " + input.arxivId() + "v" + input.version() + " run " + input.run()
                    + ", another production; submit the paper again");
        }
        return input;
    }

    /** A retry that cannot run: StageFailed (not retryable), and the retry is done with. */
    private void refuse(RetryRequested retry, String reason) {
        fail(retry.arxivId(), retry.version(), retry.run(), retry.attempt(), false, reason);
        QuarkusTransaction.requiringNew().run(() -> ProcessedEvent.record(retry.eventId()));
    }

    private void produce(PaperIngested event, String handledEventId, int attempt) {
        Timer.Sample sample = Timer.start(metrics);
        String outcome = "failure";
        try {
            WrittenScript written = writer.write(request(event));
            store(event, written);
            boolean review = reviewEnabled;
            QuarkusTransaction.requiringNew().run(() -> {
                Script s = Script.byNaturalKey(event.arxivId(), event.version(), event.run()).orElseThrow();
                apply(s, event, written);
                s.attempts = attempt;
                s.status = review ? Script.Status.IN_REVIEW : Script.Status.WRITING;
                if (review) {
                    ProcessedEvent.record(handledEventId);
                }
            });
            if (!review) {
                emitReady(event.arxivId(), event.version(), event.run(), handledEventId);
            }
            outcome = "success";
            metrics.summary("paperledge.script.words", "writer", written.writer()).record(written.script().wordCount());
            metrics.counter("paperledge.stage.outcomes", "stage", "script", "outcome", review ? "in_review" : "success", "writer",
                    written.writer(), "reason", written.fallbackReason() == null ? "none" : "llm_fallback").increment();
        } catch (PermanentFailure e) {
            markFailed(event.arxivId(), event.version(), event.run(), e.getMessage());
            fail(event.arxivId(), event.version(), event.run(), attempt, false, e.getMessage());
            QuarkusTransaction.requiringNew().run(() -> ProcessedEvent.record(handledEventId));
            metrics.counter("paperledge.stage.outcomes", "stage", "script", "outcome", "failure", "writer", "none", "reason", "permanent").increment();
        } catch (RuntimeException e) {
            if (DATABASE.test(e)) {
                throw e; // @Retry waits for the database; if it stays away, the consumer reports it once
            }
            report(event.arxivId(), event.version(), event.run(), attempt, e, "transient");
            throw new StageFailureReported(e);
        } finally {
            sample.stop(metrics.timer("paperledge.stage.duration", "stage", "script", "outcome", outcome));
        }
    }

    /** Emits ScriptReady for a stored script and then records it as ready and the event as processed. */
    public void emitReady(String arxivId, int version, int run, String handledEventId) {
        Script s = QuarkusTransaction.requiringNew().call(() -> Script.byNaturalKey(arxivId, version, run).orElseThrow());
        PaperIngested input;
        try {
            input = json.readValue(s.inputEvent, PaperIngested.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        ScriptReady.Explanation explanation = null;
        if (s.explanationJson != null) {
            try {
                explanation = json.readValue(s.explanationJson, ScriptReady.Explanation.class);
            } catch (Exception e) {
                LOG.warnf("explanation figures of %s are unreadable (%s); the event goes without them", arxivId, e.getMessage());
            }
        }
        events.scriptReady(new ScriptReady(arxivId, version, run, input.paper(), s.episodeTitle, s.description,
                s.scriptKey, s.markdownKey, s.wordCount, s.writer, Instant.now(), explanation));
        QuarkusTransaction.requiringNew().run(() -> {
            Script row = Script.byNaturalKey(arxivId, version, run).orElseThrow();
            row.status = Script.Status.READY;
            row.failureReason = null;
            row.updatedAt = Instant.now();
            if (handledEventId != null) {
                ProcessedEvent.record(handledEventId);
            }
        });
    }

    private ScriptRequest request(PaperIngested event) {
        if (event.paper() == null) {
            throw new PermanentFailure("the ingested event for " + event.arxivId() + " carries no paper metadata");
        }
        PaperText text = null;
        if (event.textKey() != null && !event.textKey().isBlank()) {
            Optional<byte[]> bytes = store.get(event.textKey());
            if (bytes.isPresent()) {
                try {
                    text = json.readValue(bytes.get(), PaperText.class);
                } catch (Exception e) {
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
            throw new PermanentFailure(e.getMessage() + "; submit the paper again with a known format");
        }
        ScriptRequest req = new ScriptRequest(event.arxivId(), event.version(), event.paper(), text, show);
        if (req.text().fullText().isBlank()) {
            throw new PermanentFailure("nothing to write about: " + event.arxivId()
                    + " has neither extracted text nor an abstract; re-ingest the paper");
        }
        return req;
    }

    void store(PaperIngested event, WrittenScript written) {
        try {
            store.put(key(event, "script.json"), json.writeValueAsBytes(written.script()), "application/json");
            store.put(key(event, "script.md"), ScriptMarkdown.render(written.script()).getBytes(StandardCharsets.UTF_8),
                    "text/markdown; charset=utf-8");
            store.put(key(event, "grounding.json"), json.writeValueAsBytes(written.grounding()), "application/json");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
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
        s.updatedAt = Instant.now();
    }

    static String explanationJson(GroundingReport g) {
        GroundingReport.Explain e = g.explain();
        if (e == null) {
            return null;
        }
        try {
            return EXPLANATION_JSON.writeValueAsString(new ScriptReady.Explanation(e.recitalPercent(), e.repeatedRuns(),
                    e.sectionsUsed(), e.termsExplained(), e.abstractOnly()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper EXPLANATION_JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /**
     * The consumers' catch-all, outside the stage's @Retry: an exception the stage did not report
     * becomes one StageFailed (retryable) with a sentence for the operator; the stack trace is logged.
     */
    public void failUnexpected(String arxivId, int version, int run, int attempt, RuntimeException e) {
        if (!UnexpectedFailures.reported(e)) {
            report(arxivId, version, run, attempt, e, "unexpected");
        }
    }

    private void report(String arxivId, int version, int run, int attempt, RuntimeException e, String counterReason) {
        markFailed(arxivId, version, run, UnexpectedFailures.reason(Stage.SCRIPT, e));
        UnexpectedFailures.report(Stage.SCRIPT, arxivId, version, run, attempt, e, events::stageFailed);
        metrics.counter("paperledge.stage.outcomes", "stage", "script", "outcome", "failure", "writer", "none", "reason",
                counterReason).increment();
    }

    private void markFailed(String arxivId, int version, int run, String reason) {
        try {
            QuarkusTransaction.requiringNew().run(() -> Script.byNaturalKey(arxivId, version, run)
                    .ifPresent(s -> {
                        s.status = Script.Status.FAILED;
                        s.failureReason = reason;
                        s.updatedAt = Instant.now();
                    }));
        } catch (RuntimeException e) {
            LOG.warn("could not record the failure", e);
        }
    }

    private void fail(String arxivId, int version, int run, int attempt, boolean retryable, String reason) {
        events.stageFailed(new StageFailed(arxivId, version, run, Stage.SCRIPT, reason, attempt, retryable, Instant.now()));
    }

    /** Scripts held for review. */
    public List<Script> inReview() {
        return Script.list("status", Script.Status.IN_REVIEW);
    }
}
