package dev.paperledge.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;
import io.quarkus.kafka.client.serialization.ObjectMapperSerializer;

/** RetryRequested may carry the dead-lettered input; older retries without it still read. */
class RetryRequestedSerdeTest {
    @Test
    void theDeadLetteredInputTravelsAndTheEventIdIgnoresIt() {
        String input = "{\"arxivId\":\"hep-th/9901001\",\"version\":2,\"run\":1}";
        RetryRequested sent = new RetryRequested("hep-th/9901001", 2, 1, Stage.AUDIO, 3,
                Instant.parse("2026-11-30T10:00:00Z"), input);
        byte[] json;
        try (ObjectMapperSerializer<RetryRequested> s = new ObjectMapperSerializer<>(AudioReadySerdeTest.QUARKUS_LIKE)) {
            json = s.serialize(Topics.PIPELINE_RETRIES, sent);
        }
        try (ObjectMapperDeserializer<RetryRequested> d = new ObjectMapperDeserializer<>(RetryRequested.class,
                AudioReadySerdeTest.QUARKUS_LIKE)) {
            RetryRequested read = d.deserialize(Topics.PIPELINE_RETRIES, json);
            assertThat(read).isEqualTo(sent);
            assertThat(read.input()).isEqualTo(input);
        }
        assertThat(sent.eventId()).isEqualTo(new RetryRequested("hep-th/9901001", 2, 1, Stage.AUDIO, 3,
                Instant.parse("2026-11-30T11:00:00Z")).eventId());
    }

    @Test
    void aRetryFromBeforeTheInputFieldStillReads() {
        String old = """
                {"arxivId":"2106.09685","version":1,"run":2,"retryStage":"AUDIO","attempt":2,
                 "requestedAt":"2026-11-01T10:00:00Z"}""";
        try (ObjectMapperDeserializer<RetryRequested> d = new ObjectMapperDeserializer<>(RetryRequested.class,
                AudioReadySerdeTest.QUARKUS_LIKE)) {
            RetryRequested r = d.deserialize(Topics.PIPELINE_RETRIES, old.getBytes(StandardCharsets.UTF_8));
            assertThat(r.retryStage()).isEqualTo(Stage.AUDIO);
            assertThat(r.attempt()).isEqualTo(2);
            assertThat(r.input()).isNull();
        }
    }
}
