package dev.paperledge.ingest.subscription;

import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One poll of a rule: when, what the listing held (found; new = not produced before or at a newer
 * version), what was submitted and what was skipped and why (JSON), or the error that ended it.
 */
@Entity
@Table(name = "subscription_poll")
public class SubscriptionPoll extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String slug;

    /** {@code schedule} or {@code operator}. */
    public String trigger;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    public int found;

    @Column(name = "new_papers")
    public int newPapers;

    public int submitted;

    public int skipped;

    /** JSON array of {@code {arxivId, version, reason}}. */
    @Column(name = "skipped_items")
    public String skippedItems = "[]";

    /** JSON array of the submitted IDs with their version. */
    @Column(name = "submitted_ids")
    public String submittedIds = "[]";

    /** Requests made to arXiv for the listing (pages). */
    public int requests;

    /** Why the poll failed (a sentence for people); null when it did not. */
    public String error;

    /** The rule's latest poll, or null. */
    public static SubscriptionPoll latest(String slug) {
        return find("slug = ?1 order by id desc", slug).firstResult();
    }
}
