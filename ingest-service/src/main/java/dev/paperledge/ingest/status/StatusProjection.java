package dev.paperledge.ingest.status;

import java.time.Instant;
import java.util.Objects;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.paperledge.contracts.AudioReady;
import dev.paperledge.contracts.EpisodePublished;
import dev.paperledge.contracts.PaperIngested;
import dev.paperledge.contracts.PipelineEvent;
import dev.paperledge.contracts.RetryRequested;
import dev.paperledge.contracts.ScriptReady;
import dev.paperledge.contracts.Stage;
import dev.paperledge.contracts.StageFailed;
import dev.paperledge.stage.db.ProcessedEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;

/**
 * Applies the pipeline's events to the papers' status. Each event is merged into the paper's
 * per-stage rows ({@link StageProgress}: earliest success, highest attempt, latest failure), and the
 * paper's status ({@link StatusRecord}) is then derived from those rows ({@link Progress}), so the
 * result does not depend on the order events arrive in, and an event id is applied once
 * ({@code processed_event}). Events of another run (before a forced re-production) and of papers this
 * service never took in (another installation's, another test's) are ignored.
 * <p>
 * Intake tells the projection what only it knows, through the methods under "From intake": a run
 * started, ingest's result was acknowledged, ingest failed or waits for its next try, an operator
 * reopened a stage. The projection's tables are its own; it reads nothing of intake's. Each call is
 * one transaction ({@code QuarkusTransaction.joiningExisting()}: the caller's, if it has one).
 */
@ApplicationScoped
public class StatusProjection {
    private static final Logger LOG = Logger.getLogger(StatusProjection.class);

    /** What applying an event did. STALE: recorded, but the paper's status did not change. */
    public enum Outcome {
        APPLIED, DUPLICATE, UNKNOWN_PAPER, OTHER_RUN, STALE
    }

    /**
     * A consumer sent a stage's input event to its dead-letter topic: a failure of the consuming stage.
     * {@code run} and {@code version}: as the record names them (null: not named); {@code input}: the
     * record's value when it is fit to keep for a retry (see {@link StatusRecordHandler}), else null.
     */
    public record DeadLetter(String eventId, String arxivId, Integer run, Integer version, Stage failedStage,
            String reason, String topic, Instant at, String input) {
    }

    private final Event<PaperChanged> changes;

    private final ObjectMapper json;

    public StatusProjection(Event<PaperChanged> changes, ObjectMapper json) {
        this.changes = changes;
        this.json = json;
    }

    /** ingest's own PaperIngested (read back from papers.ingested, so a replay rebuilds it too). */
    public Outcome ingested(PaperIngested event) {
        return succeeded(event, "text source " + event.textSource());
    }

    /** A stage succeeded (PaperIngested, ScriptReady, AudioReady, EpisodePublished). */
    public Outcome succeeded(PipelineEvent event, String detail) {
        return QuarkusTransaction.joiningExisting().call(() -> applySuccess(event, detail));
    }

    private Outcome applySuccess(PipelineEvent event, String detail) {
        StatusRecord p = lockCurrent(event.arxivId(), event.run(), event);
        if (p == null) {
            return outcomeOfMissing(event.arxivId());
        }
        if (!firstTime(event.eventId())) {
            return Outcome.DUPLICATE;
        }
        Instant at = timeOf(event);
        StageProgress row = StageProgress.of(p.arxivId, p.run, event.stage());
        row.mergeSuccess(at, detail);
        if (event instanceof AudioReady a && a.listening() != null) {
            row.listeningJson = toJson(a.listening());
        }
        if (event instanceof ScriptReady sr && sr.explanation() != null) {
            row.explanationJson = toJson(sr.explanation());
        }
        if (event instanceof EpisodePublished e && e.episodeUrl() != null) {
            p.episodeUrl = e.episodeUrl();
        }
        if (event instanceof PaperIngested) {
            p.version = event.version();
        }
        return recompute(p, detail, at, event.stage());
    }

    /** A stage gave up (StageFailed). */
    public Outcome failed(StageFailed event) {
        return QuarkusTransaction.joiningExisting().call(() -> applyFailure(event));
    }

    private Outcome applyFailure(StageFailed event) {
        StatusRecord p = lockCurrent(event.arxivId(), event.run(), event);
        if (p == null) {
            return outcomeOfMissing(event.arxivId());
        }
        if (!firstTime(event.eventId())) {
            return Outcome.DUPLICATE;
        }
        Instant at = timeOf(event);
        StageProgress.of(p.arxivId, p.run, event.failedStage()).mergeFailure(event.attempt(), at, event.reason(),
                event.retryable());
        return recompute(p, event.reason(), at, event.failedStage());
    }

