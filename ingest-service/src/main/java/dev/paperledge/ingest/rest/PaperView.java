package dev.paperledge.ingest.rest;

import java.time.Instant;
import java.util.List;

import dev.paperledge.contracts.Stage;
import dev.paperledge.ingest.domain.Paper;
import dev.paperledge.ingest.domain.PaperStatus;
import dev.paperledge.ingest.domain.StageTransition;

/**
 * A paper as the API shows it. {@code failedStage}, {@code reason} and {@code retryable} are set when
 * {@code status} is FAILED. {@code timeline} (one row per status transition) only on the single view.
 */
public record PaperView(String arxivId, Integer version, int run, PaperStatus status, Stage failedStage,
        String reason, Boolean retryable, int attempt, String title, String primaryCategory, String categoryName,
        String textSource, String metadataKey, String textKey, boolean eventSent, Instant createdAt,
        Instant updatedAt, String href, List<Step> timeline) {

    /** One status transition. */
    public record Step(PaperStatus status, Stage stage, int run, String detail, Instant at) {
    }

    public static PaperView of(Paper p, List<StageTransition> timeline) {
        return new PaperView(p.arxivId, p.version, p.run, p.status, p.failedStage, p.failureReason,
                p.failureRetryable, p.attempt, p.title, p.primaryCategory, p.categoryName, p.textSource,
                p.metadataKey, p.textKey, p.eventSentAt != null, p.createdAt, p.updatedAt, location(p.arxivId),
                timeline == null ? null
                        : timeline.stream().map(t -> new Step(t.status, t.stage, t.run, t.detail, t.at)).toList());
    }

    public static String location(String arxivId) {
        return "/api/papers/" + arxivId;
    }
}
