package dev.paperledge.publish.domain;

import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The last AudioReady received for a paper (JSON), from which an operator's retry reruns publishing. */
@Entity
@Table(name = "publish_input")
public class PublishInput extends PanacheEntityBase {
    @Id
    @Column(name = "arxiv_id")
    public String arxivId;
    @Column(name = "event_id")
    public String eventId;
    @Column(name = "event_json")
    public String eventJson;
    @Column(name = "received_at")
    public Instant receivedAt;
}
