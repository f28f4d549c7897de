package dev.paperledge.contracts;

import java.time.Instant;

/**
 * ingest (operator) → the service owning {@code retryStage}: run that stage again for a paper, from
 * the input the service recorded when it first saw the paper. Other services ignore it.
 *
 * @param run        the production run the retry belongs to (unchanged: a retry continues a run)
 * @param retryStage the stage to run again
 * @param attempt    the attempt number this retry starts (2 for the first retry)
 * @param input      the stage's input event (JSON) as its consumer dead-lettered it, when ingest holds
 *                   one for this production; the stage runs from it if it never recorded an input of
 *                   its own (it dead-lettered before it could). Null otherwise, and in older events.
 */
public record RetryRequested(String arxivId, int version, int run, Stage retryStage, int attempt,
        Instant requestedAt, String input) implements PipelineEvent {

    public static final String TYPE = "paperledge.stage.retry-requested.v1";

    /** A retry that runs from the input the stage recorded. */
    public RetryRequested(String arxivId, int version, int run, Stage retryStage, int attempt, Instant requestedAt) {
        this(arxivId, version, run, retryStage, attempt, requestedAt, null);
    }

    @Override
    public Stage stage() {
        return retryStage;
    }

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public String eventId() {
        return EventIds.of(arxivId, version, retryStage, run, TYPE) + "/a" + attempt;
    }
}
