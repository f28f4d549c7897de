package dev.paperledge.script.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.paperledge.contracts.PaperIngested;
import dev.paperledge.contracts.RetryRequested;
import dev.paperledge.contracts.ScriptReady;
import dev.paperledge.contracts.Stage;
import dev.paperledge.contracts.StageFailed;
import dev.paperledge.contracts.Topics;
import dev.paperledge.contracts.serde.ScriptReadyDeserializer;
import dev.paperledge.contracts.serde.StageFailedDeserializer;
import dev.paperledge.script.domain.Script;
import dev.paperledge.script.messaging.BrokerRefusesOnce;
import dev.paperledge.script.messaging.ScriptEvents;
import dev.paperledge.script.writer.Fixtures;
import dev.paperledge.stage.db.ProductionKey;
import dev.paperledge.stage.db.StageInput;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.inject.Inject;

/**
 * No dead ends: every exception path ends in one StageFailed, and a retry can run from the input
 * ingest kept from the dead-lettered record. The stage kit's runner runs the stage; these are its
 * paths through the real test Kafka, S3 server and PostgreSQL (every path in memory:
 * ScriptStageHandlerTest).
 */
@QuarkusTest
class StageFailureTest {
    @Inject
    PipelineTestSupport pipeline;
    @Inject
    ObjectMapper json;
    @Inject
    @Channel("scripts-out")
    MutinyEmitter<ScriptReady> scripts;
    @Inject
    @Channel("failures")
    MutinyEmitter<StageFailed> stageFailures;

    @BeforeEach
    void consumersReady() throws Exception {
        pipeline.awaitConsumerReady();
        PipelineTestSupport.awaitRetriesReady();
    }

    @Test
    void aScriptReadyTheBrokerDidNotTakeEndsInOneStageFailedAndARetryProducesTheScript() throws Exception {
        String id = PipelineTestSupport.uniqueId();
        QuarkusMock.installMockForType(new BrokerRefusesOnce(scripts, stageFailures, id), ScriptEvents.class);
        PaperIngested event = pipeline.ingested(id, 1, Fixtures.seeds().get(1).summary(), null);
        try (KafkaConsumer<String, StageFailed> failures = PipelineTestSupport.tail(Topics.PIPELINE_FAILURES, StageFailedDeserializer.class);
                KafkaConsumer<String, ScriptReady> ready = PipelineTestSupport.tail(Topics.SCRIPTS_READY, ScriptReadyDeserializer.class);
                KafkaConsumer<String, String> dlq = PipelineTestSupport.tail(Topics.deadLetter(Topics.PAPERS_INGESTED), StringDeserializer.class)) {
            pipeline.send(event);
            List<ConsumerRecord<String, StageFailed>> failed = PipelineTestSupport.collect(failures, id, 1, Duration.ofSeconds(60));
            assertThat(failed).hasSize(1);
            StageFailed f = failed.get(0).value();
            assertThat(f.failedStage()).isEqualTo(Stage.SCRIPT);
            assertThat(f.retryable()).isTrue();
            assertThat(f.attempt()).isEqualTo(1);
            assertThat(f.reason()).isEqualTo("the script stage finished but Kafka did not take its scripts.ready event; retry the paper");
            List<ConsumerRecord<String, String>> parked = PipelineTestSupport.collect(dlq, id, 1, Duration.ofSeconds(30));
            assertThat(parked).hasSize(1);
            assertThat(PipelineTestSupport.header(parked.get(0), "dead-letter-reason"))
                    .isEqualTo("Kafka did not acknowledge the scripts.ready event: Expiring 1 record(s) for scripts.ready-0:120000 ms has passed since batch creation");
            // one failure, one StageFailed: nothing more comes
            assertThat(PipelineTestSupport.collect(failures, id, 1, Duration.ofSeconds(3))).isEmpty();
            given().get("/api/scripts/" + id).then().statusCode(200).body("[0].status", equalTo("FAILED"))
                    .body("[0].failureReason", equalTo(f.reason()));

            pipeline.send(new RetryRequested(id, 1, 1, Stage.SCRIPT, 2, Instant.now()));
            List<ConsumerRecord<String, ScriptReady>> got = PipelineTestSupport.collect(ready, id, 1, Duration.ofSeconds(60));
            assertThat(got).extracting(r -> r.value().run()).containsExactly(1);
            given().get("/api/scripts/" + id).then().statusCode(200).body("[0].status", equalTo("READY"));
        }
    }

