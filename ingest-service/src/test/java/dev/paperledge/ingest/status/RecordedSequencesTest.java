package dev.paperledge.ingest.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.paperledge.contracts.Topics;
import dev.paperledge.ingest.support.Api;
import dev.paperledge.ingest.support.Fixtures;
import dev.paperledge.ingest.support.KafkaProbe;
import dev.paperledge.ingest.support.Papers;
import dev.paperledge.ingest.support.Recorded;
import dev.paperledge.ingest.support.StandInResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

/**
 * The projection from recorded event sequences: in order, reversed, shuffled with every record
 * twice, through the live topics, and rebuilt by a replay, a paper always ends in the same state.
 */
@QuarkusTest
@WithTestResource(StandInResource.class)
class RecordedSequencesTest {
    static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    @Inject
    StatusRecordHandler handler;

    /** What the API shows of a paper's status, without the fields that name the paper itself. */
    static Map<String, Object> state(String id) {
        JsonPath p = Api.paper(id);
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (String f : List.of("status", "failedStage", "reason", "retryable", "attempt", "stages")) {
            Object v = p.get(f);
            m.put(f, v);
        }
        Object url = p.get("episodeUrl");
        m.put("episodeUrl", url == null ? null : url.toString().replace(id, "ID"));
        return m;
    }

    static String paper() {
        String id = Fixtures.randomId();
        Papers.requested(id, 1, T0);
        return id;
    }

