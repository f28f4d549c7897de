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
    /** With a JSON transcript (sources) and a listening check. */
    Episode sourced;
    /** With a JSON transcript that is not one. */
    Episode broken;
    /** A conversation between Ernis and Sam. */
    Episode duo;
    final List<String> filler = new ArrayList<>();

    @BeforeAll
    void publish() {
        id = Episodes.randomId();
        episode = data.publish(data.production(id, 1, TestMp3.sine(1, 330),
                TestData.paper(id, TRICKY, List.of("Zalán Borsos", "O'Brien <b>bold</b>", "Ilya Sutskever"))));
        String sid = Episodes.randomId();
        sourced = data.publish(data.production(sid, 1, TestMp3.sine(1, 330),
                TestData.paper(sid, "Sources for every line", List.of("A. Author")), TestData.JSON_TRANSCRIPT,
                TestData.listening()));
        String bid = Episodes.randomId();
        broken = data.publish(data.production(bid, 1, TestMp3.sine(1, 330),
                TestData.paper(bid, "A broken transcript", List.of("A. Author")),
                "{\"version\":\"1.0.0\",\"segments\":[{\"startTime\":\"<script>alert(1)</script>\"}]}", null));
        String did = Episodes.randomId();
        duo = data.publish(data.production(did, 1, TestMp3.sine(1, 330),
                TestData.paper(did, "Two voices, one paper", List.of("A. Author")), TestData.DUO_TRANSCRIPT, null,
                "duo", TestData.DUO));
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
        data.removeEpisode(sourced.arxivId);
        data.removeEpisode(broken.arxivId);
        data.removeEpisode(duo.arxivId);
    }

    @Test
    void pagesAndTheFeedAllowOnlyTheSitesOwnScriptAndForbidSniffing() {
        for (String path : List.of("/", "/episodes/" + episode.slug, "/feed.xml", "/site.css", "/episode.js")) {
            var r = given().get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(r.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
            String csp = r.header("Content-Security-Policy");
            assertThat(csp).as(path).contains("default-src 'none'", "script-src 'self'", "frame-ancestors 'none'",
                    "base-uri 'none'").doesNotContain("unsafe-inline", "unsafe-eval", "script-src 'self' ");
        }
        assertThat(given().get("/episode.js").contentType()).contains("javascript");
        String csp = given().get("/").header("Content-Security-Policy");
        assertThat(csp).contains("style-src 'self'", "img-src 'self'", "media-src 'self'");
        for (Episode e : List.of(episode, sourced, broken, duo)) {
            Document page = parseStrict(given().get("/episodes/" + e.slug).asString());
            assertThat(page.select("[style], style")).as("nothing the policy would block").isEmpty();
            assertThat(page.select("script")).as("one script, from a file").singleElement()
                    .satisfies(s -> assertThat(s.attr("src")).isEqualTo("/episode.js"))
                    .satisfies(s -> assertThat(s.data()).isEmpty());
            assertThat(page.getAllElements()).allSatisfy(el -> assertThat(el.attributes().asList())
                    .noneMatch(a -> a.getKey().startsWith("on") || a.getValue().startsWith("javascript:")));
            assertThat(page.selectFirst("audio").attr("src")).as("audio from this origin").startsWith("/episodes/");
            assertThat(page.select("link[rel=stylesheet]").attr("href")).isEqualTo("/site.css");
        }
    }

    static Document parseStrict(String html) {
        Parser parser = Parser.htmlParser().setTrackErrors(20);
        Document doc = Jsoup.parse(html, "http://localhost/", parser);
        assertThat(parser.getErrors()).as("HTML parse errors").isEmpty();
        return doc;
    }

    Element findEpisode() {
        return findEpisode(episode);
    }

    Element findEpisode(Episode episode) {
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
        throw new AssertionError("episode " + episode.arxivId + " is on no page");
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
        assertThat(doc.select("#transcript li.line")).extracting(Element::text).containsExactly(
                "0:00 Hey PaperLedge learning crew, Ernis here!",
                "0:01 Today: a paper about <small> & \"big\" ideas.");
        assertThat(doc.select("#transcript li.line")).extracting(l -> l.attr("data-start") + "-" + l.attr("data-end"))
                .containsExactly("0-1.5", "1.5-3");
        assertThat(doc.select("small")).isEmpty();
        assertThat(doc.select(".note").text()).contains("generated with AI");
        assertThat(doc.select("#transcript details")).as("a WebVTT transcript has no sources").isEmpty();
        assertThat(doc.getElementById("listening-check")).as("no check, nothing shown").isNull();
        assertThat(doc.select("a:contains(JSON transcript)")).isEmpty();
        given().get("/episodes/does-not-exist").then().statusCode(404);
    }

    @Test
    void withoutScriptTheTranscriptShowsSpeakersTimesAndSourceNotesWithLinks() {
        Document doc = parseStrict(given().get("/episodes/" + sourced.slug).asString());
        String audio = "/episodes/" + sourced.slug + "/audio.mp3";
        assertThat(doc.select("a:contains(JSON transcript)").attr("href"))
                .isEqualTo("/episodes/" + sourced.slug + "/transcript.json");
        var lines = doc.select("#transcript ol#lines[data-for=player] > li.line");
        assertThat(doc.getElementById("player").tagName()).isEqualTo("audio");
        assertThat(lines).hasSize(4);
        assertThat(lines).extracting(l -> l.attr("data-start") + "-" + l.attr("data-end"))
                .containsExactly("0-2", "2-4", "4-6", "6-8");
        assertThat(lines).extracting(l -> l.selectFirst("a.time").text()).containsExactly("0:00", "0:02", "0:04", "0:06");
        assertThat(lines).extracting(l -> l.selectFirst("a.time").attr("href"))
                .containsExactly(audio + "#t=0", audio + "#t=2", audio + "#t=4", audio + "#t=6");
        assertThat(lines.get(1).selectFirst("a.time").attr("aria-label")).isEqualTo("Play from 0:02");
        // the speaker where it changes
        assertThat(lines).extracting(l -> l.select(".speaker").text()).containsExactly("Ernis:", "", "Ada:", "Ernis:");

        Element source = lines.get(1).selectFirst("details.source");
        assertThat(source.hasAttr("open")).as("closed until asked").isFalse();
        assertThat(source.selectFirst("summary").text()).isEqualTo("Source: 3 Method, paragraph 3");
        assertThat(source.selectFirst("blockquote").text()).isEqualTo("We observe a gain of 12.5% over the baseline.");
        assertThat(source.selectFirst("blockquote").attr("cite")).isEqualTo("https://arxiv.org/html/1703.09824v1#S3");
        Element link = source.selectFirst("a[href]");
        assertThat(link.attr("href")).isEqualTo("https://arxiv.org/html/1703.09824v1#S3");
        assertThat(link.text()).isEqualTo("Read it in the paper (opens in a new tab)");
        assertThat(doc.select("a[target=_blank]")).isNotEmpty()
                .allSatisfy(a -> assertThat(a.attr("rel").split(" ")).contains("noopener"));

        // markup in every field is text; a link that is not http(s) is not a link
        Element last = lines.get(3);
        assertThat(last.selectFirst(".body").text()).isEqualTo("It means <em>less</em> & \"more\".");
        assertThat(last.selectFirst("details summary").text()).isEqualTo("Source: 5 <b>Results</b>");
        assertThat(last.selectFirst("blockquote").text()).isEqualTo("Table 2: <script>alert(1)</script> wins.");
        assertThat(last.select("details a[href], details blockquote[cite]")).isEmpty();
        assertThat(doc.select("#transcript em, #transcript b, #transcript script")).isEmpty();
        assertThat(doc.select(".hint").text()).contains("source");
        assertThat(doc.select("#transcript-status[role=status][aria-live=polite]")).hasSize(1);
    }

    @Test
    void theFormatIsSaidInWordsOnTheListAndTheEpisodePage() {
        assertThat(findEpisode(duo).selectFirst(".format").text()).isEqualTo("A conversation between Ernis and Sam");
        assertThat(findEpisode(episode).selectFirst(".format").text()).as("an episode from before formats: solo")
                .isEqualTo("With Ernis");
        assertThat(parseStrict(given().get("/episodes/" + duo.slug).asString()).selectFirst("h1 + p.format").text())
                .isEqualTo("A conversation between Ernis and Sam");
        assertThat(parseStrict(given().get("/episodes/" + sourced.slug).asString()).selectFirst("p.format").text())
                .isEqualTo("With Ernis");
    }

    @Test
    void aDuoTranscriptNamesEachSpeakerWhereTheyStartAndSetsTheCoHostApart() {
        Document doc = parseStrict(given().get("/episodes/" + duo.slug).asString());
        var lines = doc.select("#transcript ol#lines > li.line");
        assertThat(lines).extracting(l -> l.select(".speaker").text()).containsExactly("Ernis:", "Sam:", "Ernis:", "",
                "Sam:");
        assertThat(lines).extracting(l -> l.hasClass("cohost")).containsExactly(false, true, false, false, true);
        assertThat(doc.select(".hint").text()).contains("the co-host's lines are indented");
        // a solo episode's page has no co-host lines, even with a second name in its transcript
        Document solo = parseStrict(given().get("/episodes/" + sourced.slug).asString());
        assertThat(solo.select("li.line.cohost")).isEmpty();
        assertThat(solo.select(".hint").text()).doesNotContain("co-host");
        // the style sheet sets the co-host apart by indentation and line style, not colour alone
        String css = given().get("/site.css").asString();
        assertThat(css).containsPattern("\\.line\\.cohost \\{[^}]*margin-left: 2rem;[^}]*border-left-style: dashed;");
    }

    @Test
    void theListeningCheckShowsEachSectionInWordsAndFigures() {
        Document doc = parseStrict(given().get("/episodes/" + sourced.slug).asString());
        Element check = doc.getElementById("listening-check");
        assertThat(check.selectFirst("h2").text()).isEqualTo("Listening check");
        assertThat(check.selectFirst(".check-summary").text()).contains("(pocketsphinx 5 en-us)",
                "18.3 % word error over the episode", "against 15.2 %", "The episode passed.");
        assertThat(check.selectFirst(".check-summary").wholeText()).as("a figure never wraps away from its unit")
                .contains("18.3\u00a0%", "15.2\u00a0%");
        assertThat(check.select("thead th")).extracting(Element::text).containsExactly("Section", "Verdict",
                "Word error", "Bare voice", "Longest silence", "Notes");
        var rows = check.select("tbody tr");
        assertThat(rows).extracting(r -> r.select("th, td").eachText()).containsExactly(
                List.of("Hook", "✓ Green", "12.0 %", "11.0 %", "0.4 s", "none"),
                List.of("3 Method", "! Amber", "26.4 %", "20.0 %", "1.9 s", "rendered a second time; flagged: wer"),
                List.of("<i>Wrap</i> up", "✗ Red", "51.0 %", "not measured", "2.3 s", "flagged: silence, rate"));
        assertThat(rows).extracting(r -> r.selectFirst("td.verdict").className())
                .containsExactly("verdict green", "verdict amber", "verdict red");
        assertThat(check.select(".mark")).allSatisfy(m -> assertThat(m.attr("aria-hidden")).isEqualTo("true"));
        assertThat(check.select("th[scope=row]")).hasSize(3);
        assertThat(check.select("i")).isEmpty();
        // the check comes before the transcript, the transcript is still there
        assertThat(doc.select("section").eachAttr("id")).containsSubsequence("listening-check", "transcript");
    }

    @Test
    void anUnusableJsonTranscriptFallsBackToTheWebVtt() {
        var r = given().get("/episodes/" + broken.slug);
        r.then().statusCode(200);
        Document doc = parseStrict(r.asString());
        assertThat(doc.select("#transcript li.line .body")).extracting(Element::text).containsExactly(
                "Hey PaperLedge learning crew, Ernis here!", "Today: a paper about <small> & \"big\" ideas.");
        assertThat(doc.select("script")).extracting(s -> s.attr("src")).containsExactly("/episode.js");
        // the file itself is still served as it is, for apps
        given().get("/episodes/" + broken.slug + "/transcript.json").then().statusCode(200)
                .contentType("application/json");
    }
}
