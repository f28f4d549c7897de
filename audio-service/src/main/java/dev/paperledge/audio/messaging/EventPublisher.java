package dev.paperledge.audio.messaging;

import org.eclipse.microprofile.reactive.messaging.Channel;

import dev.paperledge.contracts.AudioReady;
import dev.paperledge.contracts.CloudEvents;
import dev.paperledge.contracts.StageFailed;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;

/** Sends the stage's outcomes and waits for the broker's acknowledgement before returning. */
@ApplicationScoped
public class EventPublisher {
    static final String SOURCE = "audio-service";

    private final MutinyEmitter<AudioReady> audioOut;
    private final MutinyEmitter<StageFailed> failures;

    public EventPublisher(@Channel("audio-out") MutinyEmitter<AudioReady> audioOut,
            @Channel("failures") MutinyEmitter<StageFailed> failures) {
        this.audioOut = audioOut;
        this.failures = failures;
    }

    public void audioReady(AudioReady event) {
        audioOut.sendMessageAndAwait(CloudEvents.message(event, SOURCE));
    }

    public void stageFailed(StageFailed event) {
        failures.sendMessageAndAwait(CloudEvents.message(event, SOURCE));
    }
}