    /** An operator retried a stage (RetryRequested on pipeline.retries): earlier failures are history. */
    public Outcome retried(RetryRequested event) {
        return QuarkusTransaction.joiningExisting().call(() -> applyRetry(event));
    }

    private Outcome applyRetry(RetryRequested event) {
        StatusRecord p = lockCurrent(event.arxivId(), event.run(), event);
        if (p == null) {
            return outcomeOfMissing(event.arxivId());
        }
        if (!firstTime(event.eventId())) {
            return Outcome.DUPLICATE;
        }
        StageProgress.of(p.arxivId, p.run, event.retryStage()).mergeAttempt(event.attempt());
        return recompute(p, "retry of " + event.retryStage().id() + ", attempt " + event.attempt(), timeOf(event),
                event.retryStage());
    }

    /** A dead-lettered input: shown as a failure of the stage that consumed it. */
    public Outcome deadLettered(DeadLetter dl) {
        return QuarkusTransaction.joiningExisting().call(() -> applyDeadLetter(dl));
    }

    private Outcome applyDeadLetter(DeadLetter dl) {
        StatusRecord p = StatusRecord.findById(dl.arxivId(), LockModeType.PESSIMISTIC_WRITE);
        if (p == null) {
            return Outcome.UNKNOWN_PAPER;
        }
        if (dl.run() != null && dl.run() != p.run) {
            return Outcome.OTHER_RUN;
        }
        if (!firstTime(dl.eventId())) {
            return Outcome.DUPLICATE;
        }
        String input = dl.input();
        if (input != null && dl.version() != null && p.version != null && !dl.version().equals(p.version)) {
            LOG.infof("%s: the dead letter on %s keeps no input for a retry: it names version %d, the paper is at %d",
                    p.arxivId, dl.topic(), dl.version(), p.version);
            input = null;
        }
        StageProgress.of(p.arxivId, p.run, dl.failedStage()).mergeDeadLetter(dl.at(), dl.reason(), dl.topic(), input);
        return recompute(p, "dead-lettered on " + dl.topic(), dl.at(), dl.failedStage());
    }

    // From intake -----------------------------------------------------------------------------------

    /**
     * Run {@code run} of the paper was requested at {@code at} (a first submission, a new version or a
     * forced re-production): the paper is REQUESTED again, with nothing of an earlier run carried over.
     */
    public void runStarted(String arxivId, int run, Instant at, String detail) {
        QuarkusTransaction.joiningExisting().run(() -> {
            StatusRecord p = StatusRecord.findById(arxivId, LockModeType.PESSIMISTIC_WRITE);
            if (p == null) {
                p = new StatusRecord();
                p.arxivId = arxivId;
                // The insert takes the state of this moment: the NOT NULL columns are set first.
                p.status = PaperStatus.REQUESTED;
                p.updatedAt = Instant.now();
                p.persist();
            }
            p.run = run;
            p.version = null;
            p.attempt = 1;
            p.failedStage = null;
            p.failureReason = null;
            p.failureRetryable = null;
            p.episodeUrl = null;
            p.ingestAckedAt = null;
            p.runStartedAt = at;
            p.transition(PaperStatus.REQUESTED, Stage.INGEST, detail, at);
            changes.fire(new PaperChanged(arxivId));
        });
    }

    /**
     * The broker acknowledged run {@code run}'s PaperIngested (version {@code version}, written at
     * {@code ingestedAt}): ingest is done, whether or not the event has been read back yet.
     */
    public void ingestAcknowledged(String arxivId, int run, Integer version, Instant ingestedAt, String detail) {
        QuarkusTransaction.joiningExisting().run(() -> {
            StatusRecord p = lockRun(arxivId, run);
            if (p == null) {
                return;
            }
            p.ingestAckedAt = Instant.now();
            p.version = version;
            Instant at = ingestedAt == null ? p.ingestAckedAt : ingestedAt;
            StageProgress.of(arxivId, run, Stage.INGEST).mergeSuccess(at, detail);
            // A downstream event may have moved it further already.
            recompute(p, detail, at, Stage.INGEST);
        });
    }

    /** Ingest gave up on attempt {@code attempt} of run {@code run}. */
    public void ingestFailed(String arxivId, int run, int attempt, String reason, boolean retryable, Instant at) {
        QuarkusTransaction.joiningExisting().run(() -> {
            StatusRecord p = lockRun(arxivId, run);
            if (p == null) {
                return;
            }
            StageProgress.of(arxivId, run, Stage.INGEST).mergeFailure(attempt, at, reason, retryable);
            recompute(p, reason, at, Stage.INGEST);
        });
    }

