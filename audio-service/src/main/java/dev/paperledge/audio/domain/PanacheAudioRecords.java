package dev.paperledge.audio.domain;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

/** The audio rows in PostgreSQL ({@code audio}), each save in a transaction of its own. */
@ApplicationScoped
public class PanacheAudioRecords implements AudioRecords {
    @Override
    public void save(Audio row) {
        QuarkusTransaction.requiringNew().run(() -> {
            Audio.getEntityManager().merge(row);
        });
    }
}
