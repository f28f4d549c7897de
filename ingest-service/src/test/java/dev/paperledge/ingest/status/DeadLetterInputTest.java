package dev.paperledge.ingest.status;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.hibernate.Hibernate;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.paperledge.contracts.RetryRequested;
import dev.paperledge.contracts.Stage;
import dev.paperledge.contracts.Topics;
import dev.paperledge.ingest.status.StageProgress;
import dev.paperledge.ingest.support.Api;
import dev.paperledge.ingest.support.Fixtures;
import dev.paperledge.ingest.support.KafkaProbe;
import dev.paperledge.ingest.support.Papers;
import dev.paperledge.ingest.support.Recorded;
import dev.paperledge.ingest.support.StandInResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * The input a stage's consumer dead-lettered is kept with the stage's row (when it is a JSON object of
 * at most 256 KiB naming the same paper, run and version), survives a rebuild from the topics, is
 * never shown, and an operator retry of that stage sends it verbatim as {@code RetryRequested.input};
 * anything else keeps none and the retry goes without it.
 */
@QuarkusTest
@WithTestResource(StandInResource.class)
class DeadLetterInputTest {
    static final String DLQ = Topics.deadLetter(Topics.PAPERS_INGESTED);
    static final int MAX = 256 * 1024;

    @Inject
    StatusRecordHandler handler;
    @Inject
    ObjectMapper json;

    /** A papers.ingested payload as script-service's consumer would dead-letter it, with a marker in it. */
    static String ingested(String id, String marker) {
        return "{\"arxivId\": \"" + id + "\", \"version\": 1, \"run\": 1,  \"paper\": {\"title\": \"Ünïcode"
                + " \\\"quoted\\\" <b>" + marker + "</b>\", \"authors\": [\"Émile Borel\"]},"
                + " \"textSource\": \"ABSTRACT\", \"ingestedAt\": \"2026-11-20T10:00:05Z\"}";
    }

    /** A JSON object naming the paper, padded with {@code pad} to exactly {@code bytes} UTF-8 bytes. */
    static String padded(String id, int bytes, String pad) {
        String head = "{\"arxivId\":\"" + id + "\",\"version\":1,\"run\":1,\"pad\":\"";
        StringBuilder b = new StringBuilder(head);
        int room = bytes - head.length() - 2;
        int each = pad.getBytes(StandardCharsets.UTF_8).length;
        b.append(pad.repeat(room / each)).append("x".repeat(room % each)).append("\"}");
        String s = b.toString();
        assertThat(s.getBytes(StandardCharsets.UTF_8)).hasSize(bytes);
        return s;
    }

    static void deadLetter(String key, String value) {
        Recorded.produce(List.of(new Recorded.Item(0, DLQ, key, value, Map.of("dead-letter-reason",
                "SRMSG: processing failed: database unavailable", "dead-letter-topic", Topics.PAPERS_INGESTED))));
    }

    static String kept(String id) {
        return kept(id, Stage.SCRIPT);
    }

    static String kept(String id, Stage stage) {
        return QuarkusTransaction.requiringNew().call(() -> {
            StageProgress row = StageProgress.findById(new StageProgress.Key(id, 1, stage));
            return row == null ? null : row.deadLetterInput;
        });
    }

    /** Retries the paper as an operator; returns the RetryRequested record's value. */
    private JsonNode retry(String id) throws Exception {
        try (KafkaProbe retries = new KafkaProbe(Topics.PIPELINE_RETRIES)) {
            String body = Api.operator().post("/api/papers/" + id + "/retry").then().statusCode(202)
                    .extract().asString();
            List<ConsumerRecord<String, String>> r = retries.await(id, 1, Duration.ofSeconds(20));
            assertThat(r).hasSize(1);
            JsonNode sent = json.readTree(r.get(0).value());
            assertThat(sent.path("retryStage").asText()).isEqualTo("SCRIPT");
            assertThat(sent.path("attempt").asInt()).isEqualTo(2);
            assertThat(body).doesNotContain("pad").doesNotContain("Ünïcode");
            return sent;
        }
    }

