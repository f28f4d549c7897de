package dev.paperledge.audio.messaging;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.paperledge.audio.service.AudioStage;
import dev.paperledge.contracts.RetryRequested;
import dev.paperledge.contracts.Stage;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * pipeline.retries → reruns the audio stage when an operator asks for it; other stages' retries are
 * ignored. A retry record is always acknowledged: an exception the stage did not report itself is
 * reported here as {@code StageFailed}, which makes the paper FAILED and retryable again.
 */
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
            try {
                stage.onRetry(retry);
            } catch (RuntimeException e) {
                stage.failUnexpected(retry.arxivId(), retry.version(), retry.run(), retry.attempt(), e);
            }
        }
    }
}
