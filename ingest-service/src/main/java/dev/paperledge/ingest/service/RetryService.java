package dev.paperledge.ingest.service;

import java.time.Duration;
import java.time.Instant;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.paperledge.contracts.RetryRequested;
import dev.paperledge.contracts.Stage;
import dev.paperledge.ingest.domain.Paper;
import dev.paperledge.ingest.status.PaperStatus;
import dev.paperledge.ingest.status.StageProgress;
import dev.paperledge.ingest.messaging.EventPublisher;
import dev.paperledge.ingest.status.StatusProjection;
import dev.paperledge.ingest.status.StatusRecord;
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
            reopenStuck(arxivId, t.nextAttempt(), stage, t.quietSince());
        } else {
            reopen(arxivId, t.nextAttempt(), stage);
        }
        return stage;
    }

    /**
     * The paper, the stage to retry and the attempt its retry starts (that stage's attempt + 1);
     * {@code stuck}: the stage is not FAILED but has shown no progress for too long; {@code input}: the
     * stage's input as its consumer dead-lettered it in this run, when kept (else null);
     * {@code quietSince}: the status projection's latest news of the paper (a stuck retry says how long ago).
     */
    public record Target(Paper paper, Stage stage, int nextAttempt, boolean stuck, String input, Instant quietSince) {
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
        StatusRecord s = StatusRecord.findById(arxivId);
        if (p == null || s == null) {
            throw new NotFound("no paper " + arxivId);
        }
        if (s.status == PaperStatus.FAILED && s.failedStage != null) {
            return target(p, s, s.failedStage, false);
        }
        if (s.status == PaperStatus.PUBLISHED) {
            throw new NotRetryable("paper " + arxivId + " is PUBLISHED: nothing to retry (to produce it again,"
                    + " submit it with ?force=true)");
        }
        if (s.status == PaperStatus.FAILED) {
            throw new NotRetryable("paper " + arxivId + " is FAILED but no failed stage is recorded; rebuild its status"
                    + " (POST /api/admin/status/rebuild?arxivId=" + arxivId + ") and retry again");
        }
        if (s.status == PaperStatus.REQUESTED) {
            throw new NotRetryable("paper " + arxivId + " is still being ingested (try " + p.ingestTries
                    + "); ingest retries by itself and fails with a reason when it gives up, then it can be retried");
        }
        Stage running = Stage.values()[s.status.rank()];
        Instant quietSince = s.updatedAt == null ? Instant.EPOCH : s.updatedAt;
        Duration quiet = Duration.between(quietSince, Instant.now());
        if (quiet.compareTo(stuckAfter) < 0) {
            throw new NotRetryable("paper " + arxivId + " is " + s.status + ": the " + running.id()
                    + " stage is running (no news for " + minutes(quiet) + "); it can be retried once it has"
                    + " FAILED, or when it has shown no progress for " + minutes(stuckAfter));
        }
        return target(p, s, running, true);
    }

    private static Target target(Paper p, StatusRecord s, Stage stage, boolean stuck) {
        StageProgress row = StageProgress.findById(new StageProgress.Key(s.arxivId, s.run, stage));
        int attempt = row == null ? s.attempt
                : Math.max(row.attempt, row.failedAttempt == null ? 1 : row.failedAttempt);
        return new Target(p, stage, attempt + 1, stuck, row == null ? null : row.deadLetterInput, s.updatedAt);
    }

    private static String minutes(Duration d) {
        long m = d.toMinutes();
        return m == 0 ? d.toSeconds() + " s" : m + " min";
    }

    /** A stage that showed no progress is started again: its attempt goes up, the timeline says so. */
    public void reopenStuck(String arxivId, int attempt, Stage stage, Instant quietSince) {
        projection.reopenStuck(arxivId, stage, attempt,
                minutes(Duration.between(quietSince == null ? Instant.EPOCH : quietSince, Instant.now())));
    }

    /**
     * A FAILED stage is started again (one transaction, the caller's if it has one): the new attempt
     * makes the failure history; a retry of ingest also gives the paper back to the ingest worker.
     */
    public void reopen(String arxivId, int attempt, Stage stage) {
        QuarkusTransaction.joiningExisting().run(() -> {
            Paper p = Paper.findById(arxivId, LockModeType.PESSIMISTIC_WRITE); // intake's row first, then status
            if (p == null || !projection.reopen(arxivId, stage, attempt) || stage != Stage.INGEST) {
                return;
            }
            p.resetIngest();
            p.attempt = attempt;
            p.updatedAt = Instant.now();
        });
    }
}
