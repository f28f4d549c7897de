package dev.paperledge.ingest.status;

import java.time.Instant;

import dev.paperledge.contracts.Stage;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * What the status projection knows of a paper's current production run (one row per paper, table
 * {@code paper_status}). Intake tells it when a run starts and how ingest ended; the pipeline's
 * events tell it the rest. The paper-level fields ({@code status}, the failure, {@code attempt}) are
 * derived from the run's {@link StageProgress} rows by {@link Progress}; only the projection writes
 * this row.
 */
@Entity
@Table(name = "paper_status")
public class StatusRecord extends PanacheEntityBase {
    @Id
    @Column(name = "arxiv_id")
    public String arxivId;

    /** The current production run; events of another run are ignored. */
    public int run = 1;

    /** The version the run ingested (from the ingest result or PaperIngested); null until then. */
    public Integer version;

    @Enumerated(EnumType.STRING)
    public PaperStatus status;

    /** The highest attempt any stage of the run reached. */
    public int attempt = 1;

    @Enumerated(EnumType.STRING)
    @Column(name = "failed_stage")
    public Stage failedStage;

    @Column(name = "failure_reason")
    public String failureReason;

    @Column(name = "failure_retryable")
    public Boolean failureRetryable;

    /** The episode's public page (from EpisodePublished). */
    @Column(name = "episode_url")
    public String episodeUrl;

    /** When the run was requested: the start of its ingest stage. */
    @Column(name = "run_started_at")
    public Instant runStartedAt;

    /** When the broker acknowledged the run's PaperIngested (ingest is done even before it is read back). */
    @Column(name = "ingest_acked_at")
    public Instant ingestAckedAt;

    /** The latest change: the projection's news of the paper (the retry's "no progress for" reads it). */
    @Column(name = "updated_at")
    public Instant updatedAt;

    public boolean ingestAcked() {
        return ingestAckedAt != null;
    }

    /** Moves to {@code next} and records the transition on the timeline, dated {@code at} (an event's time). */
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
}
