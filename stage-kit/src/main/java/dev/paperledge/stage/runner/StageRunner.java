package dev.paperledge.stage.runner;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.paperledge.contracts.PipelineEvent;
import dev.paperledge.contracts.RetryRequested;
import dev.paperledge.contracts.StageFailed;
import dev.paperledge.stage.db.DatabaseUnavailable;
import dev.paperledge.stage.failure.PermanentFailure;
import dev.paperledge.stage.failure.StageFailureReported;
import dev.paperledge.stage.failure.UnexpectedFailures;
import dev.paperledge.stage.storage.ObjectStoreUnavailable;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Runs a {@link StageHandler} the one way every stage runs: the plumbing, written once.
 * <ul>
 * <li><b>Deduplicates</b>: an input whose event id the {@link Inbox} holds is dropped; the id is
 * recorded once the handler is done with it (after its event was acknowledged), so a crash before
 * that redoes the work and re-sends the same event id, which the next stage drops.</li>
 * <li><b>Records the input</b> ({@link InputLog}) before any work, so an operator's retry reruns from
 * it; a retry whose first delivery was dead-lettered before it was recorded runs from the copy the
 * retry carries, if it is for the same production.</li>
 * <li><b>Reports every failure once</b> as {@code StageFailed}: {@link PermanentFailure} not retryable
 * (the input is done with), {@link RetryableFailure} and an unreachable object store retryable (the
 * input record is dead-lettered), a database outage waited out by {@link DatabaseRetry} and, past it,
 * reported like anything else unexpected: one retryable {@code StageFailed} with a sentence a person
 * can act on ({@link UnexpectedFailures}). No exception leaves a paper neither running nor FAILED.</li>
 * <li><b>Counts</b> {@code paperledge.stage.outcomes{stage,outcome,reason}} and times
 * {@code paperledge.stage.duration{stage,outcome}}, the same names in every service.</li>
 * </ul>
 * A plain class: the service's consumer calls {@link #accept} and {@link #retry}; fast tests run it
 * with in-memory parts ({@code dev.paperledge.stage.testing.StageHarness}).
 */
public class StageRunner<I extends PipelineEvent> {
    private static final Logger LOG = Logger.getLogger(StageRunner.class);
    private static final DatabaseUnavailable DATABASE = new DatabaseUnavailable();

    private final StageHandler<I> handler;
    private final Consumer<StageFailed> failures;
    private final Inbox inbox;
    private final InputLog inputs;
    private final DatabaseRetry databaseRetry;
    private final ObjectMapper json;
    private final MeterRegistry metrics;
    private final String stage;

    public StageRunner(StageHandler<I> handler, Consumer<StageFailed> failures, Inbox inbox, InputLog inputs,
            DatabaseRetry databaseRetry, ObjectMapper json, MeterRegistry metrics) {
        this.handler = handler;
        this.failures = failures;
        this.inbox = inbox;
        this.inputs = inputs;
        this.databaseRetry = databaseRetry;
        this.json = json;
        this.metrics = metrics;
        this.stage = handler.stage().id();
    }

    /**
     * One record from the stage's input topic. Returns normally to acknowledge it; throws to
     * dead-letter it, after the failure was reported: an unreadable record (null, as the
     * deserializer hands it over), a retryable failure, or one that escaped every retry.
     */
    public void accept(I event) {
        if (event == null) {
            throw new IllegalArgumentException("record on the " + stage + " stage's input topic is not a readable "
                    + handler.inputType().getSimpleName() + " JSON");
        }
        try {
            databaseRetry.run(() -> first(event));
        } catch (RuntimeException e) {
            failUnexpected(Production.of(event), 1, e);
            throw e;
        }
    }

    /**
     * One record from pipeline.retries: reruns the stage when the retry is for it, ignores it
     * otherwise. Always acknowledged: a failure is reported as {@code StageFailed}, which makes the
     * paper FAILED and retryable again.
     */
    public void retry(RetryRequested retry) {
        if (retry == null || retry.retryStage() != handler.stage()) {
            return; // another stage's retry, or an unreadable record
        }
        try {
            databaseRetry.run(() -> rerun(retry));
        } catch (RuntimeException e) {
            failUnexpected(Production.of(retry), retry.attempt(), e);
        }
    }

    private void first(I event) {
        if (inbox.seen(event.eventId())) {
            LOG.debugf("%s: dropping redelivered %s", stage, event.eventId());
            count("duplicate", "redelivery");
            return;
        }
        inputs.record(Production.of(event), event.eventId(), write(event));
        run(event, 1, event.eventId());
    }

    private void rerun(RetryRequested retry) {
        if (inbox.seen(retry.eventId())) {
            count("duplicate", "redelivery");
            return;
        }
        Production production = Production.of(retry);
        I input;
        try {
            input = retryInput(retry, production);
        } catch (PermanentFailure f) {
            Timer.Sample sample = Timer.start(metrics);
            failed(production, retry.attempt(), f.getMessage(), false);
            inbox.record(retry.eventId());
            finish(sample, "failure", f.code());
            return;
        }
        LOG.infof("%s: retrying %s (attempt %d)", stage, production, retry.attempt());
        if (run(input, retry.attempt(), retry.eventId())) {
            inbox.record(input.eventId()); // the first delivery, if it comes again, is done with too
        }
    }

