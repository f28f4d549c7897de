package dev.paperledge.publish.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

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
    byte[] mp3;

    @BeforeAll
    void publishOne() {
        id = Episodes.randomId();
        mp3 = TestMp3.sine(2, 440);
        episode = data.publish(data.production(id, 1, mp3, TestData.paper(id, "Seeking in audio", List.of("A. Author"))));
    }

    @AfterAll
    void cleanUp() {
        data.removeEpisode(id);
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
    void anUnknownEpisodeIs404() {
        given().get("/episodes/no-such-episode/audio.mp3").then().statusCode(404);
    }
}
