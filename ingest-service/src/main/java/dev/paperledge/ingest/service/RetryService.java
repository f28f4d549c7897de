package dev.paperledge.ingest.service;

import java.time.Instant;

import dev.paperledge.contracts.RetryRequested;
import dev.paperledge.contracts.Stage;
import dev.paperledge.ingest.domain.Paper;
import dev.paperledge.ingest.domain.PaperStatus;
import dev.paperledge.ingest.messaging.EventPublisher;
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

    public RetryService(EventPublisher publisher, IngestWorker worker) {
        this.publisher = publisher;
        this.worker = worker;
    }

    /** Starts the retry; returns the stage being retried. */
    public Stage retry(String arxivId) {
        Paper p = check(arxivId);
        Stage stage = p.failedStage;
        if (stage == Stage.INGEST) {
            reopen(arxivId, p.attempt + 1, stage);
            worker.nudge();
            return stage;
        }
        // Send first: if the broker is down the operator gets an error and the paper stays FAILED.
        publisher.retry(new RetryRequested(arxivId, p.version == null ? 1 : p.version, p.run, stage, p.attempt + 1,
                Instant.now()));
        reopen(arxivId, p.attempt + 1, stage);
        return stage;
    }

    @Transactional
    public Paper check(String arxivId) {
        Paper p = Paper.findById(arxivId);
        if (p == null) {
            throw new NotFound("no paper " + arxivId);
        }
        if (p.status != PaperStatus.FAILED || p.failedStage == null) {
            throw new NotRetryable("paper " + arxivId + " is " + p.status + ", not FAILED: nothing to retry");
        }
        return p;
    }

    @Transactional
    public void reopen(String arxivId, int attempt, Stage stage) {
        Paper p = Paper.findById(arxivId, LockModeType.PESSIMISTIC_WRITE);
        if (p.status != PaperStatus.FAILED) {
            return;
        }
        p.attempt = attempt;
        p.clearFailure();
        if (stage == Stage.INGEST) {
            p.ingestedEvent = null;
            p.eventSentAt = null;
            p.leaseUntil = null;
            p.nextAttemptAt = null;
        }
        p.transition(PaperStatus.beforeStage(stage), stage, "retry of " + stage.id() + ", attempt " + attempt);
    }
}
