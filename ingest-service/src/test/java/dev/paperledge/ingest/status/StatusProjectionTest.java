package dev.paperledge.ingest.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.paperledge.contracts.AudioReady;
import dev.paperledge.contracts.EpisodePublished;
import dev.paperledge.contracts.ObjectKeys;
import dev.paperledge.contracts.PaperSummary;
import dev.paperledge.contracts.RetryRequested;
import dev.paperledge.contracts.ScriptReady;
import dev.paperledge.contracts.Stage;
import dev.paperledge.contracts.StageFailed;
import dev.paperledge.contracts.Topics;

import dev.paperledge.ingest.status.PaperStatus;
import dev.paperledge.ingest.status.StatusProjection.Outcome;
import dev.paperledge.ingest.support.Api;
import dev.paperledge.ingest.support.Fixtures;
import dev.paperledge.ingest.support.KafkaProbe;
import dev.paperledge.ingest.support.Papers;
import dev.paperledge.ingest.support.StandInResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

@QuarkusTest
@WithTestResource(StandInResource.class)
class StatusProjectionTest {
    static final PaperSummary SUMMARY = new PaperSummary("T", List.of("A"), "abs", "cs.CL", "Computation and Language",
            null, "https://arxiv.org/abs/x");

    @Inject
    StatusProjection projection;
    @Inject
    ObjectMapper json;

    static ScriptReady script(String id, int run) {
        return new ScriptReady(id, 1, run, SUMMARY, "t", "d", ObjectKeys.script(id, 1, run, "script.json"),
                ObjectKeys.script(id, 1, run, "script.md"), 100, "offline", Instant.now());
    }

    static AudioReady audio(String id, int run) {
        return new AudioReady(id, 1, run, SUMMARY, "t", "d", ObjectKeys.audio(id, 1, run, "episode.mp3"), 61_000, 1000,
                "audio/mpeg", null, null, "marytts", Instant.now());
    }

    static EpisodePublished published(String id, int run) {
        return new EpisodePublished(id, 1, run, "guid", "http://localhost:8080/episodes/x", "etag", Instant.now());
    }

    static StageFailed failed(String id, int run, Stage stage, int attempt) {
        return new StageFailed(id, 1, run, stage, stage.id() + " broke", attempt, true, Instant.now());
    }

    @Test
    void stagesMoveThePaperForwardInOrder() {
        String id = Fixtures.randomId();
        Papers.ingested(id, 1);
        assertThat(projection.succeeded(script(id, 1), "s")).isEqualTo(Outcome.APPLIED);
        assertThat(Papers.status(id).status).isEqualTo(PaperStatus.SCRIPTED);
        assertThat(projection.succeeded(audio(id, 1), "a")).isEqualTo(Outcome.APPLIED);
        assertThat(projection.succeeded(published(id, 1), "p")).isEqualTo(Outcome.APPLIED);
        assertThat(Papers.status(id).status).isEqualTo(PaperStatus.PUBLISHED);
        assertThat(Api.paper(id).getList("timeline.status")).containsExactly("INGESTED", "SCRIPTED", "VOICED", "PUBLISHED");
    }

    @Test
    void theAudioStagesListeningCheckIsShownPerSection() {
        String id = Fixtures.randomId();
        Papers.ingested(id, 1);
        projection.succeeded(script(id, 1), "s");
        AudioReady plain = audio(id, 1);
        AudioReady checked = new AudioReady(id, 1, 1, SUMMARY, "t", "d", "audio/k", 61_000, 1000, "audio/mpeg", null,
                null, "flite:rms", plain.voicedAt(), "audio/" + id + "/v1/r1/quality.json",
                new AudioReady.Listening("pocketsphinx:en-us", true, 0.18, 0.15, List.of(
                        new AudioReady.SectionCheck("Introduction", "green", 0.1, null, 280, false, List.of()),
                        new AudioReady.SectionCheck("What they found", "amber", 0.3, 0.28, 300, true, List.of()))));
        assertThat(projection.succeeded(checked, "a")).isEqualTo(Outcome.APPLIED);
        JsonPath paper = Api.paper(id);
        assertThat(paper.getString("status")).isEqualTo("VOICED");
        String audio = "stages.find { it.stage == 'AUDIO' }.listening";
        assertThat(paper.getBoolean(audio + ".passed")).isTrue();
        assertThat(paper.getList(audio + ".sections.title")).containsExactly("Introduction", "What they found");
        assertThat(paper.getList(audio + ".sections.verdict")).containsExactly("green", "amber");
        assertThat(paper.getFloat(audio + ".sections[1].bareWer")).isEqualTo(0.28f);
        assertThat(paper.getString("stages.find { it.stage == 'SCRIPT' }.listening")).isNull();
    }