    private void apply(List<Recorded.Item> items) {
        items.forEach(i -> handler.apply(i.rec()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "published.jsonl", "failed-retried-published.jsonl", "dead-lettered.jsonl",
            "failed-twice.jsonl" })
    void orderAndDuplicatesDoNotChangeTheOutcome(String sequence) {
        String inOrder = paper();
        String reversed = paper();
        String shuffledTwice = paper();
        apply(Recorded.load(sequence, inOrder));
        List<Recorded.Item> r = new ArrayList<>(Recorded.load(sequence, reversed));
        Collections.reverse(r);
        apply(r);
        List<Recorded.Item> twice = new ArrayList<>(Recorded.load(sequence, shuffledTwice));
        twice.addAll(Recorded.load(sequence, shuffledTwice));
        Collections.shuffle(twice, new Random(sequence.hashCode()));
        apply(twice);

        Map<String, Object> expected = state(inOrder);
        assertThat(state(reversed)).isEqualTo(expected);
        assertThat(state(shuffledTwice)).isEqualTo(expected);
    }

    @Test
    void aPublishedSequenceGivesEachStageItsTimeFromTheEvents() {
        String id = paper();
        apply(Recorded.load("published.jsonl", id));
        JsonPath p = Api.paper(id);
        assertThat(p.getString("status")).isEqualTo("PUBLISHED");
        assertThat(p.getList("stages.state")).containsExactly("done", "done", "done", "done");
        // ingested at :05, script :20, audio :45, published :50 after the submission at :00
        assertThat(p.getList("stages.durationMs", Long.class)).containsExactly(5_000L, 15_000L, 25_000L, 5_000L);
        assertThat(p.getString("episodeUrl")).isEqualTo("http://localhost:8080/episodes/" + id);
        assertThat(p.getList("timeline.status")).containsExactly("REQUESTED", "INGESTED", "SCRIPTED", "VOICED",
                "PUBLISHED");
    }

    @Test
    void aFailureThenARetryThenSuccessCountsTheAttemptAndTheWholeStageTime() {
        String id = paper();
        List<Recorded.Item> items = Recorded.load("failed-retried-published.jsonl", id);
        apply(items.subList(0, 3));
        JsonPath failed = Api.paper(id);
        assertThat(failed.getString("status")).isEqualTo("FAILED");
        assertThat(failed.getString("failedStage")).isEqualTo("AUDIO");
        assertThat(failed.getString("reason")).isEqualTo("speech engine timed out");
        assertThat(failed.getList("stages.state")).containsExactly("done", "done", "failed", "waiting");
        apply(items.subList(3, 4));
        assertThat(Api.paper(id).getString("status")).isEqualTo("SCRIPTED");
        apply(items.subList(4, items.size()));
        JsonPath p = Api.paper(id);
        assertThat(p.getString("status")).isEqualTo("PUBLISHED");
        assertThat(p.getInt("attempt")).isEqualTo(2);
        assertThat(p.getInt("stages[2].attempt")).isEqualTo(2);
        assertThat(p.getLong("stages[2].durationMs")).isEqualTo(32_000L);
        assertThat(p.getString("reason")).isNull();
    }

    @Test
    void aDeadLetteredInputIsAFailureOfTheConsumingStageWithItsReason() {
        String id = paper();
        apply(Recorded.load("dead-lettered.jsonl", id));
        JsonPath p = Api.paper(id);
        assertThat(p.getString("status")).isEqualTo("FAILED");
        assertThat(p.getString("failedStage")).isEqualTo("AUDIO");
        assertThat(p.getString("reason")).contains("dead-lettered").contains("object store unavailable")
                .as("the cause's exception text stays in the log").doesNotContain("java.net.ConnectException");
        assertThat(p.getBoolean("retryable")).isTrue();
        assertThat(p.getString("stages[2].deadLetterTopic")).isEqualTo("scripts.ready → scripts.ready.dlq");
    }

    @Test
    void aSecondFailureAfterARetryIsShownWithItsAttempt() {
        String id = paper();
        apply(Recorded.load("failed-twice.jsonl", id));
        JsonPath p = Api.paper(id);
        assertThat(p.getString("status")).isEqualTo("FAILED");
        assertThat(p.getString("failedStage")).isEqualTo("SCRIPT");
        assertThat(p.getString("reason")).isEqualTo("the script writer timed out");
        assertThat(p.getInt("attempt")).isEqualTo(2);
    }

    @Test
    void theLiveTopicsAndAReplayFromTheBeginningGiveTheSameState() {
        KafkaProbe.awaitTopicsAssigned("ingest-service-status-test",
                Set.of(Topics.SCRIPTS_READY, Topics.deadLetter(Topics.SCRIPTS_READY), Topics.PIPELINE_RETRIES),
                Duration.ofSeconds(45));
        String published = paper();
        String deadLettered = paper();
        Recorded.produce(Recorded.load("failed-retried-published.jsonl", published));
        Recorded.produce(Recorded.load("dead-lettered.jsonl", deadLettered));
        Api.awaitStatus(published, Duration.ofSeconds(30), "PUBLISHED");
        Api.awaitStatus(deadLettered, Duration.ofSeconds(30), "FAILED");
        Map<String, Object> publishedState = state(published);
        Map<String, Object> deadLetteredState = state(deadLettered);
        assertThat(deadLetteredState.get("failedStage")).isEqualTo("AUDIO");

        // Lose the projection's state of the first paper, then rebuild both from the topics (twice: idempotent).
        Papers.wipeProjection(published);
        assertThat(Api.paper(published).getString("status")).isEqualTo("REQUESTED");
        for (int i = 0; i < 2; i++) {
            Api.operator().queryParam("arxivId", published).queryParam("arxivId", deadLettered)
                    .post("/api/admin/status/rebuild").then().statusCode(200);
            assertThat(state(published)).isEqualTo(publishedState);
            assertThat(state(deadLettered)).isEqualTo(deadLetteredState);
        }
        assertThat(Api.paper(published).getList("timeline.status")).containsSubsequence("INGESTED", "SCRIPTED",
                "FAILED", "SCRIPTED", "VOICED", "PUBLISHED");
    }

    @Test
    void aRebuildNeedsTheOperatorKey() {
        io.restassured.RestAssured.given().post("/api/admin/status/rebuild").then().statusCode(401);
    }
}
