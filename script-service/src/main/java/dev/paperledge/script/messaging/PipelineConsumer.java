package dev.paperledge.script.messaging;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.paperledge.contracts.PaperIngested;
import dev.paperledge.contracts.RetryRequested;
import dev.paperledge.contracts.Stage;
import dev.paperledge.script.service.ScriptProduction;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** papers.ingested → a script; pipeline.retries with retryStage SCRIPT → the script stage again. */
@ApplicationScoped
public class PipelineConsumer {
    @Inject
    ScriptProduction production;

    @Incoming("papers-in")
    @Blocking
    public void onPaperIngested(PaperIngested event) {
        production.onPaperIngested(event);
    }

    @Incoming("retries-in")
    @Blocking
    public void onRetryRequested(RetryRequested event) {
        if (event.retryStage() == Stage.SCRIPT) {
            production.onRetry(event);
        }
    }
}
