package dev.paperledge.audio.messaging;

import org.eclipse.microprofile.reactive.messaging.Channel;

import dev.paperledge.contracts.AudioReady;
import dev.paperledge.contracts.StageFailed;
import dev.paperledge.contracts.Topics;
import dev.paperledge.stage.messaging.StageEvents;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;

/** The audio stage's outgoing events: audio.ready and pipeline.failures, each awaited (the stage kit's StageEvents). */
@ApplicationScoped
public class EventPublisher extends StageEvents {
    static final String SOURCE = "audio-service";

    private final MutinyEmitter<AudioReady> audioOut;

    public EventPublisher(@Channel("audio-out") MutinyEmitter<AudioReady> audioOut,
            @Channel("failures") MutinyEmitter<StageFailed> failures) {
        super(SOURCE, failures);
        this.audioOut = audioOut;
    }

    public void audioReady(AudioReady event) {
        send(audioOut, event, Topics.AUDIO_READY);
    }
}
