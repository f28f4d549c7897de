package dev.paperledge.stage.messaging;

import dev.paperledge.contracts.CloudEvents;
import dev.paperledge.contracts.PipelineEvent;
import dev.paperledge.contracts.StageFailed;
import dev.paperledge.contracts.Topics;
import dev.paperledge.stage.failure.EventNotAcknowledged;
import io.smallrye.reactive.messaging.MutinyEmitter;

/**
 * A stage's outgoing events, each in the pipeline's CloudEvents envelope. Every send waits for the
 * broker's acknowledgement before returning; one the broker does not acknowledge throws
 * {@link EventNotAcknowledged} naming the topic. A service extends it with its own ready event.
 */
public abstract class StageEvents {
    private final String source;
    private final MutinyEmitter<StageFailed> failures;

    /** For the client proxy of a normal-scoped subclass (CDI needs a no-args constructor). */
    protected StageEvents() {
        this(null, null);
    }

    protected StageEvents(String source, MutinyEmitter<StageFailed> failures) {
        this.source = source;
        this.failures = failures;
    }

    public void stageFailed(StageFailed event) {
        send(failures, event, Topics.PIPELINE_FAILURES);
    }

    protected <T extends PipelineEvent> void send(MutinyEmitter<T> emitter, T event, String topic) {
        try {
            deliver(emitter, event);
        } catch (RuntimeException e) {
            throw new EventNotAcknowledged(topic, e);
        }
    }

    /** One send, awaited: a nack or a timeout throws. Tests override it to refuse a send. */
    protected <T extends PipelineEvent> void deliver(MutinyEmitter<T> emitter, T event) {
        emitter.sendMessageAndAwait(CloudEvents.message(event, source));
    }
}