    static void awaitDlqAssigned() {
        KafkaProbe.awaitTopicsAssigned("ingest-service-status-test", Set.of(DLQ, Topics.PIPELINE_RETRIES),
                Duration.ofSeconds(45));
    }

    @Test
    void aDeadLetteredInputIsKeptSurvivesARebuildAndARetrySendsItVerbatim() throws Exception {
        awaitDlqAssigned();
        String id = Fixtures.randomId();
        String marker = "kept-" + UUID.randomUUID();
        String value = ingested(id, marker);
        Papers.ingested(id, 1);
        deadLetter(id, value);
        Api.awaitStatus(id, Duration.ofSeconds(30), "FAILED");
        assertThat(kept(id)).isEqualTo(value);
        // Loaded only when read: listing papers does not carry every kept input along.
        assertThat(QuarkusTransaction.requiringNew().call(() -> Hibernate.isPropertyInitialized(
                StageProgress.findById(new StageProgress.Key(id, 1, Stage.SCRIPT)), "deadLetterInput"))).isFalse();
        // Internal: not on the public API, the list or the dashboard.
        assertThat(given().get("/api/papers/" + id).asString()).contains("dead-lettered").doesNotContain(marker);
        assertThat(given().queryParam("size", 200).get("/api/papers").asString()).contains(id).doesNotContain(marker);
        assertThat(given().get("/api/dashboard").asString()).contains(id).doesNotContain(marker);

        // The projection is lost and rebuilt from the topics: the input is back.
        Papers.wipeProjection(id);
        assertThat(kept(id)).isNull();
        Api.operator().queryParam("arxivId", id).post("/api/admin/status/rebuild").then().statusCode(200);
        assertThat(Api.paper(id).getString("failedStage")).isEqualTo("SCRIPT");
        assertThat(kept(id)).isEqualTo(value);

        JsonNode sent = retry(id);
        assertThat(sent.path("input").asText()).isEqualTo(value);
        RetryRequested event = json.readValue(sent.toString(), RetryRequested.class);
        assertThat(event.input()).isEqualTo(value);
        assertThat(event.run()).isEqualTo(1);
    }

    @Test
    void aPayloadOfAtMostTheLimitIsKeptByteForByte() throws Exception {
        awaitDlqAssigned();
        String id = Fixtures.randomId();
        String value = padded(id, MAX, "ä");
        Papers.ingested(id, 1);
        deadLetter(id, value);
        Api.awaitStatus(id, Duration.ofSeconds(30), "FAILED");
        assertThat(kept(id)).isEqualTo(value);
        assertThat(retry(id).path("input").asText()).isEqualTo(value);
    }

