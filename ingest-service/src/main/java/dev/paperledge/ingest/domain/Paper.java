package dev.paperledge.ingest.domain;

import java.time.Instant;

import dev.paperledge.contracts.EpisodeScript;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A submitted paper (one row per arXiv ID without version): intake's durable record of a submission
 * and of the ingest work of its current production run. Where the paper is in the pipeline is the
 * status projection's ({@code status.StatusRecord}); intake tells it what happened here.
 */
@Entity
@Table(name = "paper")
public class Paper extends PanacheEntityBase {
    @Id
    @Column(name = "arxiv_id")
    public String arxivId;

    @Column(name = "requested_version")
    public Integer requestedVersion;

    public Integer version;

    public int run = 1;

    /** The episode's format of the current run: {@code solo} or {@code duo} (asked for at submission). */
    public String format = EpisodeScript.SOLO;

    /** The ingest stage's attempt in the current run (1, + 1 per operator retry of ingest). */
    public int attempt = 1;

    /** Ingest gave up on the current attempt (the worker leaves the paper until an operator retries it). */
    @Column(name = "ingest_failed_at")
    public Instant ingestFailedAt;

    public String title;

    @Column(name = "primary_category")
    public String primaryCategory;

    @Column(name = "category_name")
    public String categoryName;

    @Column(name = "text_source")
    public String textSource;

    /** Why better text sources were not used (HTML, PDF), as recorded in metadata.json. */
    @Column(name = "text_notes")
    public String textNotes;

    @Column(name = "metadata_key")
    public String metadataKey;

    @Column(name = "text_key")
    public String textKey;

    /** The PaperIngested JSON, kept until the broker acknowledged it (then the re-publisher leaves it). */
    @Column(name = "ingested_event")
    public String ingestedEvent;

    /** ingest's StageFailed JSON, kept until the broker acknowledged it (the re-publisher sends it). */
    @Column(name = "failure_event")
    public String failureEvent;

    @Column(name = "event_sent_at")
    public Instant eventSentAt;

    @Column(name = "lease_until")
    public Instant leaseUntil;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** When the current run was requested: the start of its ingest stage. */
    @Column(name = "run_started_at")
    public Instant runStartedAt;

    /** Automatic ingest tries of the current attempt (transient errors are retried with backoff). */
    @Column(name = "ingest_tries")
    public int ingestTries;

    /** The latest transient ingest error while the paper waits for its next automatic try. */
    @Column(name = "last_error")
    public String lastError;


    /**
     * Takes the ingest result of the current run and the event that announces it (not sent yet):
     * blank notes are none.
     */
    public void ingested(int version, String title, String category, String categoryName, String textSource,
            String textNotes, String metadataKey, String textKey, String eventJson) {
        this.version = version;
        this.title = title;
        primaryCategory = category;
        this.categoryName = categoryName;
        this.textSource = textSource;
        this.textNotes = textNotes == null || textNotes.isBlank() ? null : textNotes;
        this.metadataKey = metadataKey;
        this.textKey = textKey;
        ingestedEvent = eventJson;
        eventSentAt = null;
        updatedAt = Instant.now();
    }

    /** Forgets the ingest of the current attempt (its event, lease, tries, failure), so the worker ingests it afresh. */
    public void resetIngest() {
        ingestFailedAt = null;
        ingestedEvent = null;
        eventSentAt = null;
        leaseUntil = null;
        nextAttemptAt = null;
        ingestTries = 0;
        lastError = null;
    }
}
