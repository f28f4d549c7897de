package dev.paperledge.ingest.service;

import java.time.Instant;

import dev.paperledge.contracts.RetryRequested;
import dev.paperledge.contracts.Stage;
import dev.paperledge.ingest.domain.Paper;
import dev.paperledge.ingest.domain.PaperStatus;
import dev.paperledge.ingest.domain.StageProgress;
import dev.paperledge.ingest.messaging.EventPublisher;
import dev.paperledge.ingest.status.StatusProjection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

/**
 * An operator's retry of a failed paper, from the stage that failed: ingest runs again here; any
 * other stage gets a {@link RetryRequested} (attempt + 1) on {@code pipeline.retries}, which the
 * owning service acts on.
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

    public RetryService(EventPublisher publisher, IngestWorker worker, StatusProjection projection) {
        this.publisher = publisher;
        this.worker = worker;
        this.projection = projection;
    }

    /** Starts the retry; returns the stage being retried. */
    public Stage retry(String arxivId) {
        Target t = check(arxivId);
        Paper p = t.paper();
        Stage stage = p.failedStage;
        if (stage == Stage.INGEST) {
            reopen(arxivId, t.nextAttempt(), stage);
            worker.nudge();
            return stage;
        }
        // Send first: if the broker is down the operator gets an error and the paper stays FAILED.
        publisher.retry(new RetryRequested(arxivId, p.version == null ? 1 : p.version, p.run, stage, t.nextAttempt(),
                Instant.now()));
        reopen(arxivId, t.nextAttempt(), stage);
        return stage;
    }

    /** The failed paper and the attempt its retry starts (the failed stage's attempt + 1). */
    public record Target(Paper paper, int nextAttempt) {
    }

    @Transactional
    public Target check(String arxivId) {
        Paper p = Paper.findById(arxivId);
        if (p == null) {
            throw new NotFound("no paper " + arxivId);
        }
        if (p.status != PaperStatus.FAILED || p.failedStage == null) {
            throw new NotRetryable("paper " + arxivId + " is " + p.status + ", not FAILED: nothing to retry");
        }
        StageProgress row = StageProgress.findById(new StageProgress.Key(p.arxivId, p.run, p.failedStage));
        int failed = row == null ? p.attempt
                : Math.max(row.attempt, row.failedAttempt == null ? 1 : row.failedAttempt);
        return new Target(p, failed + 1);
    }

    @Transactional
    public void reopen(String arxivId, int attempt, Stage stage) {
        Paper p = Paper.findById(arxivId, LockModeType.PESSIMISTIC_WRITE);
        if (p.status != PaperStatus.FAILED) {
            return;
        }
        if (stage == Stage.INGEST) {
            p.ingestedEvent = null;
            p.eventSentAt = null;
            p.leaseUntil = null;
            p.nextAttemptAt = null;
            p.ingestTries = 0;
            p.lastError = null;
        }
        // The new attempt makes the failure history: the status is derived again from the stage rows.
        StageProgress.of(p.arxivId, p.run, stage).mergeAttempt(attempt);
        projection.recompute(p, "retry of " + stage.id() + ", attempt " + attempt, Instant.now(), stage);
    }
}
