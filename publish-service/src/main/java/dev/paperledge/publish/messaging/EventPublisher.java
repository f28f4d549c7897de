package dev.paperledge.publish.messaging;

import org.eclipse.microprofile.reactive.messaging.Channel;

import dev.paperledge.contracts.EpisodePublished;
import dev.paperledge.contracts.StageFailed;
import dev.paperledge.contracts.Topics;
import dev.paperledge.stage.messaging.StageEvents;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;

/** The publish stage's outgoing events: episodes.published and pipeline.failures, each awaited (the stage kit's StageEvents). */
@ApplicationScoped
public class EventPublisher extends StageEvents {
    static final String SOURCE = "publish-service";

    private final MutinyEmitter<EpisodePublished> episodesOut;

    public EventPublisher(@Channel("episodes-out") MutinyEmitter<EpisodePublished> episodesOut,
            @Channel("failures") MutinyEmitter<StageFailed> failures) {
        super(SOURCE, failures);
        this.episodesOut = episodesOut;
    }

    public void episodePublished(EpisodePublished event) {
        send(episodesOut, event, Topics.EPISODES_PUBLISHED);
    }
}