    /** A transient ingest error at {@code at}: the paper stays REQUESTED and ingest tries again at {@code next}. */
    public void ingestWaiting(String arxivId, int run, String error, Instant at, Instant next) {
        QuarkusTransaction.joiningExisting().run(() -> {
            StatusRecord p = lockRun(arxivId, run);
            if (p == null) {
                return;
            }
            p.updatedAt = at;
            StageProgress.of(arxivId, run, Stage.INGEST).transientError(error, at, next);
            changes.fire(new PaperChanged(arxivId));
        });
    }

    /**
     * An operator retry starts {@code attempt} of the FAILED {@code stage}: the failure becomes history
     * and the status is derived again. Returns false (nothing changed) when the paper is not FAILED.
     */
    public boolean reopen(String arxivId, Stage stage, int attempt) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            StatusRecord p = StatusRecord.findById(arxivId, LockModeType.PESSIMISTIC_WRITE);
            if (p == null || p.status != PaperStatus.FAILED) {
                return false;
            }
            StageProgress.of(arxivId, p.run, stage).mergeAttempt(attempt);
            recompute(p, "retry of " + stage.id() + ", attempt " + attempt, Instant.now(), stage);
            return true;
        });
    }

    /**
     * An operator retry starts {@code attempt} of {@code stage}, which showed no progress for
     * {@code quiet}; nothing changes when the paper moved on meanwhile.
     */
    public void reopenStuck(String arxivId, Stage stage, int attempt, String quiet) {
        QuarkusTransaction.joiningExisting().run(() -> {
            StatusRecord p = StatusRecord.findById(arxivId, LockModeType.PESSIMISTIC_WRITE);
            if (p == null || p.status != PaperStatus.beforeStage(stage)) {
                return;
            }
            StageProgress.of(arxivId, p.run, stage).mergeAttempt(attempt);
            String detail = "retry of " + stage.id() + ", attempt " + attempt;
            p.transition(p.status, stage, detail + ": no progress for " + quiet, Instant.now());
            recompute(p, detail, Instant.now(), stage);
        });
    }

    /** The status row of run {@code run}, locked; null when the paper is unknown or at another run. */
    private static StatusRecord lockRun(String arxivId, int run) {
        StatusRecord p = StatusRecord.findById(arxivId, LockModeType.PESSIMISTIC_WRITE);
        return p == null || p.run != run ? null : p;
    }

    /**
     * Derives the paper's status from its stage rows and records a transition when it changed. The
     * caller holds the status row's lock inside a transaction.
     */
    Outcome recompute(StatusRecord p, String detail, Instant at, Stage stageHint) {
        Progress.Derived d = Progress.derive(StageProgress.ofRun(p.arxivId, p.run), p.ingestAcked());
        boolean changed = d.status() != p.status || d.failedStage() != p.failedStage
                || !Objects.equals(d.reason(), p.failureReason);
        p.failedStage = d.failedStage();
        p.failureReason = d.reason();
        p.failureRetryable = d.retryable();
        p.attempt = d.attempt();
        p.updatedAt = Instant.now();
        if (changed) {
            Stage stage = d.status() == PaperStatus.FAILED ? d.failedStage()
                    : d.status() == PaperStatus.REQUESTED ? Stage.INGEST : stageHint;
            p.transition(d.status(), stage, d.status() == PaperStatus.FAILED ? d.reason() : detail, at);
        }
        changes.fire(new PaperChanged(p.arxivId));
        return changed ? Outcome.APPLIED : Outcome.STALE;
    }

    /** As {@link #lockRun}, for an event: one that is ignored is logged. */
    private static StatusRecord lockCurrent(String arxivId, int run, PipelineEvent event) {
        StatusRecord p = lockRun(arxivId, run);
        if (p == null) {
            LOG.debugf("status: ignoring %s of run %d for %s (unknown paper or another run)", event.eventType(), run,
                    arxivId);
        }
        return p;
    }

    private static Outcome outcomeOfMissing(String arxivId) {
        return StatusRecord.findById(arxivId) == null ? Outcome.UNKNOWN_PAPER : Outcome.OTHER_RUN;
    }

    private String toJson(Object figures) {
        try {
            return json.writeValueAsString(figures);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The event's own time (when the stage did it), so timings survive late delivery and replays. */
    static Instant timeOf(PipelineEvent e) {
        Instant t = null;
        if (e instanceof PaperIngested x) {
            t = x.ingestedAt();
        } else if (e instanceof ScriptReady x) {
            t = x.writtenAt();
        } else if (e instanceof AudioReady x) {
            t = x.voicedAt();
        } else if (e instanceof EpisodePublished x) {
            t = x.publishedAt();
        } else if (e instanceof StageFailed x) {
            t = x.failedAt();
        } else if (e instanceof RetryRequested x) {
            t = x.requestedAt();
        }
        return t == null ? Instant.now() : t;
    }

    /** Records the event id; false when it was applied before (also when a concurrent replay just did). */
    static boolean firstTime(String eventId) {
        return ProcessedEvent.record(eventId);
    }
}
