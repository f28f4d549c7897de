package dev.paperledge.ingest.support;

import java.time.Instant;

import dev.paperledge.contracts.Stage;
import dev.paperledge.ingest.domain.Paper;
import dev.paperledge.ingest.status.PaperStatus;
import dev.paperledge.ingest.status.StatusRecord;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** Direct access to the paper table for test set-up. */
public final class Papers {
    private Papers() {
    }

    public static void delete(String... ids) {
        QuarkusTransaction.requiringNew().run(() -> {
            for (String id : ids) {
                Panache.getEntityManager().createNativeQuery("DELETE FROM ingest.paper WHERE arxiv_id = ?1")
                        .setParameter(1, id).executeUpdate();
            }
        });
    }

    /** A paper already ingested (run {@code run}), as if its ingested event had gone out. */
    public static void ingested(String id, int run) {
        QuarkusTransaction.requiringNew().run(() -> {
            Paper p = new Paper();
            p.arxivId = id;
            p.version = 1;
            p.run = run;
            p.attempt = 1;
            p.title = "Test paper " + id;
            p.textSource = "ABSTRACT";
            p.createdAt = Instant.now();
            p.runStartedAt = p.createdAt;
            p.eventSentAt = Instant.now();
            p.updatedAt = p.createdAt;
            p.persist();
            StatusRecord s = status(p, PaperStatus.INGESTED);
            s.version = p.version;
            s.ingestAckedAt = p.eventSentAt;
            s.transition(PaperStatus.INGESTED, Stage.INGEST, "test set-up", null);
        });
    }

    /** A paper whose run {@code run} was published at {@code version}, as if every stage had reported. */
    public static void published(String id, int version, int run) {
        ingested(id, run);
        QuarkusTransaction.requiringNew().run(() -> {
            Paper p = Paper.findById(id);
            p.version = version;
            StatusRecord s = StatusRecord.findById(id);
            s.version = version;
            s.transition(PaperStatus.PUBLISHED, Stage.PUBLISH, "test set-up", null);
        });
    }

    /**
     * A paper submitted but not yet ingested (run {@code run}), parked out of the ingest worker's reach
     * (its next try is far ahead): the status events of a test then take it through the pipeline.
     */
    public static void requested(String id, int run, Instant startedAt) {
        QuarkusTransaction.requiringNew().run(() -> {
            Paper p = new Paper();
            p.arxivId = id;
            p.version = 1;
            p.run = run;
            p.attempt = 1;
            p.title = "Test paper " + id;
            p.createdAt = startedAt;
            p.runStartedAt = startedAt;
            p.updatedAt = startedAt;
            p.nextAttemptAt = Instant.now().plusSeconds(365L * 24 * 3600);
            p.persist();
            status(p, PaperStatus.REQUESTED).transition(PaperStatus.REQUESTED, Stage.INGEST, "test set-up", startedAt);
        });
    }

    /** A paper submitted and waiting for the ingest worker, recorded without nudging the worker. */
    public static void waiting(String id) {
        requested(id, 1, Instant.now());
        QuarkusTransaction.requiringNew().run(() -> {
            Paper p = Paper.findById(id);
            p.nextAttemptAt = null;
        });
    }

    /** As if nothing had happened to the paper since {@code since} (no event, no change). */
    public static void quietSince(String id, Instant since) {
        QuarkusTransaction.requiringNew().run(() -> {
            Paper p = Paper.findById(id);
            p.updatedAt = since;
            StatusRecord s = StatusRecord.findById(id);
            s.updatedAt = since;
        });
    }

    /** Sets a paper's title directly (e.g. markup, to check the escaping). */
    public static void title(String id, String title) {
        QuarkusTransaction.requiringNew().run(() -> {
            Paper p = Paper.findById(id);
            p.title = title;
        });
    }

    /** Forgets everything the projection derived for a paper (as if its tables were lost). */
    public static void wipeProjection(String id) {
        QuarkusTransaction.requiringNew().run(() -> {
            var em = Panache.getEntityManager();
            em.createNativeQuery("DELETE FROM ingest.stage_progress WHERE arxiv_id = ?1").setParameter(1, id)
                    .executeUpdate();
            em.createNativeQuery("DELETE FROM ingest.processed_event WHERE event_id LIKE ?1").setParameter(1, id + "v%")
                    .executeUpdate();
            em.createNativeQuery("UPDATE ingest.paper_status SET status = 'REQUESTED', failed_stage = NULL, "
                    + "failure_reason = NULL, episode_url = NULL WHERE arxiv_id = ?1").setParameter(1, id).executeUpdate();
        });
    }

    public static Paper find(String id) {
        return QuarkusTransaction.requiringNew().call(() -> Paper.findById(id));
    }

    /** The status projection's record of the paper. */
    public static StatusRecord status(String id) {
        return QuarkusTransaction.requiringNew().call(() -> StatusRecord.findById(id));
    }

    /** The status row of new paper {@code p} (its run, its start), at {@code status}; the caller adds the transition. */
    private static StatusRecord status(Paper p, PaperStatus status) {
        StatusRecord s = new StatusRecord();
        s.arxivId = p.arxivId;
        s.run = p.run;
        s.status = status;
        s.runStartedAt = p.runStartedAt;
        s.updatedAt = p.updatedAt;
        s.persist();
        return s;
    }
}
