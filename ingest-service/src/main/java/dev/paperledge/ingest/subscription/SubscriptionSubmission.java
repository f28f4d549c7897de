package dev.paperledge.ingest.subscription;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A paper (at a version, as a run) that a rule submitted: the daily cap counts these per UTC day. */
@Entity
@Table(name = "subscription_submission")
public class SubscriptionSubmission extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String slug;

    @Column(name = "arxiv_id")
    public String arxivId;

    public Integer version;

    public int run;

    @Column(name = "submitted_at")
    public Instant submittedAt;

    /** The rule's submissions since 00:00 UTC today. */
    public static long today(String slug) {
        Instant midnight = LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
        return count("slug = ?1 and submittedAt >= ?2", slug, midnight);
    }

    /** Every paper the rule has submitted (each production once). */
    public static long total(String slug) {
        return count("slug", slug);
    }
}
