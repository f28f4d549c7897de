package dev.paperledge.contracts;

import java.net.URI;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Wraps an event in the pipeline's envelope: Kafka key = arXiv ID (one paper's events stay in order
 * on one partition) and CloudEvents attributes in binary mode (headers {@code ce_id},
 * {@code ce_type}, {@code ce_subject}, {@code ce_source}), written by SmallRye's Kafka connector.
 */
public final class CloudEvents {
    private CloudEvents() {
    }

    public static <T extends PipelineEvent> Message<T> message(T event, String sourceService) {
        return Message.of(event)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(event.arxivId()).build())
                .addMetadata(OutgoingCloudEventMetadata.builder()
                        .withId(event.eventId())
                        .withType(event.eventType())
                        .withSource(URI.create("urn:paperledge:" + sourceService))
                        .withSubject(event.arxivId())
                        .withDataContentType("application/json")
                        .build());
    }
}
