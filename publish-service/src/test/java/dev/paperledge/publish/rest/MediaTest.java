package dev.paperledge.publish.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.paperledge.publish.domain.Episode;
import dev.paperledge.publish.support.Episodes;
import dev.paperledge.publish.support.TestData;
import dev.paperledge.publish.support.TestMp3;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;

@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MediaTest {
    @Inject
    TestData data;

    String id;
    Episode episode;
    Episode withJson;
    byte[] mp3;

    @BeforeAll
    void publishOne() {
        id = Episodes.randomId();
        mp3 = TestMp3.sine(2, 440);
        episode = data.publish(data.production(id, 1, mp3, TestData.paper(id, "Seeking in audio", List.of("A. Author"))));
        String jid = Episodes.randomId();
        withJson = data.publish(data.production(jid, 1, mp3, TestData.paper(jid, "Lines with sources", List.of("A. Author")),
                TestData.JSON_TRANSCRIPT, null));
    }

    @AfterAll
    void cleanUp() {
        data.removeEpisode(id);
        data.removeEpisode(withJson.arxivId);
    }

    String audioUrl() {
        return "/episodes/" + episode.slug + "/audio.mp3";
    }

    @Test
    void audioIsServedWholeWithRangeSupportAdvertised() {
        Response r = given().get(audioUrl());
        r.then().statusCode(200).contentType("audio/mpeg").header("Accept-Ranges", "bytes")
                .header("Content-Length", String.valueOf(mp3.length));
        assertThat(r.asByteArray()).isEqualTo(mp3);
    }

    @Test
    void aRangeRequestGets206WithExactlyThoseBytes() {
        Response r = given().header("Range", "bytes=100-1099").get(audioUrl());
        r.then().statusCode(206).header("Content-Range", "bytes 100-1099/" + mp3.length)
                .header("Content-Length", "1000");
        assertThat(r.asByteArray()).isEqualTo(Arrays.copyOfRange(mp3, 100, 1100));

        Response tail = given().header("Range", "bytes=-500").get(audioUrl());
        tail.then().statusCode(206).header("Content-Range",
                "bytes " + (mp3.length - 500) + "-" + (mp3.length - 1) + "/" + mp3.length);
        assertThat(tail.asByteArray()).isEqualTo(Arrays.copyOfRange(mp3, mp3.length - 500, mp3.length));

        Response open = given().header("Range", "bytes=" + (mp3.length - 10) + "-").get(audioUrl());
        open.then().statusCode(206);
        assertThat(open.asByteArray()).isEqualTo(Arrays.copyOfRange(mp3, mp3.length - 10, mp3.length));
    }

    @Test
    void anUnsatisfiableRangeGets416() {
        given().header("Range", "bytes=" + mp3.length + "-").get(audioUrl()).then().statusCode(416)
                .header("Content-Range", "bytes */" + mp3.length);
    }

    @Test
    void transcriptAndChaptersHaveTheirContentTypes() {
        given().get("/episodes/" + episode.slug + "/transcript.vtt").then().statusCode(200)
                .contentType("text/vtt; charset=utf-8");
        assertThat(given().get("/episodes/" + episode.slug + "/transcript.vtt").asString()).startsWith("WEBVTT");
        given().get("/episodes/" + episode.slug + "/chapters.json").then().statusCode(200)
                .contentType("application/json+chapters");
        given().header("Range", "bytes=0-5").get("/episodes/" + episode.slug + "/transcript.vtt").then().statusCode(206);
    }

    @Test
    void theJsonTranscriptIsServedAsJsonWithRangesAndValidatorsLikeTheOtherMedia() {
        String url = "/episodes/" + withJson.slug + "/transcript.json";
        byte[] json = TestData.JSON_TRANSCRIPT.getBytes(StandardCharsets.UTF_8);
        Response whole = given().get(url);
        whole.then().statusCode(200).contentType("application/json").header("Accept-Ranges", "bytes")
                .header("Content-Length", String.valueOf(json.length)).header("X-Content-Type-Options", "nosniff");
        assertThat(whole.asByteArray()).isEqualTo(json);
        String etag = whole.header("ETag");
        assertThat(etag).isEqualTo("\"transcript-json-v1-r1-" + json.length + "\"");
        assertThat(whole.header("Last-Modified")).isNotBlank();

        Response part = given().header("Range", "bytes=0-9").get(url);
        part.then().statusCode(206).contentType("application/json").header("Content-Range", "bytes 0-9/" + json.length);
        assertThat(part.asByteArray()).isEqualTo(Arrays.copyOfRange(json, 0, 10));
        // If-Range with another production's validator: the whole file
        given().header("Range", "bytes=0-9").header("If-Range", "\"transcript-json-v1-r0-1\"").get(url).then()
                .statusCode(200);
        given().header("Range", "bytes=" + json.length + "-").get(url).then().statusCode(416);
        // an episode from before JSON transcripts has none
        given().get("/episodes/" + episode.slug + "/transcript.json").then().statusCode(404);
    }

    @Test
    void keysOutsideTheEpisodesOwnPrefixAreNeverServed() {
        assertThat(Episode.ownsKey("2401.00001", "audio/2401.00001/v1/r1/transcript.json")).isTrue();
        assertThat(Episode.ownsKey("2401.00001", "audio/2401.00002/v1/r1/transcript.json")).isFalse();
        assertThat(Episode.ownsKey("2401.00001", "audio/2401.000012/v1/r1/episode.mp3")).isFalse();
        assertThat(Episode.ownsKey("2401.00001", "audio/2401.00001/../2401.00002/episode.mp3")).isFalse();
        assertThat(Episode.ownsKey("2401.00001", "feed/feed.xml")).isFalse();
        assertThat(Episode.ownsKey("2401.00001", "audio/2401.00001/")).isFalse();

        // an episode recorded before keys were checked, pointing at another paper's files
        String fid = Episodes.randomId();
        Episode foreign = Episodes.episode(fid, 0, java.time.Instant.now().minusSeconds(86_400), "Foreign keys",
                List.of("A. Author"));
        foreign.audioKey = episode.audioKey;
        foreign.transcriptKey = episode.transcriptKey;
        foreign.jsonTranscriptKey = withJson.jsonTranscriptKey;
        foreign.chaptersKey = "feed/feed.xml";
        data.insert(List.of(foreign));
        try {
            for (String file : List.of("audio.mp3", "transcript.vtt", "transcript.json", "chapters.json")) {
                given().get("/episodes/" + foreign.slug + "/" + file).then().statusCode(404);
            }
            assertThat(given().get("/episodes/" + foreign.slug).asString()).contains("No transcript for this episode.")
                    .doesNotContain("Hey PaperLedge");
        } finally {
            data.remove(List.of(fid));
        }
    }

    @Test
    void anUnknownEpisodeIs404() {
        given().get("/episodes/no-such-episode/audio.mp3").then().statusCode(404);
    }
}
