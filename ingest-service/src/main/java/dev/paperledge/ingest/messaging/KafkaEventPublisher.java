package dev.paperledge.ingest.messaging;

import java.time.Duration;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;

import dev.paperledge.contracts.CloudEvents;
import dev.paperledge.contracts.PaperIngested;
import dev.paperledge.contracts.PipelineEvent;
import dev.paperledge.contracts.RetryRequested;
import dev.paperledge.contracts.StageFailed;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;

/** {@link EventPublisher} over SmallRye Kafka emitters, with the pipeline's CloudEvents envelope. */
@ApplicationScoped
public class KafkaEventPublisher implements EventPublisher {
    static final String SOURCE = "ingest-service";

    private final MutinyEmitter<PaperIngested> papers;
    private final MutinyEmitter<StageFailed> failures;
    private final MutinyEmitter<RetryRequested> retries;
    private final Duration ackTimeout;

    public KafkaEventPublisher(@Channel("papers-out") MutinyEmitter<PaperIngested> papers,
            @Channel("failures-out") MutinyEmitter<StageFailed> failures,
            @Channel("retries-out") MutinyEmitter<RetryRequested> retries,
            @ConfigProperty(name = "paperledge.ingest.ack-timeout", defaultValue = "30s") Duration ackTimeout) {
        this.papers = papers;
        this.failures = failures;
        this.retries = retries;
        this.ackTimeout = ackTimeout;
    }

    @Override
    public void ingested(PaperIngested event) {
        send(papers, event);
    }

    @Override
    public void failed(StageFailed event) {
        send(failures, event);
    }

    @Override
    public void retry(RetryRequested event) {
        send(retries, event);
    }

    private <T extends PipelineEvent> void send(MutinyEmitter<T> emitter, T event) {
        emitter.sendMessage(CloudEvents.message(event, SOURCE)).await().atMost(ackTimeout);
    }
}