    /**
     * The input a retry reruns: the one recorded when it first came; else the one the retry carries
     * (the record the stage dead-lettered before it could record it), recorded now as a first
     * delivery would.
     */
    private I retryInput(RetryRequested retry, Production production) {
        Optional<String> recorded = inputs.find(production);
        if (recorded.isPresent()) {
            return read(recorded.get(), "the recorded input of " + production);
        }
        if (retry.input() == null) {
            throw new PermanentFailure("no-input", "retry requested but the " + stage + " stage never received "
                    + production + "; " + handler.whenNoInput(), null);
        }
        I carried = read(retry.input(), "the input the retry of " + production + " carries");
        if (!production.equals(Production.of(carried))) {
            throw new PermanentFailure("bad-input", "the retry of " + production + " carries the input of "
                    + Production.of(carried) + ", another production; " + handler.whenNoInput(), null);
        }
        inputs.record(production, carried.eventId(), retry.input());
        return carried;
    }

    /** Runs the handler on one input; true when it is done with (succeeded, held or failed for good). */
    private boolean run(I input, int attempt, String handledEventId) {
        Production production = Production.of(input);
        Timer.Sample sample = Timer.start(metrics);
        try {
            Outcome outcome = handler.handle(input, attempt);
            inbox.record(handledEventId);
            finish(sample, outcome.outcome(), outcome.reason());
            return true;
        } catch (PermanentFailure f) {
            failed(production, attempt, f.getMessage(), false);
            inbox.record(handledEventId);
            finish(sample, "failure", f.code());
            return true;
        } catch (RetryableFailure f) {
            failed(production, attempt, f.getMessage(), true);
            finish(sample, "failure", f.code());
            throw new StageFailureReported(f);
        } catch (ObjectStoreUnavailable e) {
            LOG.warnf(e, "%s: object store unavailable for %s", stage, production);
            failed(production, attempt, UnexpectedFailures.reason(handler.stage(), e), true);
            finish(sample, "failure", "object-store");
            throw new StageFailureReported(e);
        } catch (RuntimeException e) {
            if (DATABASE.test(e) || UnexpectedFailures.reported(e)) {
                throw e; // the database retry waits it out; if it stays away, accept/retry report it once
            }
            failUnexpected(production, attempt, e);
            throw new StageFailureReported(e);
        }
    }

    /**
     * The last word on an exception that escaped the handler and the database retry: one retryable
     * {@code StageFailed} with a sentence for the operator (the trace goes to the log), unless the
     * failure was reported already.
     */
    private void failUnexpected(Production production, int attempt, RuntimeException e) {
        if (UnexpectedFailures.reported(e)) {
            return;
        }
        tell(production, UnexpectedFailures.reason(handler.stage(), e), true);
        UnexpectedFailures.report(handler.stage(), production.arxivId(), production.version(), production.run(),
                attempt, e, failures);
        count("failure", "unexpected");
    }

    private void failed(Production production, int attempt, String reason, boolean retryable) {
        LOG.warnf("%s failed for %s (attempt %d, %s): %s", stage, production, attempt,
                retryable ? "retryable" : "permanent", reason);
        tell(production, reason, retryable);
        failures.accept(new StageFailed(production.arxivId(), production.version(), production.run(),
                handler.stage(), reason, attempt, retryable, Instant.now()));
    }

    private void tell(Production production, String reason, boolean retryable) {
        try {
            handler.failed(production, reason, retryable);
        } catch (RuntimeException e) {
            LOG.warnf(e, "%s: could not record the failure of %s", stage, production);
        }
    }

    private I read(String eventJson, String what) {
        try {
            I event = json.readValue(eventJson, handler.inputType());
            if (event == null || event.arxivId() == null) {
                throw new PermanentFailure("bad-input", what + " is not a readable "
                        + handler.inputType().getSimpleName() + "; " + handler.whenNoInput(), null);
            }
            return event;
        } catch (JsonProcessingException e) {
            throw new PermanentFailure("bad-input", what + " is not a readable "
                    + handler.inputType().getSimpleName() + " (" + e.getOriginalMessage() + "); "
                    + handler.whenNoInput(), e);
        }
    }

    private String write(I event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + event.eventId() + " as JSON", e);
        }
    }

    private void finish(Timer.Sample sample, String outcome, String reason) {
        sample.stop(metrics.timer("paperledge.stage.duration", "stage", stage, "outcome", outcome));
        count(outcome, reason);
    }

    private void count(String outcome, String reason) {
        metrics.counter("paperledge.stage.outcomes", "stage", stage, "outcome", outcome, "reason", reason).increment();
    }
}