    @Test
    void anInputThatIsNotFitIsNotKeptAndTheRetryGoesWithoutIt() throws Exception {
        awaitDlqAssigned();
        Map<String, java.util.function.Function<String, String>> cases = new java.util.LinkedHashMap<>();
        cases.put("another paper", id -> ingested(Fixtures.randomId(), "other"));
        cases.put("no paper named", id -> "{\"version\": 1, \"run\": 1, \"textSource\": \"ABSTRACT\"}");
        cases.put("not JSON", id -> "{\"arxivId\": \"" + id + "\", not json");
        cases.put("text after the JSON", id -> ingested(id, "t") + " {\"arxivId\": \"" + id + "\"}");
        cases.put("the paper named twice", id -> ingested(id, "d").replace("\"run\": 1,",
                "\"run\": 1, \"arxivId\": \"" + Fixtures.randomId() + "\","));
        cases.put("a JSON array", id -> "[{\"arxivId\": \"" + id + "\"}]");
        cases.put("over 256 KiB (bytes, not characters)", id -> padded(id, MAX + 1, "ä"));
        cases.put("another version", id -> ingested(id, "v2").replace("\"version\": 1", "\"version\": 2"));
        cases.put("a run that is not a number", id -> ingested(id, "r").replace("\"run\": 1", "\"run\": \"1\""));
        Map<String, String> papers = new java.util.LinkedHashMap<>();
        for (var c : cases.entrySet()) {
            String id = Fixtures.randomId();
            Papers.ingested(id, 1);
            deadLetter(id, c.getValue().apply(id));
            papers.put(c.getKey(), id);
        }
        for (var p : papers.entrySet()) {
            String id = p.getValue();
            var view = Api.awaitStatus(id, Duration.ofSeconds(30), "FAILED");
            assertThat(view.getString("failedStage")).as(p.getKey()).isEqualTo("SCRIPT");
            assertThat(kept(id)).as(p.getKey()).isNull();
            JsonNode sent = retry(id);
            assertThat(sent.path("input").isNull() || sent.path("input").isMissingNode()).as(p.getKey()).isTrue();
            assertThat(json.readValue(sent.toString(), RetryRequested.class).input()).as(p.getKey()).isNull();
        }
    }

    private static StatusRecordHandler.Rec rec(String id, long offset, long at, String value) {
        return rec(DLQ, id, offset, at, value);
    }

    private static StatusRecordHandler.Rec rec(String topic, String id, long offset, long at, String value) {
        RecordHeaders h = new RecordHeaders();
        h.add("dead-letter-reason", "database unavailable".getBytes(StandardCharsets.UTF_8));
        return new StatusRecordHandler.Rec(topic, 0, offset, at, id, value, h);
    }

    @Test
    void eachDeadLetterTopicKeepsTheInputWithTheStageThatConsumesIt() {
        String id = Fixtures.randomId();
        Papers.ingested(id, 1);
        long t = 1_795_000_000_000L;
        String script = ingested(id, "script-ready").replace("\"textSource\"", "\"wordCount\": 1200, \"x\"");
        String audio = ingested(id, "audio-ready").replace("\"textSource\"", "\"durationMs\": 61000, \"x\"");
        handler.apply(rec(Topics.deadLetter(Topics.SCRIPTS_READY), id, 1, t, script));
        handler.apply(rec(Topics.deadLetter(Topics.AUDIO_READY), id, 1, t, audio));
        assertThat(kept(id, Stage.SCRIPT)).isNull();
        assertThat(kept(id, Stage.AUDIO)).isEqualTo(script);
        assertThat(kept(id, Stage.PUBLISH)).isEqualTo(audio);
    }

    @Test
    void theLatestDeadLetterDecidesTheInputWhateverOrderTheyArriveIn() {
        long t = 1_795_000_000_000L;
        String a = Fixtures.randomId();
        String b = Fixtures.randomId();
        for (String id : List.of(a, b)) {
            Papers.ingested(id, 1);
        }
        // a: an older and a newer input: the newer one is kept, in either order.
        List<StatusRecordHandler.Rec> both = new ArrayList<>(List.of(rec(a, 1, t, ingested(a, "older")),
                rec(a, 2, t + 1000, ingested(a, "newer"))));
        both.forEach(handler::apply);
        assertThat(kept(a)).isEqualTo(ingested(a, "newer"));
        Collections.reverse(both);
        Papers.wipeProjection(a);
        both.forEach(handler::apply);
        assertThat(kept(a)).isEqualTo(ingested(a, "newer"));

        // b: a newer dead letter without a fit input replaces the kept one; an older one arriving late does not.
        handler.apply(rec(b, 1, t, ingested(b, "first")));
        assertThat(kept(b)).isEqualTo(ingested(b, "first"));
        handler.apply(rec(b, 2, t + 1000, "not json"));
        assertThat(kept(b)).isNull();
        handler.apply(rec(b, 3, t - 1000, ingested(b, "late")));
        assertThat(kept(b)).isNull();
    }
}
