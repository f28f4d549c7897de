package dev.paperledge.publish.support;

import org.eclipse.microprofile.reactive.messaging.Channel;

import dev.paperledge.contracts.AudioReady;
import dev.paperledge.contracts.CloudEvents;
import dev.paperledge.contracts.RetryRequested;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Sends events to the real test broker exactly as the audio stage and the operator do. */
@ApplicationScoped
public class TestProducers {
    @Inject
    @Channel("test-audio-out")
    MutinyEmitter<AudioReady> audio;

    @Inject
    @Channel("test-retries-out")
    MutinyEmitter<RetryRequested> retries;

    public void send(AudioReady evt) {
        audio.sendMessageAndAwait(CloudEvents.message(evt, "audio-service"));
    }

    public void send(RetryRequested evt) {
        retries.sendMessageAndAwait(CloudEvents.message(evt, "ingest-service"));
    }
}
