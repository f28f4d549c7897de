package dev.paperledge.script.messaging;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.paperledge.contracts.PaperIngested;
import dev.paperledge.contracts.RetryRequested;
import dev.paperledge.contracts.Stage;
import dev.paperledge.script.service.ScriptStage;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * papers.ingested → a script; pipeline.retries with retryStage SCRIPT → the script stage again. Every
 * exception ends in a StageFailed: the stage sends it, or the catch-all here (outside the stage's
 * retries, so one failure is one StageFailed). A failed input record is then dead-lettered; a failed
 * retry is acked (the StageFailed makes the paper retryable again).
 */
@ApplicationScoped
public class PipelineConsumer {
    @Inject
    ScriptStage production;

    @Incoming("papers-in")
    @Blocking
    public void onPaperIngested(PaperIngested event) {
        try {
            production.onPaperIngested(event);
        } catch (RuntimeException e) {
            production.failUnexpected(event.arxivId(), event.version(), event.run(), 1, e);
            throw e;
        }
    }

    @Incoming("retries-in")
    @Blocking
    public void onRetryRequested(RetryRequested event) {
        if (event.retryStage() != Stage.SCRIPT) {
            return;
        }
        try {
            production.onRetry(event);
        } catch (RuntimeException e) {
            production.failUnexpected(event.arxivId(), event.version(), event.run(), event.attempt(), e);
        }
    }
}
