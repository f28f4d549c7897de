package dev.paperledge.contracts;

import java.time.Instant;

/**
 * Any stage → the status projection: a stage gave up on a paper.
 *
 * @param failedStage the stage that failed
 * @param reason      what went wrong, in words an operator can act on
 * @param attempt     which attempt failed (1-based)
 * @param retryable   whether retrying later can help (transient) or not (permanent)
 */
public record StageFailed(String arxivId, int version, int run, Stage failedStage, String reason, int attempt,
        boolean retryable, Instant failedAt) implements PipelineEvent {

    public static final String TYPE = "paperledge.stage.failed.v1";

    @Override
    public Stage stage() {
        return failedStage;
    }

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public String eventId() {
        return EventIds.of(arxivId, version, failedStage, run, TYPE) + "/a" + attempt;
    }
}
