package dev.paperledge.publish.messaging;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.paperledge.contracts.AudioReady;
import dev.paperledge.contracts.RetryRequested;
import dev.paperledge.publish.service.PublishStage;
import dev.paperledge.stage.runner.StageRunner;
import dev.paperledge.stage.runner.StageRunners;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Kafka entry points: audio.ready (the stage's input) and pipeline.retries (operator retries), both
 * handed to the stage kit's runner, which runs {@link PublishStage} the way every stage runs: a
 * redelivery dropped, the input recorded, every failure one StageFailed. A failed audio.ready record
 * is then dead-lettered (the runner throws); a retry is always acked (its StageFailed makes the paper
 * retryable again), and another stage's retry is ignored.
 */
@ApplicationScoped
public class AudioReadyConsumer {
    private final StageRunner<AudioReady> runner;

    public AudioReadyConsumer(PublishStage stage, EventPublisher events, StageRunners runners) {
        this.runner = runners.of(stage, events);
    }

    @Incoming("audio-in")
    @Blocking
    public void onAudioReady(AudioReady evt) {
        runner.accept(evt);
    }

    @Incoming("retries-in")
    @Blocking
    public void onRetry(RetryRequested retry) {
        runner.retry(retry);
    }
}
