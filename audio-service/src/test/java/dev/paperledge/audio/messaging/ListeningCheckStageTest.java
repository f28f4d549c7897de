package dev.paperledge.audio.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.paperledge.contracts.EpisodeScript;
import dev.paperledge.contracts.EpisodeScript.Kind;
import dev.paperledge.contracts.EpisodeScript.Section;
import dev.paperledge.contracts.ObjectKeys;
import dev.paperledge.contracts.Stage;
import dev.paperledge.contracts.StageFailed;
import dev.paperledge.contracts.Topics;
import io.minio.GetObjectArgs;
import io.minio.StatObjectArgs;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The stage with a speech engine that turns one section into noise every time: the listening check
 * catches it, the second take is no better, and the paper fails at AUDIO with a reason naming the
 * section. Nothing is announced and no episode is stored; the figures are.
 */
@QuarkusTest
@TestProfile(ListeningCheckStageTest.NoisyFlite.class)
@io.quarkus.test.common.QuarkusTestResource(AudioTestTopics.class)
class ListeningCheckStageTest extends StageTestBase {

    public static class NoisyFlite implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(NoisyEngineProducer.class);
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("paperledge.audio.engine", "flite");
        }
    }

    @Test
    void aSectionThatStaysNoiseFailsThePaperNamingItAndNothingIsPublished() throws Exception {
        String id = newId();
        EpisodeScript script = new EpisodeScript(id, 1, "Machine Learning - A Tiny Paper", "A tiny episode.", List.of(
                new Section(Kind.HOOK, "Introduction", "Hey PaperLedge learning crew, Ernis here. Today we look at "
                        + "a small idea that makes search engines faster."),
                new Section(Kind.FINDINGS, "What they found", "The team measured zanzibar results in a careful way."),
                new Section(Kind.SIGN_OFF, "Sign-off", "Thanks for listening, and keep on learning.")), "test");
        publishScript(id, script);

        List<StageFailed> failed = collect(Topics.PIPELINE_FAILURES, id, this::stageFailed, Duration.ofSeconds(120), 1);
        assertThat(failed).hasSize(1);
        StageFailed f = failed.get(0);
        assertThat(f.failedStage()).isEqualTo(Stage.AUDIO);
        assertThat(f.retryable()).isFalse();
        assertThat(f.reason()).startsWith("listening check failed after a re-render")
                .contains("section 2 'What they found'").contains("noise").doesNotContain("Introduction");

        assertThat(collect(Topics.AUDIO_READY, id, this::audioReady, Duration.ofSeconds(3), 1)).isEmpty();
        given().get("/api/audio/" + id).then().statusCode(200).body("size()", equalTo(0));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("paperledge_audio_check_sections_total{verdict=\"red\""));
        assertThatThrownBy(() -> minio.statObject(StatObjectArgs.builder().bucket("paperledge")
                .object(ObjectKeys.audio(id, 1, 1, "episode.mp3")).build())).hasMessageContaining("does not exist");
        try (var in = minio.getObject(GetObjectArgs.builder().bucket("paperledge")
                .object(ObjectKeys.audio(id, 1, 1, "quality.json")).build())) {
            JsonNode q = json.readTree(in.readAllBytes());
            assertThat(q.path("passed").asBoolean()).isFalse();
            assertThat(q.path("engine").asText()).isEqualTo("flite:rms");
            assertThat(q.path("sections").get(1).path("verdict").asText()).isEqualTo("red");
            assertThat(q.path("sections").get(1).path("rerendered").asBoolean()).isTrue();
            assertThat(q.path("sections").get(0).path("verdict").asText()).isIn("green", "amber");
        }
    }
}