    @Test
    void theScriptStagesExplanationFiguresAreShown() {
        String id = Fixtures.randomId();
        Papers.ingested(id, 1);
        ScriptReady plain = script(id, 1);
        ScriptReady explained = new ScriptReady(id, 1, 1, SUMMARY, "t", "d", "scripts/k", "scripts/m", 600, "offline",
                plain.writtenAt(), new ScriptReady.Explanation(2.5, 0, List.of("Introduction", "Method", "Results"),
                        List.of("LoRA"), false));
        assertThat(projection.succeeded(explained, "s")).isEqualTo(Outcome.APPLIED);
        JsonPath paper = Api.paper(id);
        String script = "stages.find { it.stage == 'SCRIPT' }.explanation";
        assertThat(paper.getFloat(script + ".recitalPercent")).isEqualTo(2.5f);
        assertThat(paper.getInt(script + ".repeatedRuns")).isZero();
        assertThat(paper.getList(script + ".sectionsUsed")).containsExactly("Introduction", "Method", "Results");
        assertThat(paper.getList(script + ".termsExplained")).containsExactly("LoRA");
        assertThat(paper.getString("stages.find { it.stage == 'AUDIO' }.explanation")).isNull();
    }

    @Test
    void lateEventsNeverMoveAPaperBackwards() {
        String id = Fixtures.randomId();
        Papers.ingested(id, 1);
        projection.succeeded(published(id, 1), "p");
        assertThat(projection.succeeded(script(id, 1), "s")).isEqualTo(Outcome.STALE);
        assertThat(projection.succeeded(audio(id, 1), "a")).isEqualTo(Outcome.STALE);
        assertThat(projection.failed(failed(id, 1, Stage.SCRIPT, 1))).isEqualTo(Outcome.STALE);
        assertThat(Papers.status(id).status).isEqualTo(PaperStatus.PUBLISHED);
    }

    @Test
    void theSameEventTwiceIsAppliedOnce() {
        String id = Fixtures.randomId();
        Papers.ingested(id, 1);
        assertThat(projection.succeeded(script(id, 1), "s")).isEqualTo(Outcome.APPLIED);
        assertThat(projection.succeeded(script(id, 1), "s")).isEqualTo(Outcome.DUPLICATE);
        assertThat(Api.paper(id).getList("timeline.status")).containsExactly("INGESTED", "SCRIPTED");
    }

    @Test
    void eventsOfAnOlderRunAreIgnored() {
        String id = Fixtures.randomId();
        Papers.ingested(id, 2);
        assertThat(projection.succeeded(published(id, 1), "p")).isEqualTo(Outcome.OTHER_RUN);
        assertThat(projection.failed(failed(id, 1, Stage.AUDIO, 1))).isEqualTo(Outcome.OTHER_RUN);
        assertThat(Papers.status(id).status).isEqualTo(PaperStatus.INGESTED);
    }

    @Test
    void eventsOfPapersNeverSubmittedHereAreIgnored() {
        assertThat(projection.succeeded(script(Fixtures.randomId(), 1), "s")).isEqualTo(Outcome.UNKNOWN_PAPER);
    }

