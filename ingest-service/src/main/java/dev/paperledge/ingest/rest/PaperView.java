package dev.paperledge.ingest.rest;

import java.time.Instant;
import java.util.List;

import dev.paperledge.contracts.Stage;
import dev.paperledge.ingest.domain.Paper;
import dev.paperledge.ingest.status.PaperStatus;
import dev.paperledge.ingest.status.StageProgress;
import dev.paperledge.ingest.status.StageTransition;
import dev.paperledge.ingest.status.EventTrust;
import dev.paperledge.ingest.status.Progress;
import dev.paperledge.ingest.status.StatusRecord;

/**
 * A paper as the API shows it. {@code failedStage}, {@code reason} and {@code retryable} are set when
 * {@code status} is FAILED. {@code stages} (ingest, script, audio, publish: state, attempt, timing,
 * last error) on the list, single and dashboard views; {@code timeline} (one row per status
 * transition) only on the single view. {@code lastError} and {@code nextAttemptAt}: a transient
 * ingest error while the paper waits for its next automatic try. {@code textNotes}: why better text
 * sources than {@code textSource} were not used (a missing or unusable HTML or PDF, and why).
 * {@code format}: the current run's episode format, {@code solo} or {@code duo}.
 */
public record PaperView(String arxivId, Integer version, int run, String format, PaperStatus status, Stage failedStage,
        String reason, Boolean retryable, int attempt, String title, String primaryCategory, String categoryName,
        String textSource, String textNotes, String metadataKey, String textKey, boolean eventSent, Instant createdAt,
        Instant updatedAt, Instant runStartedAt, String lastError, Instant nextAttemptAt, int ingestTries,
        String episodeUrl, String href, List<Progress.StageView> stages, List<Step> timeline) {

    /** One status transition. */
    public record Step(PaperStatus status, Stage stage, int run, String detail, Instant at) {
    }

    public static PaperView of(Paper p, StatusRecord s, List<StageTransition> timeline) {
        return of(p, s, timeline, null);
    }

    /**
     * Intake's record {@code p} and the projection's {@code s} of one paper; with {@code stageRows} (the
     * current run's rows) the per-stage view is included.
     */
    public static PaperView of(Paper p, StatusRecord s, List<StageTransition> timeline,
            List<StageProgress> stageRows) {
        Instant started = s.runStartedAt != null ? s.runStartedAt : p.runStartedAt != null ? p.runStartedAt : p.createdAt;
        Instant updated = s.updatedAt == null || p.updatedAt != null && p.updatedAt.isAfter(s.updatedAt) ? p.updatedAt
                : s.updatedAt;
        boolean queued = s.status == PaperStatus.REQUESTED;
        return new PaperView(p.arxivId, p.version, s.run, p.format, s.status, s.failedStage, s.failureReason,
                s.failureRetryable, s.attempt, p.title, p.primaryCategory, p.categoryName, p.textSource,
                p.textNotes, p.metadataKey, p.textKey, p.eventSentAt != null, p.createdAt, updated, started,
                queued ? p.lastError : null, queued ? p.nextAttemptAt : null, p.ingestTries,
                EventTrust.isHttpUrl(s.episodeUrl) ? s.episodeUrl : null,
                location(p.arxivId),
                stageRows == null ? null
                        : Progress.stages(stageRows.stream().filter(r -> r.id.run == s.run).toList(),
                                s.ingestAcked(), started, s.ingestAckedAt),
                timeline == null ? null
                        : timeline.stream().map(t -> new Step(t.status, t.stage, t.run, t.detail, t.at)).toList());
    }

    public static String location(String arxivId) {
        return "/api/papers/" + arxivId;
    }
}
