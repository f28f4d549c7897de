package dev.paperledge.ingest.support;

import java.time.Instant;

import dev.paperledge.contracts.Stage;
import dev.paperledge.ingest.domain.Paper;
import dev.paperledge.ingest.domain.PaperStatus;
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
            p.eventSentAt = Instant.now();
            p.updatedAt = p.createdAt;
            p.status = PaperStatus.INGESTED;
            p.persist();
            p.transition(PaperStatus.INGESTED, Stage.INGEST, "test set-up");
        });
    }

    public static Paper find(String id) {
        return QuarkusTransaction.requiringNew().call(() -> Paper.findById(id));
    }
}
