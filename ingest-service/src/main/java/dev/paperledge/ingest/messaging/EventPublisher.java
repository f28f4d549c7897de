package dev.paperledge.ingest.messaging;

import dev.paperledge.contracts.PaperIngested;
import dev.paperledge.contracts.RetryRequested;
import dev.paperledge.contracts.StageFailed;

/**
 * Sends this service's events and returns only once the broker acknowledged them; throws when it
 * did not (broker down, timeout), so the caller keeps its durable record for the re-publisher.
 */
public interface EventPublisher {
    void ingested(PaperIngested event);

    void failed(StageFailed event);

    void retry(RetryRequested event);
}
