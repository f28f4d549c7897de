package dev.paperledge.publish.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.paperledge.publish.domain.Episode;
import dev.paperledge.publish.support.Episodes;
import dev.paperledge.publish.support.TestData;
import dev.paperledge.publish.support.TestMp3;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublicPageTest {
    static final String TRICKY = "<script>alert('x')</script> Q&A on \"Ünïcödé\" 数学";

    @Inject
    TestData data;

    String id;
    Episode episode;
    final List<String> filler = new ArrayList<>();

    @BeforeAll
    void publish() {
        id = Episodes.randomId();
        episode = data.publish(data.production(id, 1, TestMp3.sine(1, 330),
                TestData.paper(id, TRICKY, List.of("Zalán Borsos", "O'Brien <b>bold</b>", "Ilya Sutskever"))));
        // eleven more, newer, so the page splits
        Instant now = Instant.now().plus(1, ChronoUnit.DAYS);
        List<Episode> more = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            String fid = "test-page/" + id + "x" + i;
            filler.add(fid);
            more.add(Episodes.episode(fid, 0, now.plusSeconds(i), "Filler " + i, List.of("Filler Author")));
        }
        data.insert(more);
    }

    @AfterAll
    void cleanUp() {
        data.remove(filler);
        data.removeEpisode(id);
    }

    @Test
    void pagesAndTheFeedForbidScriptsAndSniffingButAllowWhatThePageLoads() {
        for (String path : List.of("/", "/episodes/" + episode.slug, "/feed.xml", "/site.css")) {
            var r = given().get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(r.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
            String csp = r.header("Content-Security-Policy");
            assertThat(csp).as(path).contains("default-src 'none'", "frame-ancestors 'none'", "base-uri 'none'")
                    .doesNotContain("script-src", "unsafe-inline");
        }
        String csp = given().get("/").header("Content-Security-Policy");
        Document page = parseStrict(given().get("/episodes/" + episode.slug).asString());
        assertThat(csp).contains("style-src 'self'", "img-src 'self'", "media-src 'self'");
        assertThat(page.select("script, [style], style")).as("nothing the policy would block").isEmpty();
        assertThat(page.selectFirst("audio").attr("src")).as("audio from this origin").startsWith("/episodes/");
        assertThat(page.select("link[rel=stylesheet]").attr("href")).isEqualTo("/site.css");
    }

    static Document parseStrict(String html) {
        Parser parser = Parser.htmlParser().setTrackErrors(20);
        Document doc = Jsoup.parse(html, "http://localhost/", parser);
        assertThat(parser.getErrors()).as("HTML parse errors").isEmpty();
        return doc;
    }

    Element findEpisode() {
        for (int page = 1; page < 100; page++) {
            var r = given().queryParam("page", page).get("/");
            if (r.statusCode() == 404) {
                break;
            }
            Document doc = parseStrict(r.asString());
            Element a = doc.getElementById("episode-" + episode.slug);
            if (a != null) {
                return a;
            }
        }
        throw new AssertionError("episode " + id + " is on no page");
    }

    @Test
    void theListShowsEpisodesLikeTheShowsSite() {
        var r = given().get("/");
        r.then().statusCode(200).contentType("text/html;charset=utf-8");
        Document doc = parseStrict(r.asString());
        assertThat(doc.select("html").attr("lang")).isEqualTo("en");
        assertThat(doc.title()).isEqualTo("PaperLedge");
        assertThat(doc.select("link[rel=alternate][type=application/rss+xml]").attr("href")).isEqualTo("/feed.xml");
        assertThat(doc.select("article.episode")).hasSize(10);
        assertThat(doc.select("script")).isEmpty();

        Element a = findEpisode();
        assertThat(a.selectFirst("time").text()).matches("[A-Z][a-z]+day [A-Z][a-z]{2} \\d{1,2}, \\d{4}");
        assertThat(a.selectFirst("h3").text()).isEqualTo("Computation and Language - " + TRICKY);
        assertThat(a.selectFirst(".description").text()).isEqualTo("A gentle summary of " + TRICKY + ".");
        Element audio = a.selectFirst("audio");
        assertThat(audio.hasAttr("controls")).isTrue();
        assertThat(audio.attr("preload")).isEqualTo("none");
        assertThat(audio.attr("src")).isEqualTo("/episodes/" + episode.slug + "/audio.mp3");
        assertThat(a.select("a:contains(Transcript)").attr("href")).isEqualTo("/episodes/" + episode.slug + "#transcript");
        assertThat(a.selectFirst(".credits").text())
                .isEqualTo("Credit to Paper authors: Zalán Borsos, O'Brien <b>bold</b> and Ilya Sutskever");
        assertThat(a.select("b")).isEmpty();
    }

    @Test
    void theListIsPagedNewestFirst() {
        Document first = parseStrict(given().get("/").asString());
        assertThat(first.select("article.episode h3").first().text()).endsWith("Filler 10");
        assertThat(first.select("a[rel=next]").attr("href")).isEqualTo("/?page=2");
        assertThat(first.select("a[rel=prev]")).isEmpty();
        Document second = parseStrict(given().queryParam("page", 2).get("/").asString());
        assertThat(second.select("article.episode h3").first().text()).endsWith("Filler 0");
        assertThat(second.select("a[rel=prev]").attr("href")).isEqualTo("/?page=1");
        given().queryParam("page", 0).get("/").then().statusCode(404);
        given().queryParam("page", 100000).get("/").then().statusCode(404);
    }

    @Test
    void anEpisodePageCarriesThePlayerAndTheTranscriptText() {
        var r = given().get("/episodes/" + episode.slug);
        r.then().statusCode(200);
        Document doc = parseStrict(r.asString());
        assertThat(doc.selectFirst("h1").text()).isEqualTo("Computation and Language - " + TRICKY);
        assertThat(doc.select("audio[controls][preload=none]").attr("src")).endsWith("/audio.mp3");
        assertThat(doc.select("#transcript .cue")).extracting(Element::text).containsExactly(
                "0:00 Hey PaperLedge learning crew, Ernis here!",
                "0:01 Today: a paper about <small> & \"big\" ideas.");
        assertThat(doc.select("small")).isEmpty();
        assertThat(doc.select(".note").text()).contains("generated with AI");
        given().get("/episodes/does-not-exist").then().statusCode(404);
    }
}
