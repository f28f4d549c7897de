package dev.paperledge.audio.messaging;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.paperledge.audio.service.AudioStage;
import dev.paperledge.contracts.RetryRequested;
import dev.paperledge.contracts.Stage;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;

/** pipeline.retries → reruns the audio stage when an operator asks for it; other stages' retries are ignored. */
@ApplicationScoped
public class RetryConsumer {
    private final AudioStage stage;

    public RetryConsumer(AudioStage stage) {
        this.stage = stage;
    }

    @Incoming("retries-in")
    @Blocking
    public void onRetry(RetryRequested retry) {
        if (retry != null && retry.retryStage() == Stage.AUDIO) { // null: unreadable record, ignored
            stage.onRetry(retry);
        }
    }
}
