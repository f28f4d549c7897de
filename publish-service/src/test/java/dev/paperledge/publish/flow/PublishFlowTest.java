package dev.paperledge.publish.flow;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.modules.itunes.EntryInformation;
import com.rometools.modules.itunes.ITunes;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.io.WireFeedInput;

import dev.paperledge.contracts.AudioReady;
import dev.paperledge.contracts.EpisodePublished;
import dev.paperledge.contracts.PaperSummary;
import dev.paperledge.contracts.RetryRequested;
import dev.paperledge.contracts.Stage;
import dev.paperledge.contracts.StageFailed;
import dev.paperledge.contracts.Topics;
import dev.paperledge.publish.feed.PodcastModule;
import dev.paperledge.publish.support.Episodes;
import dev.paperledge.publish.support.PodcastTags;
import dev.paperledge.publish.support.TestData;
import dev.paperledge.publish.support.TestMp3;
import dev.paperledge.publish.support.TestProducers;
import dev.paperledge.publish.support.TopicWatcher;
import dev.paperledge.testkit.KafkaTestSupport;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** The stage end to end on the real test Kafka, S3 and PostgreSQL. */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublishFlowTest {
    static final String BOOTSTRAP = "localhost:19092";

    @Inject
    TestData data;
    @Inject
    TestProducers producers;
    @Inject
    MeterRegistry metrics;
    @Inject
    ObjectMapper json;

    TopicWatcher published;
    TopicWatcher failures;
    final java.util.List<String> ids = new java.util.ArrayList<>();

    @BeforeAll
    void connect() {
        KafkaTestSupport.awaitAssignment(BOOTSTRAP, "publish-service", Duration.ofSeconds(30));
        KafkaTestSupport.awaitAssignment(BOOTSTRAP, "publish-service-retries", Duration.ofSeconds(30));
        published = new TopicWatcher(BOOTSTRAP, Topics.EPISODES_PUBLISHED);
        failures = new TopicWatcher(BOOTSTRAP, Topics.PIPELINE_FAILURES);
    }

    @AfterAll
    void cleanUp() {
        published.close();
        failures.close();
        ids.forEach(data::removeEpisode);
    }

    String newId() {
        String id = Episodes.randomId();
        ids.add(id);
        return id;
    }

    static Optional<Item> item(String arxivId) {
        try {
            byte[] xml = given().get("/feed.xml").asByteArray();
            Channel c = (Channel) new WireFeedInput()
                    .build(new InputStreamReader(new ByteArrayInputStream(xml), StandardCharsets.UTF_8));
            List<Item> items = c.getItems().stream()
                    .filter(i -> i.getGuid().getValue().equals("paperledge:arxiv:" + arxivId)).toList();
            assertThat(items).hasSizeLessThanOrEqualTo(1);
            return items.stream().findFirst();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    double duplicates() {
        var c = metrics.find("paperledge.stage.outcomes").tag("outcome", "duplicate").counter();
        return c == null ? 0 : c.count();
    }

    EpisodePublished read(TopicWatcher.Seen s) throws Exception {
        return json.readValue(s.value(), EpisodePublished.class);
    }

    @Test
    void audioReadyBecomesOneFeedItemAndOneEpisodePublishedEvenWhenDeliveredTwice() throws Exception {
        String id = newId();
        byte[] mp3 = TestMp3.sine(2, 440);
        AudioReady evt = data.production(id, 1, mp3,
                TestData.paper(id, "Sine waves & the <ear>: Ünïcödé study", List.of("Zalán Borsos", "Ada Lovelace")));
        producers.send(evt);

        Item item = await().atMost(Duration.ofSeconds(30)).until(() -> item(id), Optional::isPresent).get();
        assertThat(item.getTitle()).isEqualTo("Computation and Language - Sine waves & the <ear>: Ünïcödé study");
        assertThat(item.getEnclosures().get(0).getLength()).isEqualTo(mp3.length);
        assertThat(((EntryInformation) item.getModule(ITunes.URI)).getDuration().getMilliseconds()).isEqualTo(3000);
        String audioUrl = item.getEnclosures().get(0).getUrl();
        assertThat(audioUrl).isEqualTo("http://localhost:18080/episodes/" + id + "/audio.mp3");
        assertThat(given().get(audioUrl).asByteArray()).isEqualTo(mp3);

        List<TopicWatcher.Seen> events = await().atMost(Duration.ofSeconds(30))
                .until(() -> published.forKey(id), l -> !l.isEmpty());
        EpisodePublished ep = read(events.get(0));
        assertThat(ep.episodeGuid()).isEqualTo("paperledge:arxiv:" + id);
        assertThat(ep.episodeUrl()).isEqualTo("http://localhost:18080/episodes/" + id);
        assertThat(ep.feedRevision()).matches("[0-9a-f]{32}");
        assertThat(events.get(0).headers()).containsEntry("ce_id", ep.eventId())
                .containsEntry("ce_type", EpisodePublished.TYPE).containsEntry("ce_subject", id);

        // the same event again: dropped
        double before = duplicates();
        producers.send(evt);
        await().atMost(Duration.ofSeconds(30)).until(() -> duplicates() > before);
        assertThat(published.forKey(id)).hasSize(1);
        assertThat(item(id)).isPresent();
    }

    @Test
    void aNewerProductionUpdatesTheItemInPlaceWithTheSameGuid() throws Exception {
        String id = newId();
        producers.send(data.production(id, 1, TestMp3.sine(1, 440), TestData.paper(id, "First cut", List.of("A. Author"))));
        Item first = await().atMost(Duration.ofSeconds(30)).until(() -> item(id), Optional::isPresent).get();

        byte[] longer = TestMp3.sine(3, 220);
        producers.send(data.production(id, 2, longer, TestData.paper(id, "Second cut", List.of("A. Author"))));
        Item second = await().atMost(Duration.ofSeconds(30))
                .until(() -> item(id), i -> i.isPresent() && i.get().getTitle().endsWith("Second cut")).get();

        assertThat(second.getGuid().getValue()).isEqualTo(first.getGuid().getValue());
        assertThat(second.getPubDate()).isEqualTo(first.getPubDate());
        assertThat(((EntryInformation) second.getModule(ITunes.URI)).getEpisode())
                .isEqualTo(((EntryInformation) first.getModule(ITunes.URI)).getEpisode());
        assertThat(second.getEnclosures().get(0).getLength()).isEqualTo(longer.length);
        List<TopicWatcher.Seen> events = await().atMost(Duration.ofSeconds(30))
                .until(() -> published.forKey(id), l -> l.size() == 2);
        assertThat(read(events.get(0)).run()).isEqualTo(1);
        assertThat(read(events.get(1)).run()).isEqualTo(2);
        assertThat(read(events.get(1)).feedRevision()).isNotEqualTo(read(events.get(0)).feedRevision());
    }

    static List<PodcastModule.Person> persons(String arxivId) {
        return PodcastTags.itemsByGuid(given().get("/feed.xml").asByteArray()).get("paperledge:arxiv:" + arxivId)
                .getPersons();
    }

    static String formatLine(String arxivId) {
        return Jsoup.parse(given().get("/episodes/" + arxivId).asString()).select(".format").text();
    }

    @Test
    void aReproductionInTheOtherFormatUpdatesTheItemSameGuidNewEnclosureNewHosts() throws Exception {
        String id = newId();
        PaperSummary paper = TestData.paper(id, "One paper, two formats", List.of("A. Author"));
        byte[] soloMp3 = TestMp3.sine(1, 440);
        producers.send(data.production(id, 1, soloMp3, paper, null, null, "solo", TestData.SOLO));
        Item solo = await().atMost(Duration.ofSeconds(30)).until(() -> item(id), Optional::isPresent).get();
        assertThat(persons(id)).extracting(PodcastModule.Person::name).containsExactly("Ernis");
        assertThat(formatLine(id)).isEqualTo("With Ernis");

        // the same paper produced again as a conversation (a new run, as ingest's force path makes it)
        byte[] duoMp3 = TestMp3.sine(2, 330);
        producers.send(data.production(id, 2, duoMp3, paper, TestData.DUO_TRANSCRIPT, null, "duo", TestData.DUO));
        await().atMost(Duration.ofSeconds(30)).until(() -> persons(id).size() == 2);
        Item duo = item(id).orElseThrow();
        assertThat(persons(id)).containsExactly(new PodcastModule.Person("Ernis", "host", "cast", null, null),
                new PodcastModule.Person("Sam", "host", "cast", null, null));
        assertThat(duo.getGuid().getValue()).isEqualTo(solo.getGuid().getValue());
        assertThat(duo.getPubDate()).isEqualTo(solo.getPubDate());
        assertThat(((EntryInformation) duo.getModule(ITunes.URI)).getEpisode())
                .isEqualTo(((EntryInformation) solo.getModule(ITunes.URI)).getEpisode());
        assertThat(duo.getEnclosures().get(0).getLength()).isEqualTo(duoMp3.length).isNotEqualTo(soloMp3.length);
        assertThat(given().get(duo.getEnclosures().get(0).getUrl()).asByteArray()).isEqualTo(duoMp3);
        assertThat(formatLine(id)).isEqualTo("A conversation between Ernis and Sam");
        List<TopicWatcher.Seen> events = await().atMost(Duration.ofSeconds(30))
                .until(() -> published.forKey(id), l -> l.size() == 2);
        assertThat(read(events.get(1)).episodeGuid()).isEqualTo(read(events.get(0)).episodeGuid());
        assertThat(read(events.get(1)).feedRevision()).isNotEqualTo(read(events.get(0)).feedRevision());

        // and back to the solo show: one host again
        producers.send(data.production(id, 3, soloMp3, paper, null, null, "solo", TestData.SOLO));
        await().atMost(Duration.ofSeconds(30)).until(() -> persons(id).size() == 1);
        assertThat(item(id).orElseThrow().getEnclosures().get(0).getLength()).isEqualTo(soloMp3.length);
        assertThat(formatLine(id)).isEqualTo("With Ernis");
    }

    @Test
    void anUnknownFormatOrADuoWithOneHostFailsTheStageAndPublishesNothing() throws Exception {
        String trio = newId();
        producers.send(data.production(trio, 1, TestMp3.sine(1, 440), TestData.paper(trio, "Three", List.of("A. Author")),
                null, null, "trio", TestData.DUO));
        String lonely = newId();
        producers.send(data.production(lonely, 1, TestMp3.sine(1, 440),
                TestData.paper(lonely, "Alone", List.of("A. Author")), null, null, "duo", TestData.SOLO));
        for (String id : List.of(trio, lonely)) {
            List<TopicWatcher.Seen> failed = await().atMost(Duration.ofSeconds(30))
                    .until(() -> failures.forKey(id), l -> !l.isEmpty());
            StageFailed f = json.readValue(failed.get(0).value(), StageFailed.class);
            assertThat(f.retryable()).isFalse();
            assertThat(f.reason()).contains(id.equals(trio) ? "format 'trio'; it is solo or duo" : "duo episode but names 1 host");
            assertThat(item(id)).isEmpty();
            assertThat(published.forKey(id)).isEmpty();
        }
    }

    @Test
    void aWrongByteSizeFailsTheStageAndPublishesNothing() throws Exception {
        String id = newId();
        byte[] mp3 = TestMp3.sine(1, 440);
        AudioReady honest = data.production(id, 1, mp3, TestData.paper(id, "Mismatch", List.of("A. Author")));
        AudioReady wrong = new AudioReady(id, 1, 1, honest.paper(), honest.episodeTitle(), honest.description(),
                honest.audioKey(), honest.durationMs(), mp3.length + 1, "audio/mpeg", honest.chaptersKey(),
                honest.transcriptKey(), "test", Instant.now());
        producers.send(wrong);

        List<TopicWatcher.Seen> failed = await().atMost(Duration.ofSeconds(30))
                .until(() -> failures.forKey(id), l -> !l.isEmpty());
        StageFailed f = json.readValue(failed.get(0).value(), StageFailed.class);
        assertThat(f.failedStage()).isEqualTo(Stage.PUBLISH);
        assertThat(f.retryable()).isFalse();
        assertThat(f.reason()).contains(mp3.length + " bytes").contains("says " + (mp3.length + 1));
        assertThat(item(id)).isEmpty();
        assertThat(published.forKey(id)).isEmpty();
    }

    @Test
    void anOperatorRetryRepublishesFromTheRecordedInput() throws Exception {
        String id = newId();
        byte[] mp3 = TestMp3.sine(1, 550);
        AudioReady evt = data.production(id, 1, mp3, TestData.paper(id, "Late audio", List.of("A. Author")));
        data.deleteAudio(evt);
        producers.send(evt);
        List<TopicWatcher.Seen> failed = await().atMost(Duration.ofSeconds(30))
                .until(() -> failures.forKey(id), l -> !l.isEmpty());
        assertThat(json.readValue(failed.get(0).value(), StageFailed.class).reason()).contains("not in the object store");
        assertThat(item(id)).isEmpty();

        data.putAudio(evt, mp3); // the operator fixed the store, then retries the stage
        producers.send(new RetryRequested(id, 1, 1, Stage.PUBLISH, 2, Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> item(id), Optional::isPresent);
        List<TopicWatcher.Seen> events = await().atMost(Duration.ofSeconds(30))
                .until(() -> published.forKey(id), l -> !l.isEmpty());
        assertThat(events).hasSize(1);
    }
}
