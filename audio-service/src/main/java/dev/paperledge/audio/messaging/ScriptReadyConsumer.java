package dev.paperledge.audio.messaging;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.paperledge.audio.service.AudioStage;
import dev.paperledge.contracts.ScriptReady;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * scripts.ready → the audio stage. Returns normally to ack; throws (transient) to dead-letter. Every
 * exception that leaves the stage has been reported as {@code StageFailed} first: by the stage, or
 * here (outside its retries, so once).
 */
@ApplicationScoped
public class ScriptReadyConsumer {
    private final AudioStage stage;

    public ScriptReadyConsumer(AudioStage stage) {
        this.stage = stage;
    }

    @Incoming("scripts-in")
    @Blocking
    public void onScriptReady(ScriptReady event) {
        if (event == null) {
            // Not a readable ScriptReady (deserialization failed): nack, so it lands on the dead-letter topic.
            throw new IllegalArgumentException("record on scripts.ready is not a ScriptReady JSON");
        }
        try {
            stage.onScriptReady(event);
        } catch (RuntimeException e) {
            stage.failUnexpected(event.arxivId(), event.version(), event.run(), 1, e);
            throw e;
        }
    }
}