    @Test
    void aFailureShowsStageReasonAttemptAndRetryableAndASuccessfulRetryClearsIt() {
        String id = Fixtures.randomId();
        Papers.ingested(id, 1);
        projection.succeeded(script(id, 1), "s");
        assertThat(projection.failed(failed(id, 1, Stage.AUDIO, 1))).isEqualTo(Outcome.APPLIED);
        JsonPath p = Api.paper(id);
        assertThat(p.getString("status")).isEqualTo("FAILED");
        assertThat(p.getString("failedStage")).isEqualTo("AUDIO");
        assertThat(p.getString("reason")).isEqualTo("audio broke");
        assertThat(p.getBoolean("retryable")).isTrue();
        assertThat(p.getInt("attempt")).isEqualTo(1);
        // An earlier stage's late success does not hide the failure.
        assertThat(projection.succeeded(script(id, 1), "again")).isEqualTo(Outcome.DUPLICATE);
        assertThat(projection.succeeded(audio(id, 1), "a")).isEqualTo(Outcome.APPLIED);
        StatusRecord after = Papers.status(id);
        assertThat(after.status).isEqualTo(PaperStatus.VOICED);
        assertThat(after.failedStage).isNull();
        assertThat(after.failureReason).isNull();
    }

    @Test
    void retryingAFailedLaterStagePublishesRetryRequestedWithTheNextAttempt() throws Exception {
        String id = Fixtures.randomId();
        Papers.ingested(id, 1);
        projection.failed(failed(id, 1, Stage.SCRIPT, 1));
        try (KafkaProbe retries = new KafkaProbe(Topics.PIPELINE_RETRIES)) {
            Api.operator().post("/api/papers/" + id + "/retry").then().statusCode(202);
            List<ConsumerRecord<String, String>> r = retries.await(id, 1, Duration.ofSeconds(20));
            assertThat(r).hasSize(1);
            RetryRequested event = json.readValue(r.get(0).value(), RetryRequested.class);
            assertThat(event.retryStage()).isEqualTo(Stage.SCRIPT);
            assertThat(event.attempt()).isEqualTo(2);
            assertThat(event.run()).isEqualTo(1);
            assertThat(KafkaProbe.header(r.get(0), "ce_id")).isEqualTo(event.eventId());
        }
        JsonPath p = Api.paper(id);
        assertThat(p.getString("status")).isEqualTo("INGESTED");
        assertThat(p.getInt("attempt")).isEqualTo(2);
        assertThat(p.getString("failedStage")).isNull();
        // The retried attempt fails again: shown with attempt 2.
        assertThat(projection.failed(failed(id, 1, Stage.SCRIPT, 2))).isEqualTo(Outcome.APPLIED);
        assertThat(Api.paper(id).getInt("attempt")).isEqualTo(2);
    }

    @Test
    void theProjectionFollowsTheRealTopics() throws Exception {
        KafkaProbe.awaitTopicsAssigned("ingest-service-status-test", Set.of(Topics.SCRIPTS_READY, Topics.AUDIO_READY,
                Topics.EPISODES_PUBLISHED, Topics.PIPELINE_FAILURES), Duration.ofSeconds(45));
        String ok = Fixtures.randomId();
        String broken = Fixtures.randomId();
        Papers.ingested(ok, 1);
        Papers.ingested(broken, 1);
        KafkaProbe.produce(Topics.SCRIPTS_READY, ok, json.writeValueAsString(script(ok, 1)));
        KafkaProbe.produce(Topics.AUDIO_READY, ok, json.writeValueAsString(audio(ok, 1)));
        KafkaProbe.produce(Topics.EPISODES_PUBLISHED, ok, json.writeValueAsString(published(ok, 1)));
        KafkaProbe.produce(Topics.PIPELINE_FAILURES, broken, json.writeValueAsString(failed(broken, 1, Stage.SCRIPT, 1)));
        KafkaProbe.produce(Topics.SCRIPTS_READY, broken, "{not json");
        Api.awaitStatus(ok, Duration.ofSeconds(30), "PUBLISHED");
        JsonPath b = Api.awaitStatus(broken, Duration.ofSeconds(30), "FAILED");
        assertThat(b.getString("failedStage")).isEqualTo("SCRIPT");
        assertThat(b.getString("reason")).isEqualTo("script broke");
    }
}
