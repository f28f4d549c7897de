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

    public static void record(String eventId) {
        if (!seen(eventId)) {
            ProcessedEvent e = new ProcessedEvent();
            e.eventId = eventId;
            e.processedAt = Instant.now();
            e.persist();
        }
    }
}
