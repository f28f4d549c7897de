package dev.paperledge.ingest.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.paperledge.contracts.AudioReady;
import dev.paperledge.contracts.EpisodePublished;
import dev.paperledge.contracts.ObjectKeys;
import dev.paperledge.contracts.PaperIngested;
import dev.paperledge.contracts.PaperSummary;
import dev.paperledge.contracts.PipelineEvent;
import dev.paperledge.contracts.ScriptReady;
import dev.paperledge.contracts.Topics;
import dev.paperledge.ingest.status.StatusProjection.Outcome;
import dev.paperledge.ingest.support.Api;
import dev.paperledge.ingest.support.Fixtures;
import dev.paperledge.ingest.support.Papers;
import dev.paperledge.ingest.support.StageEvents;
import dev.paperledge.ingest.support.StandInResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

/**
 * Events whose object keys leave the paper's own prefix, or whose URLs are not http(s), are refused
 * by the status projection (logged, not projected); the same events with sound fields apply.
 */
@QuarkusTest
@WithTestResource(StandInResource.class)
class EventTrustTest {
    static final PaperSummary SUMMARY = new PaperSummary("T", List.of("A"), "abs", "cs.CL", "Computation and Language",
            null, "https://arxiv.org/abs/x");

    @Inject
    StatusRecordHandler handler;
    @Inject
    StageEvents stages;
    @Inject
    ObjectMapper json;

    private Outcome apply(String topic, PipelineEvent e) throws Exception {
        return handler.apply(new StatusRecordHandler.Rec(topic, 0, 0, System.currentTimeMillis(), e.arxivId(),
                json.writeValueAsString(e), null));
    }

    static ScriptReady script(String id, String scriptKey, PaperSummary summary) {
        return new ScriptReady(id, 1, 1, summary, "t", "d", scriptKey, ObjectKeys.script(id, 1, 1, "script.md"), 900,
                "offline", Instant.now());
    }

    static AudioReady audio(String id, String audioKey, String transcriptKey) {
        return new AudioReady(id, 1, 1, SUMMARY, "t", "d", audioKey, 61_000, 1000, "audio/mpeg", null, transcriptKey,
                "marytts", Instant.now());
    }

    static EpisodePublished published(String id, String url) {
        return new EpisodePublished(id, 1, 1, "urn:paperledge:" + id, url, "\"r1\"", Instant.now());
    }

    @Test
    void eventsWithKeysOutsideThePapersPrefixOrNonHttpUrlsAreNotProjected() throws Exception {
        String id = Fixtures.randomId();
        String other = Fixtures.randomId();
        Papers.ingested(id, 1);
        PaperSummary scriptUrl = new PaperSummary("T", List.of("A"), "abs", "cs.CL", "x", null, "javascript:alert(1)");
        List<Object[]> refused = List.of(
                new Object[] { Topics.SCRIPTS_READY, script(id, ObjectKeys.script(other, 1, 1, "script.json"), SUMMARY) },
                new Object[] { Topics.SCRIPTS_READY, script(id, "scripts/" + id + "/v1/r1/../../../../feed/feed.xml", SUMMARY) },
                new Object[] { Topics.SCRIPTS_READY, script(id, "scripts/" + id + "/v1/r2/script.json", SUMMARY) },
                new Object[] { Topics.SCRIPTS_READY, script(id, ObjectKeys.script(id, 1, 1, "script.json"), scriptUrl) },
                new Object[] { Topics.AUDIO_READY, audio(id, "feed/feed.xml", null) },
                new Object[] { Topics.AUDIO_READY, audio(id, ObjectKeys.audio(id, 1, 1, "episode.mp3"),
                        ObjectKeys.paper(id, 1, "sections.json")) },
                new Object[] { Topics.EPISODES_PUBLISHED, published(id, "javascript:alert(document.cookie)") },
                new Object[] { Topics.EPISODES_PUBLISHED, published(id, "file:///etc/passwd") },
                new Object[] { Topics.EPISODES_PUBLISHED, published(id, "//evil.example/episode") },
                new Object[] { Topics.PAPERS_INGESTED, new PaperIngested(id, 1, 1, SUMMARY,
                        ObjectKeys.paper(id, 1, "metadata.json"), ObjectKeys.paper(other, 1, "sections.json"), "HTML",
                        Instant.now()) });
        for (Object[] r : refused) {
            assertThat(apply((String) r[0], (PipelineEvent) r[1])).as("%s", r[1]).isNull();
        }
        JsonPath p = Api.paper(id);
        assertThat(p.getString("status")).isEqualTo("INGESTED");
        assertThat(p.getString("episodeUrl")).isNull();
        assertThat(p.getList("timeline.status")).containsExactly("INGESTED");

        // The same events with sound fields are believed.
        assertThat(apply(Topics.SCRIPTS_READY, script(id, ObjectKeys.script(id, 1, 1, "script.json"), SUMMARY)))
                .isEqualTo(Outcome.APPLIED);
        assertThat(apply(Topics.AUDIO_READY, audio(id, ObjectKeys.audio(id, 1, 1, "episode.mp3"),
                ObjectKeys.audio(id, 1, 1, "transcript.vtt")))).isEqualTo(Outcome.APPLIED);
        assertThat(apply(Topics.EPISODES_PUBLISHED, published(id, "https://podcast.example/episodes/" + id)))
                .isEqualTo(Outcome.APPLIED);
        assertThat(Api.paper(id).getString("episodeUrl")).isEqualTo("https://podcast.example/episodes/" + id);
    }

    @Test
    void aJavascriptEpisodeUrlOnTheRealTopicIsRefusedAndTheSoundOneThatFollowsIsShown() {
        String id = Fixtures.randomId();
        Papers.ingested(id, 1);
        stages.scriptReady(id, 1, 1);
        stages.audioReady(id, 1, 1);
        Api.awaitStatus(id, Duration.ofSeconds(30), "VOICED");
        // Same event id as the sound one: had the first been projected, the second would be a duplicate.
        stages.send(published(id, "javascript:alert(1)"));
        stages.published(id, 1, 1, "http://localhost:8080/episodes/" + id);
        JsonPath p = Api.awaitStatus(id, Duration.ofSeconds(30), "PUBLISHED");
        assertThat(p.getString("episodeUrl")).isEqualTo("http://localhost:8080/episodes/" + id);
    }

    @Test
    void onlyAbsoluteHttpUrlsPass() {
        assertThat(EventTrust.isHttpUrl("https://example.org/x")).isTrue();
        assertThat(EventTrust.isHttpUrl("HTTP://example.org")).isTrue();
        for (String bad : new String[] { null, "", "javascript:alert(1)", "data:text/html,hi", "file:///etc/passwd",
                "//example.org/x", "/episodes/x", "http://", "https:example.org", "ftp://example.org/x" }) {
            assertThat(EventTrust.isHttpUrl(bad)).as(String.valueOf(bad)).isFalse();
        }
    }
}
