package dev.paperledge.ingest.status;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import dev.paperledge.contracts.Stage;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Table;

/**
 * What the status projection knows of one stage of one production run of a paper. Written only
 * through the merge methods, which are order-independent and idempotent: the earliest success, the
 * highest attempt, the failure of the highest attempt, the latest dead letter (and its input).
 */
@Entity
@Table(name = "stage_progress")
public class StageProgress extends PanacheEntityBase {

    @Embeddable
    public static class Key implements Serializable {
        @Column(name = "arxiv_id")
        public String arxivId;
        public int run;
        @Enumerated(EnumType.STRING)
        public Stage stage;

        public Key() {
        }

        public Key(String arxivId, int run, Stage stage) {
            this.arxivId = arxivId;
            this.run = run;
            this.stage = stage;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.run == run && k.stage == stage && Objects.equals(k.arxivId, arxivId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(arxivId, run, stage);
        }
    }

    @EmbeddedId
    public Key id;

    public int attempt = 1;

    @Column(name = "succeeded_at")
    public Instant succeededAt;
    @Column(name = "success_detail")
    public String successDetail;

    @Column(name = "failed_attempt")
    public Integer failedAttempt;
    @Column(name = "failed_at")
    public Instant failedAt;
    @Column(name = "failure_reason")
    public String failureReason;
    @Column(name = "failure_retryable")
    public Boolean failureRetryable;

    @Column(name = "dead_lettered_at")
    public Instant deadLetteredAt;
    @Column(name = "dead_letter_reason")
    public String deadLetterReason;
    @Column(name = "dead_letter_topic")
    public String deadLetterTopic;
    /**
     * The latest dead letter's record (the stage's input event, JSON) when it was fit to keep; an
     * operator retry sends it to the stage. Internal: never part of a view. Loaded only when read.
     */
    @Basic(fetch = FetchType.LAZY)
    @Column(name = "dead_letter_input")
    public String deadLetterInput;

    @Column(name = "last_error")
    public String lastError;
    @Column(name = "last_error_at")
    public Instant lastErrorAt;
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
    /** The audio stage's listening check (audio.ready's {@code listening}, JSON); null for other stages. */
    @Column(name = "listening_json")
    public String listeningJson;
    /** The script stage's explanation figures (scripts.ready's {@code explanation}, JSON); null for other stages. */
    @Column(name = "explanation_json")
    public String explanationJson;

    public Stage stage() {
        return id.stage;
    }

    /** The row of this stage and run, created when missing (the caller holds the paper's row lock). */
    public static StageProgress of(String arxivId, int run, Stage stage) {
        Key key = new Key(arxivId, run, stage);
        StageProgress p = findById(key);
        if (p == null) {
            p = new StageProgress();
            p.id = key;
            p.updatedAt = Instant.now();
            p.persist();
        }
        return p;
    }

    public static List<StageProgress> ofRun(String arxivId, int run) {
        return list("id.arxivId = ?1 and id.run = ?2", arxivId, run);
    }

    /** Stage succeeded at {@code at} (event time): the earliest success is kept. */
    public boolean mergeSuccess(Instant at, String detail) {
        if (succeededAt != null && !at.isBefore(succeededAt)) {
            return false;
        }
        succeededAt = at;
        successDetail = detail;
        lastError = null;
        nextAttemptAt = null;
        touch();
        return true;
    }

    /** A failure of {@code failedAttempt}: the highest attempt wins, then the latest. */
    public boolean mergeFailure(int attemptNo, Instant at, String reason, boolean retryable) {
        if (failedAttempt != null && (attemptNo < failedAttempt
                || (attemptNo == failedAttempt && failedAt != null && !at.isAfter(failedAt)))) {
            return false;
        }
        failedAttempt = attemptNo;
        failedAt = at;
        failureReason = reason;
        failureRetryable = retryable;
        attempt = Math.max(attempt, attemptNo);
        nextAttemptAt = null;
        touch();
        return true;
    }

    /** An attempt was started (an operator retry): failures of earlier attempts are history. */
    public boolean mergeAttempt(int attemptNo) {
        if (attemptNo <= attempt) {
            return false;
        }
        attempt = attemptNo;
        touch();
        return true;
    }

    /**
     * The stage's input went to a dead-letter topic: the latest one is kept, with its input
     * ({@code input}, null when none was fit to keep: a newer dead letter without one clears it).
     */
    public boolean mergeDeadLetter(Instant at, String reason, String topic, String input) {
        if (deadLetteredAt != null && !at.isAfter(deadLetteredAt)) {
            return false;
        }
        deadLetteredAt = at;
        deadLetterReason = reason;
        deadLetterTopic = topic;
        deadLetterInput = input;
        touch();
        return true;
    }

    /** A transient error; the stage will try again at {@code next} (null: not scheduled). */
    public void transientError(String error, Instant at, Instant next) {
        lastError = error;
        lastErrorAt = at;
        nextAttemptAt = next;
        touch();
    }

    private void touch() {
        updatedAt = Instant.now();
    }
}
