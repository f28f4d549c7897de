package dev.paperledge.script.domain;

import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Event ids already handled: a redelivery of one of them is dropped. */
@Entity
@Table(name = "processed_event")
public class ProcessedEvent extends PanacheEntityBase {
    @Id
    @Column(name = "event_id")
    public String eventId;
    @Column(name = "processed_at")
    public Instant processedAt;

    public static boolean seen(String eventId) {
        return findById(eventId) != null;
    }

    /**
     * Records the event as handled. An upsert, so two instances finishing the same event at once (a
     * rebalance can hand a record over mid-work) do not fail each other on the primary key.
     */
    public static void record(String eventId) {
        getEntityManager().createNativeQuery("insert into {h-schema}processed_event (event_id, processed_at) "
                + "values (?1, ?2) on conflict (event_id) do nothing")
                .setParameter(1, eventId).setParameter(2, Instant.now()).executeUpdate();
    }
}
