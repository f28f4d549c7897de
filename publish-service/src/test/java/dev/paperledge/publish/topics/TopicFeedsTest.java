package dev.paperledge.publish.topics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.GZIPInputStream;

import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.filter.Filters;
import org.jdom2.input.SAXBuilder;
import org.jsoup.Jsoup;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.modules.atom.modules.AtomLinkModule;
import com.rometools.modules.itunes.EntryInformation;
import com.rometools.modules.itunes.FeedInformation;
import com.rometools.modules.itunes.ITunes;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.io.WireFeedInput;

import dev.paperledge.contracts.SubscriptionRule;
import dev.paperledge.publish.domain.Episode;
import dev.paperledge.publish.feed.PodcastGuid;
import dev.paperledge.publish.feed.PodcastModule;
import dev.paperledge.publish.feed.ShowSettings;
import dev.paperledge.publish.support.Episodes;
import dev.paperledge.publish.support.PodcastTags;
import dev.paperledge.publish.support.RuleProducer;
import dev.paperledge.publish.support.TestData;
import dev.paperledge.publish.support.TestMp3;
import dev.paperledge.testkit.KafkaTestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/**
 * Topic feeds, category feeds, the OPML list, version updates and the page's feed links, on the real
 * test Kafka (the subscriptions topic), S3 and PostgreSQL; feeds read back with ROME.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TopicFeedsTest {
    /** The test broker, as the service under test is configured for it. */
    private static final java.util.function.Supplier<String> BROKER = () -> ConfigProvider.getConfig()
            .getValue("kafka.bootstrap.servers", String.class);

    static final String BASE = "http://localhost:18080";

    @Inject
    TestData data;
    @Inject
    ObjectMapper json;

    RuleProducer rules;
    final List<String> ids = new ArrayList<>();

    @BeforeAll
    void connect() {
        KafkaTestSupport.awaitAssignment(BROKER.get(), "publish-service-subscriptions",
                Duration.ofSeconds(30));
        rules = new RuleProducer(json);
    }

    @AfterAll
    void cleanUp() {
        rules.close();
        ids.forEach(data::removeEpisode);
    }

    static String letters(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return sb.toString();
    }

    /** A category code no other test uses, e.g. {@code test.QWERTY}. */
    static String freshCategory() {
        return "test." + letters(6).toUpperCase();
    }

    Episode publish(String title, String abstractText, String categoryName, List<String> categories) {
        String id = Episodes.randomId();
        ids.add(id);
        return data.publish(data.production(id, 1, 1, TestMp3.sine(1, 440),
                TestData.paper(id, title, abstractText, categoryName, categories)));
    }

    static Channel parse(byte[] xml) throws Exception {
        return (Channel) new WireFeedInput().build(new InputStreamReader(new ByteArrayInputStream(xml), StandardCharsets.UTF_8));
    }

    static List<String> guids(Channel c) {
        return c.getItems().stream().map(i -> i.getGuid().getValue()).toList();
    }

    static void assertSameTagsAsTheMainFeed(byte[] xml, String feedUrl) throws Exception {
        Channel c = parse(xml);
        assertThat(c.getImage().getUrl()).isEqualTo(BASE + "/artwork.png");
        assertThat(((FeedInformation) c.getModule(ITunes.URI)).getImageUri()).isEqualTo(BASE + "/artwork.png");
        AtomLinkModule atom = (AtomLinkModule) c.getModule(AtomLinkModule.URI);
        assertThat(atom.getLinks()).extracting(Link::getRel, Link::getHref).contains(org.assertj.core.groups.Tuple.tuple("self", feedUrl));
        PodcastModule podcast = PodcastTags.channel(xml);
        assertThat(podcast.getGuid()).isEqualTo(PodcastGuid.forFeedUrl(feedUrl).toString());
        assertThat(podcast.getTxts()).containsExactly(new PodcastModule.Txt("ai-content", ShowSettings.DEFAULT_AI_CONTENT));
        assertThat(PodcastTags.itemsByGuid(xml).values()).allSatisfy(i -> {
            assertThat(i.getTxts()).extracting(PodcastModule.Txt::purpose).containsExactly("ai-content");
            assertThat(i.getTranscripts()).isNotEmpty();
        });
        assertThat(c.getItems()).allSatisfy(i -> assertThat(i.getEnclosures()).hasSize(1));
    }

    /** The feed answers 304 to its own validators and gzips when asked. */
    static void assertValidatorsAndGzip(String path) throws Exception {
        Response r = given().get(path);
        String etag = r.header("ETag");
        assertThat(etag).matches("\"[0-9a-f]{32}\"");
        assertThat(r.header("Cache-Control")).contains("max-age=60");
        given().header("If-None-Match", etag).get(path).then().statusCode(304).header("ETag", etag);
        given().header("If-Modified-Since", r.header("Last-Modified")).get(path).then().statusCode(304);
        given().header("If-None-Match", "\"other\"").get(path).then().statusCode(200);
        HttpResponse<byte[]> zipped = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(BASE + path))
                .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(zipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped.body()))) {
            assertThat(in.readAllBytes()).isEqualTo(r.asByteArray());
        }
    }

    @Test
    void aRuleFeedListsWhatTheRuleMatchesAndACategoryFeedItsPrimaryCategoryAndATombstoneRemovesTheRule()
            throws Exception {
        String code = freshCategory();
        Episode speech = publish("Listening to speech in noise", "We study speech recognition in noisy rooms. It works.",
                "Test Acoustics", List.of(code, "cs.SD"));
        Episode sheep = publish("Counting sheep", "We count sheep at night.", "Test Acoustics", List.of(code));
        String slug = "speech-" + letters(8);
        String path = "/feeds/" + slug + ".xml";
        rules.put(new SubscriptionRule(slug, "Speech & hearing", List.of(code), List.of("speech"), List.of(), 5, "solo"));

        Response r = await().atMost(Duration.ofSeconds(30)).until(() -> given().get(path), x -> x.statusCode() == 200);
        assertThat(r.contentType()).isEqualTo("application/rss+xml; charset=utf-8");
        Channel topic = parse(r.asByteArray());
        assertThat(topic.getTitle()).isEqualTo("PaperLedge: Speech & hearing");
        assertThat(guids(topic)).containsExactly(speech.guid);
        assertSameTagsAsTheMainFeed(r.asByteArray(), BASE + path);
        assertValidatorsAndGzip(path);

        String categoryPath = "/feeds/categories/" + code + ".xml";
        Response cr = given().get(categoryPath);
        cr.then().statusCode(200).contentType("application/rss+xml; charset=utf-8");
        Channel category = parse(cr.asByteArray());
        assertThat(category.getTitle()).isEqualTo("PaperLedge: Test Acoustics (" + code + ")");
        assertThat(guids(category)).containsExactly(sheep.guid, speech.guid);
        assertSameTagsAsTheMainFeed(cr.asByteArray(), BASE + categoryPath);
        assertValidatorsAndGzip(categoryPath);
        // a cross-list is no primary category
        Response crossList = given().get("/feeds/categories/cs.SD.xml");
        if (crossList.statusCode() == 200) {
            assertThat(guids(parse(crossList.asByteArray()))).doesNotContain(speech.guid);
        } else {
            crossList.then().statusCode(404);
        }

        // the OPML list names every feed, and each answers as a feed
        Response opml = given().get("/feeds.opml");
        opml.then().statusCode(200).contentType("text/x-opml; charset=utf-8");
        SAXBuilder sax = new SAXBuilder();
        sax.setExpandEntities(false);
        Document doc = sax.build(new ByteArrayInputStream(opml.asByteArray()));
        assertThat(doc.getRootElement().getName()).isEqualTo("opml");
        assertThat(doc.getRootElement().getAttributeValue("version")).isEqualTo("2.0");
        assertThat(doc.getRootElement().getChild("head").getChildText("title")).isEqualTo("PaperLedge feeds");
        List<Element> outlines = new ArrayList<>();
        doc.getDescendants(Filters.element("outline")).forEach(outlines::add);
        List<String> urls = outlines.stream().map(o -> o.getAttributeValue("xmlUrl")).filter(u -> u != null).toList();
        assertThat(urls).contains(BASE + "/feed.xml", BASE + path, BASE + categoryPath).doesNotHaveDuplicates();
        assertThat(outlines).filteredOn(o -> o.getAttributeValue("xmlUrl") != null)
                .allSatisfy(o -> assertThat(o.getAttributeValue("type")).isEqualTo("rss"));
        for (String url : urls) {
            Response feed = given().get(url);
            assertThat(feed.statusCode()).as(url).isEqualTo(200);
            assertThat(parse(feed.asByteArray()).getFeedType()).as(url).isEqualTo("rss_2.0");
        }
        given().header("If-None-Match", opml.header("ETag")).get("/feeds.opml").then().statusCode(304);

        // a changed rule changes the feed; a tombstone removes it
        rules.put(new SubscriptionRule(slug, "Sheep", List.of(code), List.of("sheep"), List.of(), 5, "solo"));
        Channel changed = await().atMost(Duration.ofSeconds(30)).until(() -> parse(given().get(path).asByteArray()),
                c -> c.getTitle().equals("PaperLedge: Sheep"));
        assertThat(guids(changed)).containsExactly(sheep.guid);
        rules.delete(slug);
        Response gone = await().atMost(Duration.ofSeconds(30)).until(() -> given().get(path), x -> x.statusCode() == 404);
        assertThat(gone.contentType()).startsWith("application/problem+json");
        assertThat(gone.jsonPath().getInt("status")).isEqualTo(404);
        assertThat(gone.jsonPath().getString("detail")).contains(slug);
        assertThat(given().get("/feeds.opml").asString()).doesNotContain(path);
    }

    @Test
    void unknownFeedsAnswer404AndMalformedNamesAnswer400WithProblemDetails() {
        Response unknown = given().get("/feeds/no-such-topic-" + letters(6) + ".xml");
        unknown.then().statusCode(404).contentType("application/problem+json");
        assertThat(unknown.jsonPath().getString("title")).isEqualTo("Not Found");
        given().get("/feeds/categories/" + freshCategory() + ".xml").then().statusCode(404)
                .contentType("application/problem+json");
        for (String bad : List.of("/feeds/Not_A_Slug.xml", "/feeds/-dash.xml", "/feeds/categories/cs..CL.xml",
                "/feeds/categories/%3Cb%3E.xml", "/feeds/categories/cs.CL%20x.xml")) {
            Response r = given().urlEncodingEnabled(false).get(bad);
            assertThat(r.statusCode()).as(bad).isEqualTo(400);
            assertThat(r.contentType()).as(bad).startsWith("application/problem+json");
            assertThat(r.jsonPath().getString("detail")).as(bad).isNotBlank();
        }
    }

    @Test
    void aNewerArxivVersionUpdatesTheItemInPlaceSayingWhatChangedAndKeepsTheOldAudio() throws Exception {
        String id = Episodes.randomId();
        ids.add(id);
        String code = freshCategory();
        byte[] first = TestMp3.sine(1, 440);
        byte[] second = TestMp3.sine(2, 330);
        String abstract1 = "We count sheep at night. Sheep are many.";
        String abstract2 = "We count sheep at night. Sheep are many. Goats are counted too.";
        Episode v1 = data.publish(data.production(id, 1, 1, first,
                TestData.paper(id, "Counting", abstract1, "Test Farming", List.of(code))));
        Response before = given().get("/feed.xml");
        Item item1 = item(parse(before.asByteArray()), v1.guid);
        String categoryEtag = given().get("/feeds/categories/" + code + ".xml").header("ETag");

        Episode v2 = data.publish(data.production(id, 2, 1, second,
                TestData.paper(id, "Counting", abstract2, "Test Farming", List.of(code))));
        Response after = given().get("/feed.xml");
        assertThat(after.header("ETag")).isNotEqualTo(before.header("ETag"));
        assertThat(given().get("/feeds/categories/" + code + ".xml").header("ETag")).isNotEqualTo(categoryEtag);
        Item item2 = item(parse(after.asByteArray()), v1.guid);
        assertThat(item2.getGuid().getValue()).isEqualTo(item1.getGuid().getValue());
        assertThat(((EntryInformation) item2.getModule(ITunes.URI)).getEpisode())
                .isEqualTo(((EntryInformation) item1.getModule(ITunes.URI)).getEpisode());
        assertThat(item2.getPubDate()).isEqualTo(item1.getPubDate());
        assertThat(item2.getEnclosures().get(0).getLength()).isEqualTo(second.length);
        assertThat(item2.getDescription().getValue()).startsWith("Updated for v2: ")
                .contains("Goats are counted too.").doesNotContain("Updated for v2: the abstract is unchanged");
        assertThat(v2.updatedAt).isAfter(v1.updatedAt);
        assertThat(v2.version).isEqualTo(2);

        // the new audio at the feed's URL, the old one still addressable and listed on the page
        assertThat(given().get("/episodes/" + v1.slug + "/audio.mp3").asByteArray()).isEqualTo(second);
        Response old = given().get("/episodes/" + v1.slug + "/v1/audio.mp3");
        old.then().statusCode(200).contentType("audio/mpeg");
        assertThat(old.asByteArray()).isEqualTo(first);
        given().header("Range", "bytes=0-9").get("/episodes/" + v1.slug + "/v1/audio.mp3").then().statusCode(206);
        given().get("/episodes/" + v1.slug + "/v3/audio.mp3").then().statusCode(404);
        org.jsoup.nodes.Document page = Jsoup.parse(given().get("/episodes/" + v1.slug).asString());
        assertThat(page.select("section.versions a").attr("href")).isEqualTo("/episodes/" + v1.slug + "/v1/audio.mp3");
        assertThat(page.select("p.update").text()).startsWith("Updated for v2:").contains("Goats are counted too.");

        // an older version than the one published stays ignored
        data.publish(data.production(id, 1, 2, TestMp3.sine(1, 550),
                TestData.paper(id, "Counting", abstract1, "Test Farming", List.of(code))));
        Item still = item(parse(given().get("/feed.xml").asByteArray()), v1.guid);
        assertThat(still.getEnclosures().get(0).getLength()).isEqualTo(second.length);
        assertThat(still.getDescription().getValue()).startsWith("Updated for v2: ");
    }

    static Item item(Channel c, String guid) {
        return c.getItems().stream().filter(i -> i.getGuid().getValue().equals(guid)).findFirst().orElseThrow();
    }

    @Test
    void thePublicPageLinksEveryFeedAndFiltersEpisodesByCategoryWithoutScript() {
        String code = freshCategory();
        String other = freshCategory();
        Episode mine = publish("Whales", "We listen to whales.", "Test Oceans", List.of(code));
        Episode theirs = publish("Deserts", "We measure dunes.", "Test Deserts", List.of(other));
        String slug = "whales-" + letters(8);
        rules.put(new SubscriptionRule(slug, "Whale song", List.of(code), List.of(), List.of(), 5, null));
        try {
            org.jsoup.nodes.Document home = await().atMost(Duration.ofSeconds(30))
                    .until(() -> Jsoup.parse(given().get("/").asString()),
                            d -> !d.select("nav.feeds a[href=" + BASE + "/feeds/" + slug + ".xml]").isEmpty());
            assertThat(home.select("nav.feeds a[href=/feed.xml]")).isNotEmpty();
            assertThat(home.select("nav.feeds a[href=/feeds.opml]")).isNotEmpty();
            assertThat(home.select("nav.feeds a[href=" + BASE + "/feeds/" + slug + ".xml]").text()).isEqualTo("Whale song");
            assertThat(home.select("nav.feeds a[href=" + BASE + "/feeds/categories/" + code + ".xml]").text())
                    .isEqualTo("Test Oceans (" + code + ")");
            assertThat(home.select("link[rel=alternate][type=text/x-opml]").attr("href")).isEqualTo("/feeds.opml");
            assertThat(home.select("nav.categories a[href=/?category=" + code + "]").text()).isEqualTo("Test Oceans");

            org.jsoup.nodes.Document filtered = Jsoup.parse(given().get("/?category=" + code).asString());
            assertThat(filtered.select("article.episode").eachAttr("id")).containsExactly("episode-" + mine.slug);
            assertThat(filtered.select("main h2").first().text()).isEqualTo("Episodes in Test Oceans (" + code + ")");
            assertThat(filtered.select("nav.categories a[aria-current=page]").text()).isEqualTo("Test Oceans");
            assertThat(filtered.select("link[rel=alternate][type=application/rss+xml]").eachAttr("href"))
                    .contains(BASE + "/feeds/categories/" + code + ".xml");
            assertThat(Jsoup.parse(given().get("/?category=" + other).asString()).select("article.episode")
                    .eachAttr("id")).containsExactly("episode-" + theirs.slug);
            given().get("/?category=" + freshCategory()).then().statusCode(404);
            given().get("/?category=not..a..code").then().statusCode(400);
        } finally {
            rules.delete(slug);
        }
    }
}
