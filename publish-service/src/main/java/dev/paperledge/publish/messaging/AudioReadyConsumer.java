package dev.paperledge.publish.messaging;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.paperledge.contracts.AudioReady;
import dev.paperledge.contracts.RetryRequested;
import dev.paperledge.contracts.Stage;
import dev.paperledge.publish.service.PublishStage;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Kafka entry points: audio.ready (the stage's input) and pipeline.retries (operator retries). Every
 * exception ends in a StageFailed: the stage sends it, or the catch-all here (outside the stage's
 * retries, so one failure is one StageFailed). A failed audio.ready record is then dead-lettered; a
 * failed retry is acked (the StageFailed makes the paper retryable again).
 */
@ApplicationScoped
public class AudioReadyConsumer {
    private final PublishStage publisher;

    public AudioReadyConsumer(PublishStage publisher) {
        this.publisher = publisher;
    }

    @Incoming("audio-in")
    @Blocking
    public void onAudioReady(AudioReady evt) {
        try {
            publisher.onAudioReady(evt);
        } catch (RuntimeException e) {
            publisher.failUnexpected(evt.arxivId(), evt.version(), evt.run(), 1, e);
            throw e;
        }
    }

    @Incoming("retries-in")
    @Blocking
    public void onRetry(RetryRequested retry) {
        if (retry.retryStage() != Stage.PUBLISH) {
            return;
        }
        try {
            publisher.onRetry(retry);
        } catch (RuntimeException e) {
            publisher.failUnexpected(retry.arxivId(), retry.version(), retry.run(), retry.attempt(), e);
        }
    }
}
