package dev.paperledge.publish.support;

import org.eclipse.microprofile.reactive.messaging.Channel;

import dev.paperledge.contracts.AudioReady;
import dev.paperledge.contracts.CloudEvents;
import dev.paperledge.contracts.RetryRequested;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;

/** Sends events to the real test broker exactly as the audio stage and the operator do. */
@ApplicationScoped
public class TestProducers {
    private final MutinyEmitter<AudioReady> audio;
    private final MutinyEmitter<RetryRequested> retries;

    public TestProducers(@Channel("test-audio-out") MutinyEmitter<AudioReady> audio,
            @Channel("test-retries-out") MutinyEmitter<RetryRequested> retries) {
        this.audio = audio;
        this.retries = retries;
    }

    public void send(AudioReady evt) {
        audio.sendMessageAndAwait(CloudEvents.message(evt, "audio-service"));
    }

    public void send(RetryRequested evt) {
        retries.sendMessageAndAwait(CloudEvents.message(evt, "ingest-service"));
    }
}
