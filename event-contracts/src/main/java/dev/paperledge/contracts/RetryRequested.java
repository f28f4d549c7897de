package dev.paperledge.contracts;

import java.time.Instant;

/**
 * ingest (operator) → the service owning {@code retryStage}: run that stage again for a paper, from
 * the input the service recorded when it first saw the paper. Other services ignore it.
 *
 * @param run        the production run the retry belongs to (unchanged: a retry continues a run)
 * @param retryStage the stage to run again
 * @param attempt    the attempt number this retry starts (2 for the first retry)
 */
public record RetryRequested(String arxivId, int version, int run, Stage retryStage, int attempt,
        Instant requestedAt) implements PipelineEvent {

    public static final String TYPE = "paperledge.stage.retry-requested.v1";

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
