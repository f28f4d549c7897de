package dev.paperledge.ingest.rest;

import java.time.Instant;
import java.util.List;

import dev.paperledge.contracts.Stage;
import dev.paperledge.ingest.domain.Paper;
import dev.paperledge.ingest.domain.PaperStatus;
import dev.paperledge.ingest.domain.StageProgress;
import dev.paperledge.ingest.domain.StageTransition;
import dev.paperledge.ingest.status.EventTrust;
import dev.paperledge.ingest.status.Progress;

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

    public static PaperView of(Paper p, List<StageTransition> timeline) {
        return of(p, timeline, null);
    }

    /** With {@code stageRows} (the current run's rows) the per-stage view is included. */
    public static PaperView of(Paper p, List<StageTransition> timeline, List<StageProgress> stageRows) {
        Instant started = p.runStartedAt == null ? p.createdAt : p.runStartedAt;
        return new PaperView(p.arxivId, p.version, p.run, p.format, p.status, p.failedStage, p.failureReason,
                p.failureRetryable, p.attempt, p.title, p.primaryCategory, p.categoryName, p.textSource,
                p.textNotes, p.metadataKey, p.textKey, p.eventSentAt != null, p.createdAt, p.updatedAt, started,
                p.status == PaperStatus.REQUESTED ? p.lastError : null,
                p.status == PaperStatus.REQUESTED ? p.nextAttemptAt : null, p.ingestTries,
                EventTrust.isHttpUrl(p.episodeUrl) ? p.episodeUrl : null,
                location(p.arxivId),
                stageRows == null ? null
                        : Progress.stages(stageRows.stream().filter(r -> r.id.run == p.run).toList(),
                                p.eventSentAt != null, started, p.eventSentAt),
                timeline == null ? null
                        : timeline.stream().map(t -> new Step(t.status, t.stage, t.run, t.detail, t.at)).toList());
    }

    public static String location(String arxivId) {
        return "/api/papers/" + arxivId;
    }
}
