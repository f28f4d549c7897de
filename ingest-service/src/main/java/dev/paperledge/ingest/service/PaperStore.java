package dev.paperledge.ingest.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import dev.paperledge.ingest.domain.Paper;
import dev.paperledge.ingest.status.StatusProjection;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

/**
 * The short transactions around the ingest work: claiming a row (a lease, so several instances can
 * share the table and a crashed one's rows come back), recording results, failures and acks. Each
 * method is one transaction ({@code QuarkusTransaction.joiningExisting()}: the caller's, if it has
 * one), rolled back when it throws.
 */
@ApplicationScoped
public class PaperStore implements IngestRecords {

    /**
     * A claimed unit of work: the paper and the run the claim is for. {@code ingestTries} counts the
     * ingest tries of the current attempt including this claim (a claim for ingest is a try, whether
     * or not it ever finishes); {@code lastError} is the latest transient error before it; {@code format}
     * the run's episode format.
     */
    public record Claim(String arxivId, int run, Integer requestedVersion, String pendingEvent, int ingestTries,
            String lastError, String format) {
    }

    private final StatusProjection status;

    public PaperStore(StatusProjection status) {
        this.status = status;
    }

    /**
     * Claims the oldest paper waiting for ingest, if any, and counts the claim as a try: a worker that
     * dies on a paper (a crash, a kill, an out-of-memory end) or outlives its lease has still used one.
     * Waiting: the current run has no result, no acknowledged event and no given-up ingest (all three
     * are intake's own columns, cleared together when a run or an ingest retry starts).
     */
    public Optional<Claim> claimForIngest(Duration lease) {
        return claim(true, """
                SELECT arxiv_id FROM ingest.paper
                WHERE ingested_event IS NULL AND event_sent_at IS NULL AND ingest_failed_at IS NULL
                  AND (lease_until IS NULL OR lease_until < now())
                  AND (next_attempt_at IS NULL OR next_attempt_at <= now())
                ORDER BY updated_at LIMIT 1 FOR UPDATE SKIP LOCKED""", lease);
    }

    /**
     * Extends the lease of claim {@code c} to {@code until} while its paper is still being ingested
     * under it: same run, no later claim (a later one counted another try), not yet recorded, failed,
     * queued or released (those clear the lease). Returns false when the claim is no longer held.
     */
    public boolean renewLease(Claim c, Instant until) {
        return QuarkusTransaction.joiningExisting().call(() -> Panache.getEntityManager().createNativeQuery("""
                UPDATE ingest.paper SET lease_until = ?1
                WHERE arxiv_id = ?2 AND run = ?3 AND ingest_tries = ?4 AND lease_until IS NOT NULL
                  AND ingested_event IS NULL AND event_sent_at IS NULL AND ingest_failed_at IS NULL""")
                .setParameter(1, until).setParameter(2, c.arxivId()).setParameter(3, c.run())
                .setParameter(4, c.ingestTries()).executeUpdate() == 1);
    }

    /** Claims a paper whose ingested event was stored but never acknowledged by the broker. */
    public Optional<Claim> claimForRepublish(Duration lease) {
        return claim(false, """
                SELECT arxiv_id FROM ingest.paper
                WHERE ingested_event IS NOT NULL AND event_sent_at IS NULL
                  AND (lease_until IS NULL OR lease_until < now())
                ORDER BY updated_at LIMIT 1 FOR UPDATE SKIP LOCKED""", lease);
    }

