package dev.paperledge.ingest.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import dev.paperledge.contracts.Stage;
import dev.paperledge.contracts.Topics;
import dev.paperledge.ingest.support.Api;
import dev.paperledge.ingest.support.ConfigOverrides;
import dev.paperledge.ingest.support.Fixtures;
import dev.paperledge.ingest.support.KafkaProbe;
import dev.paperledge.ingest.support.Papers;
import dev.paperledge.ingest.support.StageEvents;
import dev.paperledge.ingest.support.StandInResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

/**
 * With tracing switched on (as an operator would: the SDK enabled at run time), the trace context of
 * an operator's call travels on into the Kafka record it causes (W3C traceparent header), so the
 * next service continues the same trace. Off by default (see application.properties).
 */
@QuarkusTest
@TestProfile(TracePropagationTest.TracingOn.class)
@WithTestResource(StandInResource.class)
class TracePropagationTest {
    static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    public static class TracingOn extends ConfigOverrides {
        public TracingOn() {
            // Spans go to a collector address on loopback where none listens: export fails quietly.
            super(Map.of("quarkus.otel.sdk.disabled", "false",
                    "quarkus.otel.exporter.otlp.traces.endpoint", "http://127.0.0.1:4317"));
        }
    }

    @Inject
    StageEvents stages;

    @Test
    void anOperatorsRetryCarriesTheCallersTraceIntoKafka() {
        KafkaProbe.awaitTopicsAssigned("ingest-service-status-test", Set.of(Topics.PIPELINE_FAILURES),
                Duration.ofSeconds(45));
        String id = Fixtures.randomId();
        Papers.ingested(id, 1);
        stages.failed(id, 1, 1, Stage.SCRIPT, 1, "writer down");
        Api.awaitStatus(id, Duration.ofSeconds(30), "FAILED");
        try (KafkaProbe retries = new KafkaProbe(Topics.PIPELINE_RETRIES)) {
            Api.operator().header("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01")
                    .post("/api/papers/" + id + "/retry").then().statusCode(202);
            List<ConsumerRecord<String, String>> r = retries.await(id, 1, Duration.ofSeconds(20));
            assertThat(r).hasSize(1);
            assertThat(KafkaProbe.header(r.get(0), "traceparent")).startsWith("00-" + TRACE_ID + "-");
        }
    }
}
