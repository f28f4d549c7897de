package dev.paperledge.ingest.domain;

import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

@Entity
public class Paper extends PanacheEntityBase {
    @Id
    @Column(name = "arxiv_id")
    public String arxivId;

    @Column(name = "created_at")
    public Instant createdAt;
}