    private static Optional<Claim> claim(boolean countsATry, String sql, Duration lease) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            @SuppressWarnings("unchecked")
            List<String> ids = Panache.getEntityManager().createNativeQuery(sql).getResultList();
            if (ids.isEmpty()) {
                return Optional.empty();
            }
            Paper p = Paper.findById(ids.get(0));
            p.leaseUntil = Instant.now().plus(lease);
            if (countsATry) {
                p.ingestTries++;
            }
            return Optional.of(new Claim(p.arxivId, p.run, p.requestedVersion, p.ingestedEvent, p.ingestTries,
                    p.lastError, p.format));
        });
    }

    /**
     * Stores the ingest result and the event to send, unless the paper moved on to another run
     * meanwhile (a forced re-production): then the result is dropped and false returned.
     */
    @Override
    public boolean recordIngested(Claim c, int version, String title, String category, String categoryName,
            String textSource, String textNotes, String metadataKey, String textKey, String eventJson) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            Paper p = Paper.findById(c.arxivId(), LockModeType.PESSIMISTIC_WRITE);
            if (p == null || p.run != c.run()) {
                return false;
            }
            p.ingested(version, title, category, categoryName, textSource, textNotes, metadataKey, textKey, eventJson);
            return true;
        });
    }

    /** The broker acknowledged the ingested event of run {@code run}, written at {@code ingestedAt}. */
    @Override
    public void markSent(String arxivId, int run, Instant ingestedAt) {
        QuarkusTransaction.joiningExisting().run(() -> {
            Paper p = Paper.findById(arxivId, LockModeType.PESSIMISTIC_WRITE);
            if (p == null || p.run != run) {
                return;
            }
            p.eventSentAt = Instant.now();
            p.leaseUntil = null;
            p.nextAttemptAt = null;
            p.lastError = null;
            p.updatedAt = p.eventSentAt;
            status.ingestAcknowledged(p.arxivId, p.run, p.version, ingestedAt, "text source " + p.textSource);
        });
    }

    /** Gives the row back (e.g. the broker did not acknowledge): the re-publisher will take it. */
    @Override
    public void release(String arxivId) {
        QuarkusTransaction.joiningExisting().run(() -> {
            Paper p = Paper.findById(arxivId);
            if (p != null) {
                p.leaseUntil = null;
            }
        });
    }

    /**
     * Ingest gave up on run {@code run}: records the failure and, in the same transaction, the failure
     * event {@code event} makes of the paper (kept until the broker acknowledged it). Returns that
     * event, or empty if the run moved on.
     */
    @Override
    public Optional<String> markFailed(String arxivId, int run, String reason, boolean retryable,
            Function<Paper, String> event) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            Paper p = Paper.findById(arxivId, LockModeType.PESSIMISTIC_WRITE);
            if (p == null || p.run != run) {
                return Optional.empty();
            }
            p.leaseUntil = null;
            p.nextAttemptAt = null;
            p.lastError = reason;
            p.ingestFailedAt = Instant.now();
            p.updatedAt = p.ingestFailedAt;
            status.ingestFailed(p.arxivId, p.run, p.attempt, reason, retryable, p.ingestFailedAt);
            p.failureEvent = event.apply(p);
            return Optional.of(p.failureEvent);
        });
    }

    /** The broker acknowledged the failure event {@code json} (a newer one, if any, stays). */
    @Override
    public void failureSent(String arxivId, String json) {
        QuarkusTransaction.joiningExisting().run(() -> {
            Paper p = Paper.findById(arxivId, LockModeType.PESSIMISTIC_WRITE);
            if (p != null && json.equals(p.failureEvent)) {
                p.failureEvent = null;
            }
        });
    }

    /** Failure events the broker has not acknowledged yet: arXiv ID and event JSON, oldest first. */
    @SuppressWarnings("unchecked")
    public List<Object[]> pendingFailures(int max) {
        return QuarkusTransaction.joiningExisting().call(() -> Panache.getEntityManager().createNativeQuery("""
                SELECT arxiv_id, failure_event FROM ingest.paper WHERE failure_event IS NOT NULL
                ORDER BY updated_at LIMIT ?1""").setParameter(1, max).getResultList());
    }

    /**
     * A transient error (arXiv unavailable, object store down, database hiccup): the paper stays
     * queued (status {@code REQUESTED}) and is tried again at {@code next}. Returns false if the run moved on.
     */
    @Override
    public boolean markTransient(String arxivId, int run, String error, Instant next) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            Paper p = Paper.findById(arxivId, LockModeType.PESSIMISTIC_WRITE);
            if (p == null || p.run != run) {
                return false;
            }
            Instant now = Instant.now();
            p.leaseUntil = null;
            p.nextAttemptAt = next;
            p.lastError = error;
            p.updatedAt = now;
            status.ingestWaiting(p.arxivId, p.run, error, now, next);
            return true;
        });
    }
}
