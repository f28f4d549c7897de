package dev.paperledge.ingest.status;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Feeds the status projection from every status topic through one consumer (channel
 * {@code status-in}: the stage events, pipeline.failures, pipeline.retries and the dead-letter
 * topics), values read as text and parsed per topic by {@link StatusRecordHandler}.
 */
@ApplicationScoped
public class StatusEventsConsumer {
    private final StatusRecordHandler handler;

    public StatusEventsConsumer(StatusRecordHandler handler) {
        this.handler = handler;
    }

    @Incoming("status-in")
    @Blocking
    public void onRecord(ConsumerRecord<String, String> r) {
        handler.apply(new StatusRecordHandler.Rec(r.topic(), r.partition(), r.offset(), r.timestamp(), r.key(),
                r.value(), r.headers()));
    }
}
