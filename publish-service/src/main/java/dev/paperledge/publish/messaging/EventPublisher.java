package dev.paperledge.publish.messaging;

import org.eclipse.microprofile.reactive.messaging.Channel;

import dev.paperledge.contracts.CloudEvents;
import dev.paperledge.contracts.EpisodePublished;
import dev.paperledge.contracts.PipelineEvent;
import dev.paperledge.contracts.StageFailed;
import dev.paperledge.contracts.Topics;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Sends the stage's outcomes and waits for the broker's acknowledgement before returning; a send
 * the broker does not acknowledge throws {@link EventNotAcknowledged} naming the topic.
 */
@ApplicationScoped
public class EventPublisher {
    static final String SOURCE = "publish-service";

    private final MutinyEmitter<EpisodePublished> episodesOut;
    private final MutinyEmitter<StageFailed> failures;

    public EventPublisher(@Channel("episodes-out") MutinyEmitter<EpisodePublished> episodesOut,
            @Channel("failures") MutinyEmitter<StageFailed> failures) {
        this.episodesOut = episodesOut;
        this.failures = failures;
    }

    public void episodePublished(EpisodePublished event) {
        send(episodesOut, event, Topics.EPISODES_PUBLISHED);
    }

    public void stageFailed(StageFailed event) {
        send(failures, event, Topics.PIPELINE_FAILURES);
    }

    private <T extends PipelineEvent> void send(MutinyEmitter<T> emitter, T event, String topic) {
        try {
            deliver(emitter, event);
        } catch (RuntimeException e) {
            throw new EventNotAcknowledged(topic, e);
        }
    }

    /** One send, awaited: a nack or a timeout throws. */
    <T extends PipelineEvent> void deliver(MutinyEmitter<T> emitter, T event) {
        emitter.sendMessageAndAwait(CloudEvents.message(event, SOURCE));
    }
}
