package dev.paperledge.publish.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.zip.GZIPInputStream;

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
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;

@QuarkusTest
class FeedHttpTest {
    @Inject
    TestData data;
    @Inject
    MeterRegistry registry;

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

    /**
     * Once in memory, the feed is answered by the fast path ({@link FeedRoutes}) over a plain HTTP/1.1
     * connection, as podcast apps fetch it: gzip made once per revision for clients that accept it,
     * the bytes themselves for those that don't (or refuse gzip with q=0), and every validator form.
     */
    @Test
    void theFeedInMemoryIsServedGzippedOrPlainAndAnswersEveryValidatorForm() throws Exception {
        byte[] plain = given().get("/feed.xml").asByteArray();
        String etag = given().get("/feed.xml").header("ETag");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .build();
        URI url = URI.create(RestAssured.baseURI + ":" + RestAssured.port
                + "/feed.xml");
        BiFunction<String, String, HttpResponse<byte[]>> get = (name, value) -> {
            try {
                HttpRequest.Builder b = HttpRequest.newBuilder(url);
                if (name != null) {
                    b.header(name, value);
                }
                return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        for (int i = 0; i < 2; i++) { // the second time from the buffers made the first time
            HttpResponse<byte[]> zipped = get.apply("Accept-Encoding", "br;q=1.0, gzip;q=0.8");
            assertThat(zipped.statusCode()).isEqualTo(200);
            assertThat(zipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
            assertThat(zipped.headers().firstValue("Vary")).hasValueSatisfying(v -> assertThat(v).containsIgnoringCase("accept-encoding"));
            // the public filter's headers, sent by the fast path itself (it answers before the filter), once
            assertThat(zipped.headers().allValues("Content-Security-Policy")).singleElement()
                    .isEqualTo(given().get("/").header("Content-Security-Policy"));
            assertThat(zipped.headers().allValues("X-Content-Type-Options")).containsExactly("nosniff");
            assertThat(zipped.headers().firstValue("ETag")).hasValue(etag);
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped.body()))) {
                assertThat(in.readAllBytes()).isEqualTo(plain);
            }
            HttpResponse<byte[]> refused = get.apply("Accept-Encoding", "gzip;q=0, identity");
            assertThat(refused.headers().firstValue("Content-Encoding")).isEmpty();
            assertThat(refused.body()).isEqualTo(plain);
            assertThat(get.apply(null, null).body()).isEqualTo(plain);
        }
        assertThat(get.apply("If-None-Match", "\"other\", W/" + etag).statusCode()).as("weak match in a list").isEqualTo(304);
        assertThat(get.apply("If-None-Match", "*").statusCode()).isEqualTo(304);
        HttpResponse<byte[]> notModified = get.apply("If-None-Match", etag);
        assertThat(notModified.statusCode()).isEqualTo(304);
        assertThat(notModified.body()).isEmpty();
        assertThat(notModified.headers().firstValue("ETag")).hasValue(etag);
        assertThat(get.apply("If-None-Match", "\"other\"").statusCode()).isEqualTo(200);
        String lastModified = get.apply(null, null).headers().firstValue("Last-Modified").orElseThrow();
        assertThat(get.apply("If-Modified-Since", lastModified).statusCode()).isEqualTo(304);
        assertThat(get.apply("If-Modified-Since", "not a date").statusCode()).isEqualTo(200);
        assertThat(get.apply("If-Modified-Since", "Mon, 01 Jan 2001 00:00:00 GMT").statusCode()).isEqualTo(200);
    }

    /**
     * Feed answers are counted by the fast path, by feed and outcome; the generic per-request HTTP
     * timer leaves the feed paths out (its tag work was a sixth of a feed answer under load).
     */
    @Test
    void feedAnswersAreCountedByFeedAndOutcomeAndLeftOutOfTheGenericHttpTimer() throws Exception {
        String etag = given().get("/feed.xml").header("ETag"); // loads the feed into memory
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI url = URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/feed.xml");
        double plain = feedCount("plain");
        double gzip = feedCount("gzip");
        double notModified = feedCount("not-modified");
        for (String[] header : List.of(new String[] {"Accept-Encoding", "identity"}, new String[] {"X-Nothing", "1"},
                new String[] {"Accept-Encoding", "gzip"}, new String[] {"If-None-Match", etag})) {
            http.send(HttpRequest.newBuilder(url).header(header[0], header[1]).build(), HttpResponse.BodyHandlers.discarding());
        }
        assertThat(feedCount("plain") - plain).isEqualTo(2);
        assertThat(feedCount("gzip") - gzip).isEqualTo(1);
        assertThat(feedCount("not-modified") - notModified).isEqualTo(1);
        assertThat(registry.find("http.server.requests").tag("uri", "/feed.xml").meters()).isEmpty();
        given().get("/").then().statusCode(200);
        assertThat(registry.find("http.server.requests").meters()).as("other paths keep the timer").isNotEmpty();
    }

    private double feedCount(String outcome) {
        FunctionCounter c = registry.find("paperledge.feed.requests").tag("feed", "/feed.xml").tag("outcome", outcome)
                .functionCounter();
        return c == null ? 0 : c.count();
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
