package dev.paperledge.script.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

import dev.paperledge.contracts.PaperIngested;
import dev.paperledge.contracts.Stage;
import dev.paperledge.contracts.StageFailed;
import dev.paperledge.contracts.Topics;
import dev.paperledge.contracts.serde.StageFailedDeserializer;
import dev.paperledge.script.writer.ScriptGateTest;
import jakarta.inject.Inject;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 16.4 through the real test Kafka, S3 server and PostgreSQL: a full-text paper the offline
 * writer cannot tie a single line of to its passage fails the stage for good, with the reason.
 */
@QuarkusTest
class UnsourcedEpisodeTest {
    @Inject
    PipelineTestSupport pipeline;

    @Test
    void aFullTextEpisodeWithoutSourcesIsAFailedStageWithAReadableReason() throws Exception {
        pipeline.awaitConsumerReady();
        String id = PipelineTestSupport.uniqueId();
        PaperIngested event = pipeline.ingested(id, 1, ScriptGateTest.nothingToSaySummary(), ScriptGateTest.nothingToSayText(id));
        String reason = "no line of the episode for " + id
                + " could be traced to a passage of the paper's full text, so it would go out without sources;"
                + " its extracted text (sections.json) holds no sentence the show can say or quote; check the extraction before a retry";
        StageFailed f;
        try (KafkaConsumer<String, StageFailed> failures = PipelineTestSupport.tail(Topics.PIPELINE_FAILURES, StageFailedDeserializer.class)) {
            pipeline.send(event);
            f = PipelineTestSupport.collect(failures, id, 1, Duration.ofSeconds(60)).stream().map(ConsumerRecord::value).findFirst()
                    .orElseThrow(() -> new AssertionError("no StageFailed for " + id));
        }
        assertThat(f).extracting(StageFailed::failedStage, StageFailed::retryable, StageFailed::reason)
                .containsExactly(Stage.SCRIPT, false, reason);
        // Recorded as failed with the same sentence; no script was stored or announced.
        given().get("/api/scripts/" + id).then().statusCode(200).body("[0].status", equalTo("FAILED"))
                .body("[0].failureReason", equalTo(reason)).body("[0].scriptKey", nullValue());
    }
}
