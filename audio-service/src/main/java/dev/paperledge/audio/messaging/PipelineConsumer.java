package dev.paperledge.audio.messaging;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.paperledge.audio.service.AudioStage;
import dev.paperledge.contracts.RetryRequested;
import dev.paperledge.contracts.ScriptReady;
import dev.paperledge.stage.runner.StageRunner;
import dev.paperledge.stage.runner.StageRunners;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The audio stage's Kafka entry points, run by the stage kit's runner: scripts.ready (returns to ack;
 * throws, after the failure was reported, to dead-letter) and pipeline.retries (the audio stage's
 * retries rerun it; always acked).
 */
@ApplicationScoped
public class PipelineConsumer {
    private final StageRunner<ScriptReady> runner;

    public PipelineConsumer(StageRunners runners, AudioStage stage, EventPublisher events) {
        this.runner = runners.of(stage, events);
    }

    @Incoming("scripts-in")
    @Blocking
    public void onScriptReady(ScriptReady event) {
        runner.accept(event);
    }

    @Incoming("retries-in")
    @Blocking
    public void onRetry(RetryRequested retry) {
        runner.retry(retry);
    }
}
