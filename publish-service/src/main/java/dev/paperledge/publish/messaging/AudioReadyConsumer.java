package dev.paperledge.publish.messaging;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.paperledge.contracts.AudioReady;
import dev.paperledge.contracts.RetryRequested;
import dev.paperledge.publish.service.PublishService;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;

/** Kafka entry points: audio.ready (the stage's input) and pipeline.retries (operator retries). */
@ApplicationScoped
public class AudioReadyConsumer {
    private final PublishService publisher;

    public AudioReadyConsumer(PublishService publisher) {
        this.publisher = publisher;
    }

    @Incoming("audio-in")
    @Blocking
    public void onAudioReady(AudioReady evt) {
        publisher.onAudioReady(evt);
    }

    @Incoming("retries-in")
    @Blocking
    public void onRetry(RetryRequested retry) {
        publisher.onRetry(retry);
    }
}
