package dev.paperledge.ingest.domain;

import java.time.Instant;

import dev.paperledge.contracts.EpisodeScript;
import dev.paperledge.contracts.Stage;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A submitted paper (one row per arXiv ID without version): the durable record of a submission and
 * the status projection of its current production run.
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

    @Enumerated(EnumType.STRING)
    public PaperStatus status;

    public int attempt = 1;

    @Enumerated(EnumType.STRING)
    @Column(name = "failed_stage")
    public Stage failedStage;

    @Column(name = "failure_reason")
    public String failureReason;

    @Column(name = "failure_retryable")
    public Boolean failureRetryable;

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

    /** The episode's public page (from EpisodePublished). */
    @Column(name = "episode_url")
    public String episodeUrl;

    /** Moves to {@code next} and records the transition on the timeline. */
    public void transition(PaperStatus next, Stage stage, String detail) {
        transition(next, stage, detail, Instant.now());
    }

    /** As {@link #transition(PaperStatus, Stage, String)}, the timeline row dated {@code at} (an event's time). */
    public void transition(PaperStatus next, Stage stage, String detail, Instant at) {
        status = next;
        updatedAt = Instant.now();
        StageTransition t = new StageTransition();
        t.arxivId = arxivId;
        t.run = run;
        t.status = next;
        t.stage = stage;
        t.detail = detail;
        t.at = at == null ? updatedAt : at;
        t.persist();
    }

    public void clearFailure() {
        failedStage = null;
        failureReason = null;
        failureRetryable = null;
    }

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

    /** Forgets the ingest of the current attempt (its event, lease, tries), so the worker ingests it afresh. */
    public void resetIngest() {
        ingestedEvent = null;
        eventSentAt = null;
        leaseUntil = null;
        nextAttemptAt = null;
        ingestTries = 0;
        lastError = null;
    }
}
