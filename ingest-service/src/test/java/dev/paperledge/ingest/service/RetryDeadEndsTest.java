package dev.paperledge.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.paperledge.contracts.RetryRequested;
import dev.paperledge.contracts.Stage;
import dev.paperledge.contracts.Topics;
import dev.paperledge.ingest.support.Api;
import dev.paperledge.ingest.support.Fixtures;
import dev.paperledge.ingest.support.KafkaProbe;
import dev.paperledge.ingest.support.Papers;
import dev.paperledge.ingest.support.StageEvents;
import dev.paperledge.ingest.support.StandInResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

/**
 * Retry without dead ends: a later stage whose service lost its result or its failure (no event ever
 * came, so the paper is neither running visibly nor FAILED) can be retried once it has been quiet for
 * paperledge.retry.stuck-after; everything that cannot be retried is a 409 problem+json that says why
 * and what to do.
 */
@QuarkusTest
@WithTestResource(StandInResource.class)
class RetryDeadEndsTest {
    @Inject
    ObjectMapper json;
    @Inject
    StageEvents stages;

    @Test
    void aStageQuietForLongerThanTheLimitIsRetriedWithTheNextAttempt() throws Exception {
        String id = Fixtures.randomId();
        Papers.ingested(id, 1);
        stages.scriptReady(id, 1, 1);
        Api.awaitStatus(id, Duration.ofSeconds(30), "SCRIPTED");
        // audio-service took the script and then lost it: no audio.ready, no StageFailed, for an hour.
        Papers.quietSince(id, Instant.now().minus(Duration.ofHours(1)));
        try (KafkaProbe retries = new KafkaProbe(Topics.PIPELINE_RETRIES)) {
            Api.operator().post("/api/papers/" + id + "/retry").then().statusCode(202)
                    .body("retryStage", org.hamcrest.Matchers.equalTo("AUDIO"));
            List<ConsumerRecord<String, String>> r = retries.await(id, 1, Duration.ofSeconds(20));
            RetryRequested event = json.readValue(r.get(0).value(), RetryRequested.class);
            assertThat(event.retryStage()).isEqualTo(Stage.AUDIO);
            assertThat(event.attempt()).isEqualTo(2);
        }
        JsonPath p = Api.paper(id);
        assertThat(p.getString("status")).isEqualTo("SCRIPTED");
        assertThat(p.getString("timeline.detail")).contains("retry of audio, attempt 2: no progress for 60 min");
        assertThat(p.getInt("stages.find { it.stage == 'AUDIO' }.attempt")).isEqualTo(2);
        // Just retried: not quiet any more, so a second retry is refused with the reason.
        Api.operator().post("/api/papers/" + id + "/retry").then().statusCode(409)
                .contentType(startsWith("application/problem+json"))
                .body("detail", containsString("the audio stage is running"))
                .body("detail", containsString("no progress for 30 min"));
        // The retried stage then succeeds as usual.
        stages.audioReady(id, 1, 1);
        Api.awaitStatus(id, Duration.ofSeconds(30), "VOICED");
    }

    @Test
    void whatCannotBeRetriedIsAProblemThatSaysWhyAndWhatToDo() {
        String running = Fixtures.randomId();
        Papers.ingested(running, 1);
        Api.operator().post("/api/papers/" + running + "/retry").then().statusCode(409)
                .contentType(startsWith("application/problem+json"))
                .body("detail", containsString("is INGESTED: the script stage is running"));

        String queued = Fixtures.randomId();
        Papers.requested(queued, 1, Instant.now());
        Api.operator().post("/api/papers/" + queued + "/retry").then().statusCode(409)
                .contentType(startsWith("application/problem+json"))
                .body("detail", containsString("still being ingested"));

        String published = Fixtures.randomId();
        Papers.ingested(published, 1);
        stages.scriptReady(published, 1, 1);
        stages.audioReady(published, 1, 1);
        stages.published(published, 1, 1, "http://localhost:8080/episodes/" + published);
        Api.awaitStatus(published, Duration.ofSeconds(30), "PUBLISHED");
        Api.operator().post("/api/papers/" + published + "/retry").then().statusCode(409)
                .contentType(startsWith("application/problem+json"))
                .body("detail", containsString("?force=true"));
    }
}
