package dev.paperledge.ingest.service;

import java.time.Duration;
import java.time.Instant;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.paperledge.contracts.RetryRequested;
import dev.paperledge.contracts.Stage;
import dev.paperledge.ingest.domain.Paper;
import dev.paperledge.ingest.domain.PaperStatus;
import dev.paperledge.ingest.domain.StageProgress;
import dev.paperledge.ingest.messaging.EventPublisher;
import dev.paperledge.ingest.status.StatusProjection;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

/**
 * An operator's retry of a failed paper, from the stage that failed: ingest runs again here; any
 * other stage gets a {@link RetryRequested} (attempt + 1) on {@code pipeline.retries}, which the
 * owning service acts on, carrying the stage's input as its consumer dead-lettered it in this run when
 * the status projection kept one (the stage runs from it if it never recorded an input of its own). A later stage that has shown no progress for
 * {@code paperledge.retry.stuck-after} (its service lost its result or its failure: no event came)
 * can be retried the same way although the paper is not FAILED; anything else is answered with a
 * sentence saying why not and what can be done.
 */
@ApplicationScoped
public class RetryService {

    public static class NotRetryable extends RuntimeException {
        public NotRetryable(String message) {
            super(message);
        }
    }

    public static class NotFound extends RuntimeException {
        public NotFound(String message) {
            super(message);
        }
    }

    private final EventPublisher publisher;
    private final IngestWorker worker;
    private final StatusProjection projection;
    private final Duration stuckAfter;

    public RetryService(EventPublisher publisher, IngestWorker worker, StatusProjection projection,
            @ConfigProperty(name = "paperledge.retry.stuck-after", defaultValue = "30m") Duration stuckAfter) {
        this.publisher = publisher;
        this.worker = worker;
        this.projection = projection;
        this.stuckAfter = stuckAfter;
    }

    /** Starts the retry; returns the stage being retried. */
    public Stage retry(String arxivId) {
        Target t = check(arxivId);
        Paper p = t.paper();
        Stage stage = t.stage();
        if (stage == Stage.INGEST) {
            reopen(arxivId, t.nextAttempt(), stage);
            worker.nudge();
            return stage;
        }
        // Send first: if the broker is down the operator gets an error and the paper stays as it was.
        publisher.retry(new RetryRequested(arxivId, p.version == null ? 1 : p.version, p.run, stage, t.nextAttempt(),
                Instant.now(), t.input()));
        if (t.stuck()) {
            reopenStuck(arxivId, t.nextAttempt(), stage);
        } else {
            reopen(arxivId, t.nextAttempt(), stage);
        }
        return stage;
    }

    /**
     * The paper, the stage to retry and the attempt its retry starts (that stage's attempt + 1);
     * {@code stuck}: the stage is not FAILED but has shown no progress for too long; {@code input}: the
     * stage's input as its consumer dead-lettered it in this run, when kept (else null).
     */
    public record Target(Paper paper, Stage stage, int nextAttempt, boolean stuck, String input) {
    }

    /**
     * What a retry of {@code arxivId} would do, read in one transaction (the caller's, if it has one);
     * throws {@link NotFound} or {@link NotRetryable} (rolled back) when there is nothing to retry.
     */
    public Target check(String arxivId) {
        return QuarkusTransaction.joiningExisting().call(() -> targetOf(arxivId));
    }

    private Target targetOf(String arxivId) {
        Paper p = Paper.findById(arxivId);
        if (p == null) {
            throw new NotFound("no paper " + arxivId);
        }
        if (p.status == PaperStatus.FAILED && p.failedStage != null) {
            return target(p, p.failedStage, false);
        }
        if (p.status == PaperStatus.PUBLISHED) {
            throw new NotRetryable("paper " + arxivId + " is PUBLISHED: nothing to retry (to produce it again,"
                    + " submit it with ?force=true)");
        }
        if (p.status == PaperStatus.FAILED) {
            throw new NotRetryable("paper " + arxivId + " is FAILED but no failed stage is recorded; rebuild its status"
                    + " (POST /api/admin/status/rebuild?arxivId=" + arxivId + ") and retry again");
        }
        if (p.status == PaperStatus.REQUESTED) {
            throw new NotRetryable("paper " + arxivId + " is still being ingested (try " + p.ingestTries
                    + "); ingest retries by itself and fails with a reason when it gives up, then it can be retried");
        }
        Stage running = Stage.values()[p.status.rank()];
        Instant quietSince = p.updatedAt == null ? Instant.EPOCH : p.updatedAt;
        Duration quiet = Duration.between(quietSince, Instant.now());
        if (quiet.compareTo(stuckAfter) < 0) {
            throw new NotRetryable("paper " + arxivId + " is " + p.status + ": the " + running.id()
                    + " stage is running (no news for " + minutes(quiet) + "); it can be retried once it has"
                    + " FAILED, or when it has shown no progress for " + minutes(stuckAfter));
        }
        return target(p, running, true);
    }

    private static Target target(Paper p, Stage stage, boolean stuck) {
        StageProgress row = StageProgress.findById(new StageProgress.Key(p.arxivId, p.run, stage));
        int attempt = row == null ? p.attempt
                : Math.max(row.attempt, row.failedAttempt == null ? 1 : row.failedAttempt);
        return new Target(p, stage, attempt + 1, stuck, row == null ? null : row.deadLetterInput);
    }

    private static String minutes(Duration d) {
        long m = d.toMinutes();
        return m == 0 ? d.toSeconds() + " s" : m + " min";
    }

    /** A stage that showed no progress is started again: its attempt goes up, the timeline says so. */
    public void reopenStuck(String arxivId, int attempt, Stage stage) {
        QuarkusTransaction.joiningExisting().run(() -> {
            Paper p = Paper.findById(arxivId, LockModeType.PESSIMISTIC_WRITE);
            if (p.status != PaperStatus.beforeStage(stage)) {
                return; // it moved on meanwhile
            }
            StageProgress.of(p.arxivId, p.run, stage).mergeAttempt(attempt);
            p.transition(p.status, stage, "retry of " + stage.id() + ", attempt " + attempt + ": no progress for "
                    + minutes(Duration.between(p.updatedAt == null ? Instant.EPOCH : p.updatedAt, Instant.now())));
            projection.recompute(p, "retry of " + stage.id() + ", attempt " + attempt, Instant.now(), stage);
        });
    }

    /** A FAILED stage is started again (one transaction, the caller's if it has one). */
    public void reopen(String arxivId, int attempt, Stage stage) {
        QuarkusTransaction.joiningExisting().run(() -> {
            Paper p = Paper.findById(arxivId, LockModeType.PESSIMISTIC_WRITE);
            if (p.status != PaperStatus.FAILED) {
                return;
            }
            if (stage == Stage.INGEST) {
                p.resetIngest();
            }
            // The new attempt makes the failure history: the status is derived again from the stage rows.
            StageProgress.of(p.arxivId, p.run, stage).mergeAttempt(attempt);
            projection.recompute(p, "retry of " + stage.id() + ", attempt " + attempt, Instant.now(), stage);
        });
    }
}