    @Test
    void anUnreadableRecordedInputEndsTheRetryInOneStageFailedAndTheRetryIsAcked() throws Exception {
        String id = PipelineTestSupport.uniqueId();
        PaperIngested event = pipeline.ingested(id, 1, Fixtures.seeds().get(2).summary(), null);
        try (KafkaConsumer<String, StageFailed> failures = PipelineTestSupport.tail(Topics.PIPELINE_FAILURES, StageFailedDeserializer.class);
                KafkaConsumer<String, ScriptReady> ready = PipelineTestSupport.tail(Topics.SCRIPTS_READY, ScriptReadyDeserializer.class);
                KafkaConsumer<String, String> retries = PipelineTestSupport.tail(Topics.PIPELINE_RETRIES, StringDeserializer.class)) {
            pipeline.send(event);
            assertThat(PipelineTestSupport.collect(ready, id, 1, Duration.ofSeconds(60))).hasSize(1);
            // the recorded input is damaged: the retry cannot read what it would rerun from
            QuarkusTransaction.requiringNew().run(() -> StageInput.update("eventJson = '{not json' where arxivId = ?1", id));

            pipeline.send(new RetryRequested(id, 1, 1, Stage.SCRIPT, 2, Instant.now()));
            List<ConsumerRecord<String, StageFailed>> failed = PipelineTestSupport.collect(failures, id, 1, Duration.ofSeconds(60));
            assertThat(failed).hasSize(1);
            assertThat(failed.get(0).value().attempt()).isEqualTo(2);
            assertThat(failed.get(0).value().retryable()).as("the same recorded input can never be read").isFalse();
            assertThat(failed.get(0).value().reason()).startsWith("the recorded input of " + id + " v1 r1 is not a readable PaperIngested")
                    .endsWith("; submit the paper again");
            given().get("/api/scripts/" + id).then().statusCode(200).body("[0].status", equalTo("FAILED"))
                    .body("[0].failureReason", equalTo(failed.get(0).value().reason()));

            ConsumerRecord<String, String> retry = PipelineTestSupport.collect(retries, id, 1, Duration.ofSeconds(10)).get(0);
            TopicPartition partition = new TopicPartition(retry.topic(), retry.partition());
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> PipelineTestSupport.committed(partition) > retry.offset());
        }
    }

    @Test
    void aRetryWithoutARecordedInputRunsFromTheInputItCarriesAndOnlyIfThatIsThePapersOwn() throws Exception {
        String id = PipelineTestSupport.uniqueId();
        String other = PipelineTestSupport.uniqueId();
        String never = PipelineTestSupport.uniqueId();
        String garbled = PipelineTestSupport.uniqueId();
        PaperIngested dead = pipeline.ingested(id, 1, Fixtures.seeds().get(3).summary(), null);
        String deadJson = json.writeValueAsString(dead);
        try (KafkaConsumer<String, StageFailed> failures = PipelineTestSupport.tail(Topics.PIPELINE_FAILURES, StageFailedDeserializer.class);
                KafkaConsumer<String, ScriptReady> ready = PipelineTestSupport.tail(Topics.SCRIPTS_READY, ScriptReadyDeserializer.class)) {
            // the papers.ingested record was dead-lettered before this service recorded it; ingest sends it along
            pipeline.send(new RetryRequested(id, 1, 1, Stage.SCRIPT, 2, Instant.now(), deadJson));
            List<ConsumerRecord<String, ScriptReady>> got = PipelineTestSupport.collect(ready, id, 1, Duration.ofSeconds(60));
            assertThat(got).hasSize(1);
            assertThat(got.get(0).value().episodeTitle()).isEqualTo(dead.paper().episodeTitle());
            // the row turns READY in the transaction after the broker's ack: wait for it, not for the event
            await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew()
                    .call(() -> Script.byNaturalKey(id, 1, 1).orElseThrow().status) == Script.Status.READY);
            Script row = QuarkusTransaction.requiringNew().call(() -> Script.byNaturalKey(id, 1, 1).orElseThrow());
            assertThat(row.attempts).isEqualTo(2);
            StageInput recorded = QuarkusTransaction.requiringNew()
                    .call(() -> StageInput.<StageInput>findById(new ProductionKey(id, 1, 1)));
            assertThat(json.readValue(recorded.eventJson, PaperIngested.class)).isEqualTo(dead);
            assertThat(recorded.eventId).isEqualTo(dead.eventId());

            record Refused(RetryRequested retry, String reason) {
            }
            for (Refused r : List.of(
                    new Refused(new RetryRequested(other, 1, 1, Stage.SCRIPT, 2, Instant.now(), deadJson),
                            "carries the input of " + id + " v1 r1, another production"),
                    new Refused(new RetryRequested(never, 1, 1, Stage.SCRIPT, 2, Instant.now()),
                            "never received " + never + " v1 r1; submit the paper again"),
                    new Refused(new RetryRequested(garbled, 1, 1, Stage.SCRIPT, 2, Instant.now(), "{\"arxivId\": [1, 2"),
                            "is not a readable PaperIngested"))) {
                pipeline.send(r.retry());
                List<ConsumerRecord<String, StageFailed>> failed = PipelineTestSupport.collect(failures, r.retry().arxivId(), 1,
                        Duration.ofSeconds(60));
                assertThat(failed).hasSize(1);
                assertThat(failed.get(0).value().retryable()).isFalse();
                assertThat(failed.get(0).value().reason()).contains(r.reason());
            }
            assertThat(PipelineTestSupport.collect(ready, other, 1, Duration.ofMillis(500))).isEmpty();
            assertThat(QuarkusTransaction.requiringNew().call(() -> Script.count("arxivId", other))).isZero();
        }
    }
}
