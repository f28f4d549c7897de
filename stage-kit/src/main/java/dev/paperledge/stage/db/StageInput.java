package dev.paperledge.stage.db;

import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/**
 * The input event a production started from (JSON), what an operator's retry reruns. Every stage
 * service's schema has the table ({@code stage_input}, from its Flyway migrations).
 */
@Entity
@Table(name = "stage_input")
@IdClass(ProductionKey.class)
public class StageInput extends PanacheEntityBase {
    @Id
    @Column(name = "arxiv_id")
    public String arxivId;
    @Id
    public int version;
    @Id
    public int run;
    @Column(name = "event_id")
    public String eventId;
    @Column(name = "event_json")
    public String eventJson;
    @Column(name = "received_at")
    public Instant receivedAt;
}
