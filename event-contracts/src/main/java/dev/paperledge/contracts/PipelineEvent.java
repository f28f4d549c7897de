package dev.paperledge.contracts;

/**
 * What every event says about the paper it concerns. {@code run} counts productions of the paper
 * (1 for the first, +1 for each forced re-production or new arXiv version) so the event id of a new
 * production differs from the last one's while a redelivery keeps the same id. An operator retry
 * continues its run (the retry's attempt number tells the events apart).
 */
public interface PipelineEvent {
    String arxivId();

    int version();

    int run();

    /** The stage whose outcome this event reports. */
    Stage stage();

    /** CloudEvents {@code type}: versioned, e.g. {@code paperledge.paper.ingested.v1}. */
    String eventType();

    /** Deterministic CloudEvents {@code id}: equal for redeliveries, so consumers drop duplicates. */
    default String eventId() {
        return EventIds.of(arxivId(), version(), stage(), run(), eventType());
    }
}
