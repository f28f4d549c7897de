package dev.paperledge.ingest.messaging;

import java.util.concurrent.atomic.AtomicInteger;

import dev.paperledge.contracts.PaperIngested;
import dev.paperledge.contracts.RetryRequested;
import dev.paperledge.contracts.StageFailed;
import io.smallrye.mutiny.TimeoutException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

/**
 * The real Kafka publisher, with a switch that makes it behave as when the broker is unreachable
 * (no ack within the timeout). Tests must not stop the shared test broker, so this is how "Kafka
 * down during a submit" is simulated; with the switch off it passes everything to Kafka.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class SwitchablePublisher implements EventPublisher {
    public static volatile boolean brokerDown;
    public static final AtomicInteger refused = new AtomicInteger();

    private final KafkaEventPublisher kafka;

    public SwitchablePublisher(KafkaEventPublisher kafka) {
        this.kafka = kafka;
    }

    @Override
    public void ingested(PaperIngested event) {
        check();
        kafka.ingested(event);
    }

    @Override
    public void failed(StageFailed event) {
        check();
        kafka.failed(event);
    }

    @Override
    public void retry(RetryRequested event) {
        check();
        kafka.retry(event);
    }

    private static void check() {
        if (brokerDown) {
            refused.incrementAndGet();
            throw new TimeoutException();
        }
    }
}
