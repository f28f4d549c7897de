package dev.paperledge.stage.db;

import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The idempotent consumer's record (the inbox): an event id (CloudEvents id) this service has fully
 * handled, written in the same transaction as the state change it caused where the stage can; a
 * redelivery of a recorded id is dropped. Every service's schema has the table
 * ({@code processed_event}, from its first Flyway migration).
 */
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
     *
     * @return true when this call recorded it; false when it was recorded before (also by a
     *         concurrent transaction that just did)
     */
    public static boolean record(String eventId) {
        return getEntityManager().createNativeQuery("insert into {h-schema}processed_event (event_id, processed_at) "
                + "values (?1, ?2) on conflict (event_id) do nothing")
                .setParameter(1, eventId).setParameter(2, Instant.now()).executeUpdate() == 1;
    }
}
