package dev.paperledge.contracts;

import java.util.List;

/**
 * Kafka topic names. Services map their channels to these names in {@code application.properties}
 * (where operators may rename them); tests and tools use the constants. The local infrastructure
 * script creates the same list.
 */
public final class Topics {
    public static final String PAPERS_INGESTED = "papers.ingested";
    public static final String SCRIPTS_READY = "scripts.ready";
    public static final String AUDIO_READY = "audio.ready";
    public static final String EPISODES_PUBLISHED = "episodes.published";
    /** Every stage's failures, for the status projection. */
    public static final String PIPELINE_FAILURES = "pipeline.failures";
    /** Operator retries of one stage, read by every stage service (each acts on its own stage). */
    public static final String PIPELINE_RETRIES = "pipeline.retries";
    /**
     * The watch rules ({@link SubscriptionRule}), keyed by slug, a tombstone for a deleted rule: a
     * compacted topic written by ingest-service and read by publish-service.
     */
    public static final String SUBSCRIPTIONS = "subscriptions";

    /** Dead-letter topic of the consumer of {@code topic}. */
    public static String deadLetter(String topic) {
        return topic + ".dlq";
    }

    public static final List<String> ALL = List.of(PAPERS_INGESTED, SCRIPTS_READY, AUDIO_READY,
            EPISODES_PUBLISHED, PIPELINE_FAILURES, PIPELINE_RETRIES, deadLetter(PAPERS_INGESTED), deadLetter(SCRIPTS_READY),
            deadLetter(AUDIO_READY), SUBSCRIPTIONS);

    /** Topics whose cleanup policy is {@code compact} (the latest value per key is the state). */
    public static final List<String> COMPACTED = List.of(SUBSCRIPTIONS);

    private Topics() {
    }
}
