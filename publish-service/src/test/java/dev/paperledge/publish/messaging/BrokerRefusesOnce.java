package dev.paperledge.publish.messaging;

import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.common.errors.TimeoutException;

import dev.paperledge.contracts.EpisodePublished;
import dev.paperledge.contracts.PipelineEvent;
import dev.paperledge.contracts.StageFailed;
import io.smallrye.reactive.messaging.MutinyEmitter;

/**
 * The real publisher, except that the first send of one paper's EpisodePublished gets the answer a
 * producer gets when the broker does not take a record in time; then it goes through.
 */
public class BrokerRefusesOnce extends EventPublisher {
    private final String arxivId;
    private final AtomicBoolean refused = new AtomicBoolean();

    public BrokerRefusesOnce(MutinyEmitter<EpisodePublished> episodesOut, MutinyEmitter<StageFailed> failures,
            String arxivId) {
        super(episodesOut, failures);
        this.arxivId = arxivId;
    }

    @Override
    protected <T extends PipelineEvent> void deliver(MutinyEmitter<T> emitter, T event) {
        if (event instanceof EpisodePublished p && p.arxivId().equals(arxivId) && refused.compareAndSet(false, true)) {
            throw new TimeoutException("Expiring 1 record(s) for episodes.published-0:120000 ms has passed since batch creation");
        }
        super.deliver(emitter, event);
    }
}
