package dev.paperledge.publish.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import com.rometools.modules.itunes.EntryInformation;
import com.rometools.modules.itunes.ITunes;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.io.WireFeedInput;

import dev.paperledge.publish.domain.Episode;
import dev.paperledge.publish.feed.PodcastModule;
import dev.paperledge.publish.support.Episodes;
import dev.paperledge.publish.support.PodcastTags;
import dev.paperledge.publish.support.TestData;
import dev.paperledge.publish.support.TestMp3;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;

@QuarkusTest
class FeedHttpTest {
    @Inject
    TestData data;

    static Channel parse(byte[] xml) throws Exception {
        return (Channel) new WireFeedInput().build(new InputStreamReader(new ByteArrayInputStream(xml), StandardCharsets.UTF_8));
    }

    @Test
    void feedIsServedWithValidatorsAndConditionalGetsAnswer304() {
        Response first = given().get("/feed.xml");
        first.then().statusCode(200).contentType("application/rss+xml; charset=utf-8");
        String etag = first.header("ETag");
        String lastModified = first.header("Last-Modified");
        assertThat(etag).matches("\"[0-9a-f]{32}\"");
        assertThat(lastModified).isNotBlank();

        given().header("If-None-Match", etag).get("/feed.xml").then().statusCode(304).header("ETag", etag);
        given().header("If-Modified-Since", lastModified).get("/feed.xml").then().statusCode(304);
        given().header("If-None-Match", "\"someone-else\"").get("/feed.xml").then().statusCode(200);
        given().header("If-Modified-Since", "Mon, 01 Jan 2001 00:00:00 GMT").get("/feed.xml").then().statusCode(200);
    }

    @Test
    void aFeedOfFiveHundredEpisodesIsBuiltFromTheDatabaseNewestFirst() throws Exception {
        String before = given().get("/feed.xml").header("ETag");
        String prefix = String.format("%04d", 1000 + (int) (Math.random() * 8999));
        Instant t0 = Instant.parse("2001-01-01T00:00:00Z");
        List<Episode> list = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 500; i++) {
            String id = "test-bulk/" + prefix + String.format("%03d", i);
            ids.add(id);
            list.add(Episodes.episode(id, 0, t0.plusSeconds(60L * i), "Bulk paper " + i + " & friends",
                    List.of("Ada Lovelace", "Émilie du Châtelet")));
        }
        try {
            data.insert(list);
            Response r = given().get("/feed.xml");
            r.then().statusCode(200);
            assertThat(r.header("ETag")).isNotEqualTo(before);
            assertThat(r.asString()).contains("<podcast:guid>").contains("<podcast:transcript ");
            Channel c = parse(r.asByteArray());
            assertThat(PodcastTags.channel(r.asByteArray()).getGuid()).matches("[0-9a-f-]{36}");
            java.util.Map<String, PodcastModule> podcast = PodcastTags.itemsByGuid(r.asByteArray());
            List<Item> ours = c.getItems().stream()
                    .filter(i -> i.getGuid().getValue().startsWith("paperledge:arxiv:test-bulk/" + prefix)).toList();
            assertThat(ours).hasSize(500);
            assertThat(ours).extracting(Item::getTitle).first().asString().contains("Bulk paper 500 & friends");
            assertThat(ours).extracting(Item::getTitle).last().asString().contains("Bulk paper 1 & friends");
            List<Integer> numbers = ours.stream().map(i -> ((EntryInformation) i.getModule(ITunes.URI)).getEpisode()).toList();
            assertThat(numbers).isSortedAccordingTo((a, b) -> Integer.compare(b, a)).doesNotHaveDuplicates();
            assertThat(ours).allSatisfy(i -> {
                assertThat(i.getEnclosures()).hasSize(1);
                assertThat(podcast.get(i.getGuid().getValue()).getTranscripts()).hasSize(1);
                assertThat(i.getDescription().getValue()).contains("Ada Lovelace and Émilie du Châtelet");
            });
        } finally {
            data.remove(ids);
        }
        Channel after = parse(given().get("/feed.xml").asByteArray());
        assertThat(after.getItems()).noneMatch(i -> i.getGuid().getValue().contains("test-bulk/" + prefix));
    }

    @Test
    void theFeedNamesBothTranscriptsAtUrlsThatServeThemWithTheirTypes() {
        String id = Episodes.randomId();
        Episode e = data.publish(data.production(id, 1, TestMp3.sine(1, 440),
                TestData.paper(id, "Both transcripts", List.of("A. Author")), TestData.JSON_TRANSCRIPT, null));
        try {
            byte[] xml = given().get("/feed.xml").asByteArray();
            List<PodcastModule.Transcript> transcripts = PodcastTags.itemsByGuid(xml).get(e.guid).getTranscripts();
            assertThat(transcripts).extracting(PodcastModule.Transcript::type).containsExactly("text/vtt",
                    "application/json");
            assertThat(transcripts).allSatisfy(t -> {
                assertThat(t.url()).startsWith("http://localhost:18080/episodes/" + e.slug + "/");
                assertThat(t.language()).isEqualTo("en");
                assertThat(t.rel()).isEqualTo("captions");
                Response r = given().get(t.url());
                assertThat(r.statusCode()).as(t.url()).isEqualTo(200);
                assertThat(r.contentType()).as(t.url()).startsWith(t.type());
            });
            assertThat(given().get(transcripts.get(1).url()).asString()).isEqualTo(TestData.JSON_TRANSCRIPT);
        } finally {
            data.removeEpisode(id);
        }
    }

    @Test
    void artworkIsASquarePngServedByTheService() throws Exception {
        Response r = given().get("/artwork.png");
        r.then().statusCode(200).contentType("image/png");
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(r.asByteArray()));
        assertThat(img.getWidth()).isEqualTo(img.getHeight()).isBetween(1400, 3000);
        given().header("If-None-Match", r.header("ETag")).get("/artwork.png").then().statusCode(304);
    }
}
