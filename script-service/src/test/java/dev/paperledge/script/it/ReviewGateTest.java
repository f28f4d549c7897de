package dev.paperledge.script.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.paperledge.contracts.EpisodeScript;
import dev.paperledge.contracts.ScriptReady;
import dev.paperledge.contracts.Topics;
import dev.paperledge.contracts.serde.ScriptReadyDeserializer;
import dev.paperledge.script.writer.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;

@QuarkusTest
@TestProfile(ReviewGateProfile.class)
class ReviewGateTest {
    static final String KEY = "paperledge-local-operator-key";
    @Inject
    PipelineTestSupport pipeline;
    @Inject
    ObjectMapper json;

    @Test
    void aScriptWaitsInReviewUntilAnOperatorApprovesItWithAnEditedSection() throws Exception {
        String id = PipelineTestSupport.uniqueId();
        try (KafkaConsumer<String, ScriptReady> ready = PipelineTestSupport.tail(Topics.SCRIPTS_READY, ScriptReadyDeserializer.class)) {
            holdInReview(id, 1);
            given().get("/api/scripts?status=IN_REVIEW").then().statusCode(200);
            assertThat(PipelineTestSupport.collect(ready, id, 1, Duration.ofSeconds(2))).isEmpty();

            String hook = "Hey PaperLedge learning crew, Ernis here, with a hook an operator rewrote by hand.";
            given().contentType(ContentType.JSON).body(Map.of("sections", Map.of("HOOK", hook)))
                    .post("/api/scripts/" + id + "/approve").then().statusCode(401);
            given().header("X-API-Key", KEY).contentType(ContentType.JSON).body(Map.of("sections", Map.of("HOOK", hook)))
                    .post("/api/scripts/" + id + "/approve").then().statusCode(200)
                    .body("status", equalTo("READY")).body("edited", equalTo(true));

            List<ConsumerRecord<String, ScriptReady>> got = PipelineTestSupport.collect(ready, id, 1, Duration.ofSeconds(30));
            assertThat(got).hasSize(1);
            EpisodeScript script = json.readValue(pipeline.object(got.get(0).value().scriptKey()), EpisodeScript.class);
            assertThat(script.sections().get(0).text()).isEqualTo(hook);
            assertThat(got.get(0).value().wordCount()).isEqualTo(script.wordCount());

            given().header("X-API-Key", KEY).contentType(ContentType.JSON).body("{}")
                    .post("/api/scripts/" + id + "/approve").then().statusCode(409);
        }
    }

    @Test
    void twoOperatorsApprovingAtOnceGetOneApprovalAndOneConflict() throws Exception {
        String id = PipelineTestSupport.uniqueId();
        try (KafkaConsumer<String, ScriptReady> ready = PipelineTestSupport.tail(Topics.SCRIPTS_READY, ScriptReadyDeserializer.class)) {
            holdInReview(id, 2);

            List<String> hooks = List.of("Hey PaperLedge learning crew, Ernis here, with the first operator's hook.",
                    "Hey PaperLedge learning crew, Ernis here, with the second operator's hook.");
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(hooks.size());
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(hooks.size());
            try {
                List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
                for (String hook : hooks) {
                    answers.add(pool.submit(() -> {
                        start.await();
                        return given().header("X-API-Key", KEY).contentType(ContentType.JSON)
                                .body(Map.of("sections", Map.of("HOOK", hook)))
                                .post("/api/scripts/" + id + "/approve").then().extract().statusCode();
                    }));
                }
                List<Integer> codes = new java.util.ArrayList<>();
                for (java.util.concurrent.Future<Integer> a : answers) {
                    codes.add(a.get(60, java.util.concurrent.TimeUnit.SECONDS));
                }
                assertThat(codes).containsExactlyInAnyOrder(200, 409);
                String winner = hooks.get(codes.indexOf(200));

                List<ConsumerRecord<String, ScriptReady>> got = PipelineTestSupport.collect(ready, id, 1, Duration.ofSeconds(30));
                assertThat(got).hasSize(1);
                EpisodeScript script = json.readValue(pipeline.object(got.get(0).value().scriptKey()), EpisodeScript.class);
                assertThat(script.sections().get(0).text()).as("the approved script is the winner's, whole").isEqualTo(winner);
                assertThat(PipelineTestSupport.collect(ready, id, 1, Duration.ofSeconds(3))).as("no second emit").isEmpty();
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void anEditThatRemovesEveryLineTracedToThePaperIsRefusedAndTheScriptStaysInReview() throws Exception {
        String id = PipelineTestSupport.uniqueId();
        Fixtures.Paper paper = Fixtures.withFullText().get(0);
        try (KafkaConsumer<String, ScriptReady> ready = PipelineTestSupport.tail(Topics.SCRIPTS_READY, ScriptReadyDeserializer.class)) {
            pipeline.awaitConsumerReady();
            pipeline.send(pipeline.ingested(id, 1, paper.summary(), paper.fullText()));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/api/scripts/" + id).then()
                    .statusCode(200).body("[0].status", equalTo("IN_REVIEW")));
            EpisodeScript held = json.readValue(given().get("/api/scripts/" + id + "/script").then().statusCode(200)
                    .extract().asByteArray(), EpisodeScript.class);
            Map<String, String> rewritten = new java.util.LinkedHashMap<>();
            held.sections().stream().filter(s -> !s.provenance().isEmpty())
                    .forEach(s -> rewritten.put(s.kind().name(), "An operator's own words for this part of the show."));
            assertThat(rewritten).as("a full-text script has sourced sections").isNotEmpty();

            given().header("X-API-Key", KEY).contentType(ContentType.JSON).body(Map.of("sections", rewritten))
                    .post("/api/scripts/" + id + "/approve").then().statusCode(422)
                    .contentType("application/problem+json")
                    .body("detail", org.hamcrest.Matchers.containsString("traced to a passage of the paper"));
            given().get("/api/scripts/" + id).then().body("[0].status", equalTo("IN_REVIEW"));
            assertThat(PipelineTestSupport.collect(ready, id, 1, Duration.ofSeconds(2))).as("nothing emitted").isEmpty();

            // keeping one sourced section as written is enough
            String kept = rewritten.keySet().iterator().next();
            rewritten.remove(kept);
            given().header("X-API-Key", KEY).contentType(ContentType.JSON).body(Map.of("sections", rewritten))
                    .post("/api/scripts/" + id + "/approve").then().statusCode(200).body("status", equalTo("READY"));
            assertThat(PipelineTestSupport.collect(ready, id, 1, Duration.ofSeconds(30))).hasSize(1);
        }
    }

    /** Sends a seed paper's ingested event and waits until its script is held for review. */
    private void holdInReview(String id, int seed) throws Exception {
        pipeline.awaitConsumerReady();
        pipeline.send(pipeline.ingested(id, 1, Fixtures.seeds().get(seed).summary(), null));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/api/scripts/" + id).then()
                .statusCode(200).body("[0].status", equalTo("IN_REVIEW")));
    }
}
