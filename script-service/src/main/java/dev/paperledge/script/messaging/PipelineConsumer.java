package dev.paperledge.script.messaging;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.paperledge.contracts.PaperIngested;
import dev.paperledge.contracts.RetryRequested;
import dev.paperledge.script.service.ScriptStage;
import dev.paperledge.stage.runner.StageRunner;
import dev.paperledge.stage.runner.StageRunners;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * papers.ingested → a script; pipeline.retries with retryStage SCRIPT → the script stage again. The
 * stage kit's runner runs {@link ScriptStage}: it drops redeliveries, records the input, waits out the
 * database, and ends every failure in one StageFailed. A failed input record is then dead-lettered
 * (the runner throws); a retry is always acked (its StageFailed makes the paper retryable again).
 */
@ApplicationScoped
public class PipelineConsumer {
    private final StageRunner<PaperIngested> runner;

    public PipelineConsumer(StageRunners runners, ScriptStage stage, ScriptEvents events) {
        this.runner = runners.of(stage, events);
    }

    @Incoming("papers-in")
    @Blocking
    public void onPaperIngested(PaperIngested event) {
        runner.accept(event);
    }

    @Incoming("retries-in")
    @Blocking
    public void onRetryRequested(RetryRequested event) {
        runner.retry(event);
    }
}
