package dev.paperledge.publish.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.paperledge.contracts.AudioReady;
import dev.paperledge.contracts.EpisodePublished;
import dev.paperledge.contracts.EpisodeScript;
import dev.paperledge.contracts.ObjectKeys;
import dev.paperledge.contracts.PaperSummary;
import dev.paperledge.contracts.PipelineEvent;
import dev.paperledge.contracts.RetryRequested;
import dev.paperledge.contracts.Stage;
import dev.paperledge.contracts.StageFailed;
import dev.paperledge.publish.domain.Episode;
import dev.paperledge.publish.feed.ShowSettings;
import dev.paperledge.publish.messaging.EventPublisher;
import dev.paperledge.publish.websub.WebSubNotifier;
import dev.paperledge.stage.runner.Production;
import dev.paperledge.stage.testing.InMemoryObjectStore;
import dev.paperledge.stage.testing.StageHarness;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.reactive.messaging.MutinyEmitter;

/**
 * Every way the publish stage's handler can end, in memory (no Quarkus, Kafka, S3 or PostgreSQL):
 * the stage kit's runner ({@link StageHarness}) over {@link PublishStage}, with the object store, the
 * catalogue, the outgoing events and the WebSub hub as stand-ins. What is sent, acknowledged,
 * dead-lettered, recorded and counted. The same paths on the real infrastructure: PublishFlowTest,
 * StageFailureTest, FeedAfterCommitTest.
 */
class PublishStageHandlerTest {
    static final ObjectMapper JSON = StageHarness.json();
    static final String ID = "2401.00042";
    static final byte[] MP3 = "ID3 not really an mp3, but 44 bytes of it...".getBytes(StandardCharsets.US_ASCII);
    static final List<EpisodeScript.Host> SOLO = List.of(new EpisodeScript.Host("Ernis", EpisodeScript.Host.HOST));
    static final List<EpisodeScript.Host> DUO = List.of(new EpisodeScript.Host("Ernis", EpisodeScript.Host.HOST),
            new EpisodeScript.Host("Sam", EpisodeScript.Host.COHOST));

    /** The episodes and the feed in memory: the stage's view of them, as {@link StoredCatalogue} gives it. */
    static final class InMemoryCatalogue implements Catalogue {
        final Map<String, Episode> episodes = new LinkedHashMap<>();
        int revisions;
        /** The next calls to {@link #record} fail as an unreachable PostgreSQL does (SQL state 08006). */
        int databaseDown;
        RuntimeException recordFails;
        RuntimeException feedUrlsFail;

        @Override
        public boolean record(AudioReady p) {
            if (databaseDown > 0) {
                databaseDown--;
                throw new IllegalStateException("database call failed", new SQLException("Connection refused", "08006"));
            }
            if (recordFails != null) {
                throw recordFails;
            }
            Episode e = episodes.get(p.arxivId());
            if (e != null && (e.version > p.version() || e.version == p.version() && e.run > p.run())) {
                return false;
            }
            if (e == null) {
                e = new Episode();
                e.arxivId = p.arxivId();
                e.guid = EpisodeService.guidFor(p.arxivId());
                e.slug = EpisodeService.slugFor(p.arxivId());
                e.episodeNumber = episodes.size() + 1;
                episodes.put(p.arxivId(), e);
            } else if (e.version == p.version() && e.run == p.run()) {
                return true; // the same production again: nothing changes
            }
            e.version = p.version();
            e.run = p.run();
            e.primaryCategory = p.paper() == null ? null : p.paper().primaryCategory();
            e.updatedAt = Instant.now();
            e.feedRevision = null;
            return true;
        }

        @Override
        public Episode rebuildFeed(String arxivId) {
            if (episodes.values().stream().anyMatch(e -> e.feedRevision == null)) {
                String revision = "revision-" + ++revisions;
                episodes.values().stream().filter(e -> e.feedRevision == null).forEach(e -> e.feedRevision = revision);
            }
            return episodes.get(arxivId);
        }

        @Override
        public List<String> feedUrlsFor(Episode episode) {
            if (feedUrlsFail != null) {
                throw feedUrlsFail;
            }
            return List.of(SHOW.feedUrl(), SHOW.categoryFeedUrl(episode.primaryCategory));
        }
    }

    /** The service's events, kept instead of sent; the broker refuses EpisodePublished while {@link #refuse} is set. */
    static final class SentEvents extends EventPublisher {
        final List<PipelineEvent> sent = new ArrayList<>();
        boolean refuse;

        SentEvents() {
            super(null, null);
        }

        @Override
        protected <T extends PipelineEvent> void deliver(MutinyEmitter<T> emitter, T event) {
            if (refuse) {
                throw new TimeoutException("Expiring 1 record(s) for episodes.published-0:120000 ms has passed");
            }
            sent.add(event);
        }

        List<EpisodePublished> published() {
            return sent.stream().filter(EpisodePublished.class::isInstance).map(EpisodePublished.class::cast).toList();
        }
    }

    /** The WebSub notifier with the hub's pings kept (or failing to start while {@link #fails} is set). */
    static final class Hub extends WebSubNotifier {
        final List<String> told = new ArrayList<>();
        boolean fails;

        Hub(ShowSettings show, SimpleMeterRegistry metrics) {
            super(show, null, metrics);
        }

        @Override
        public void changed(Collection<String> feedUrls) {
            if (fails) {
                throw new IllegalStateException("no thread for the ping");
            }
            told.addAll(feedUrls);
        }
    }

    static final ShowSettings SHOW = new ShowSettings("PaperLedge", "A show", "PaperLedge", "PaperLedge",
            "podcast@paperledge.example", "Ernis", "en", "Science", null, false, true, "http://localhost:8080", null,
            "http://hub.example/websub");

    final InMemoryObjectStore store = new InMemoryObjectStore();
    final InMemoryCatalogue catalogue = new InMemoryCatalogue();
    final SentEvents events = new SentEvents();
    final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    final Hub hub = new Hub(SHOW, metrics);
    final PublishStage stage = new PublishStage(store, catalogue, SHOW, events, hub, metrics);
    final StageHarness<AudioReady> harness = new StageHarness<>(stage, JSON);

    static PaperSummary paper(String id) {
        return new PaperSummary("Sine waves", List.of("A. Author"), "We study sine waves.", "cs.CL",
                "Computation and Language", LocalDate.of(2025, 3, 16), "https://arxiv.org/abs/" + id);
    }

    /** A production as the audio stage makes it: MP3, WebVTT and chapters in the store. */
    AudioReady production(String id, int run) {
        String audio = ObjectKeys.audio(id, 1, run, "episode.mp3");
        String vtt = ObjectKeys.audio(id, 1, run, "transcript.vtt");
        String chapters = ObjectKeys.audio(id, 1, run, "chapters.json");
        store.put(audio, MP3, "audio/mpeg", Map.of());
        store.put(vtt, "WEBVTT\n".getBytes(StandardCharsets.UTF_8), "text/vtt", Map.of());
        store.put(chapters, "{}".getBytes(StandardCharsets.UTF_8), "application/json+chapters", Map.of());
        return new AudioReady(id, 1, run, paper(id), "Computation and Language - Sine waves", "A summary.", audio, 3000,
                MP3.length, "audio/mpeg", chapters, vtt, "test", Instant.parse("2026-11-30T10:00:00Z"), null, null, null,
                "solo", SOLO);
    }

    AudioReady production() {
        return production(ID, 1);
    }

    /** The production with some fields changed (fields in the record's order). */
    static AudioReady with(AudioReady a, UnaryOperator<Object[]> change) {
        Object[] f = { a.arxivId(), a.version(), a.run(), a.paper(), a.episodeTitle(), a.description(), a.audioKey(),
                a.durationMs(), a.byteSize(), a.mimeType(), a.chaptersKey(), a.transcriptKey(), a.speechEngine(),
                a.voicedAt(), a.qualityKey(), a.listening(), a.jsonTranscriptKey(), a.format(), a.hosts() };
        f = change.apply(f);
        @SuppressWarnings("unchecked")
        List<EpisodeScript.Host> hosts = (List<EpisodeScript.Host>) f[18];
        return new AudioReady((String) f[0], (int) f[1], (int) f[2], (PaperSummary) f[3], (String) f[4], (String) f[5],
                (String) f[6], (long) f[7], (long) f[8], (String) f[9], (String) f[10], (String) f[11], (String) f[12],
                (Instant) f[13], (String) f[14], (AudioReady.Listening) f[15], (String) f[16], (String) f[17], hosts);
    }

    static UnaryOperator<Object[]> set(int field, Object value) {
        return f -> {
            f[field] = value;
            return f;
        };
    }

    static UnaryOperator<Object[]> set(int field, Object value, int field2, Object value2) {
        return f -> set(field2, value2).apply(set(field, value).apply(f));
    }

    // field numbers in AudioReady
    static final int ID_F = 0, PAPER = 3, TITLE = 4, AUDIO = 6, SIZE = 8, TYPE = 9, CHAPTERS = 10, VTT = 11,
            QUALITY = 14, JSON_VTT = 16, FORMAT = 17, HOSTS = 18;

    static RetryRequested retry(String id, int run, int attempt) {
        return new RetryRequested(id, 1, run, Stage.PUBLISH, attempt, Instant.now());
    }

    @Test
    void anAudioReadyIsRecordedPublishedAnnouncedAndCounted() {
        AudioReady in = production();
        assertThat(harness.deliver(in)).isTrue();

        assertThat(events.published()).singleElement().satisfies(p -> {
            assertThat(p.arxivId()).isEqualTo(ID);
            assertThat(p.episodeGuid()).isEqualTo("paperledge:arxiv:" + ID);
            assertThat(p.episodeUrl()).isEqualTo("http://localhost:8080/episodes/" + ID);
            assertThat(p.feedRevision()).isEqualTo("revision-1");
            assertThat(p.eventId()).isEqualTo(new EpisodePublished(ID, 1, 1, null, null, null, null).eventId());
        });
        assertThat(hub.told).containsExactly("http://localhost:8080/feed.xml",
                "http://localhost:8080/feeds/categories/cs.CL.xml");
        assertThat(harness.failures()).isEmpty();
        assertThat(harness.records().processed()).containsExactly(in.eventId());
        assertThat(harness.records().inputs()).containsKey(new Production(ID, 1, 1));
        assertThat(harness.outcomes("success", "none")).isEqualTo(1);
    }

    static Stream<Arguments> badInput() {
        String own = "audio/" + ID + "/v1/r1/";
        return Stream.of(
                Arguments.of("an id no key can carry", set(ID_F, "../etc"), "bad-id", "not a usable arXiv id: ../etc"),
                Arguments.of("neither title nor paper", set(PAPER, null, TITLE, " "), "no-title",
                        "AudioReady for " + ID + " carries neither a title nor the paper"),
                Arguments.of("no audio key", set(AUDIO, ""), "no-audio", "AudioReady for " + ID + " names no audio object"),
                Arguments.of("not audio", set(TYPE, "text/html"), "not-audio",
                        "audio of " + ID + " has type text/html, not audio"),
                Arguments.of("no length", set(SIZE, 0L), "no-length",
                        "AudioReady for " + ID + " says the MP3 has 0 bytes; an enclosure needs its real length"),
                Arguments.of("negative length", set(SIZE, -5L), "no-length", "says the MP3 has -5 bytes"),
                Arguments.of("unknown format", set(FORMAT, "trio"), "unknown-format",
                        "AudioReady for " + ID + " has format 'trio'; it is solo or duo"),
                Arguments.of("a host without a name", set(HOSTS, List.of(new EpisodeScript.Host(" ", "host"))),
                        "bad-hosts", "AudioReady for " + ID + " names a host without a name"),
                Arguments.of("a duo with one host", set(FORMAT, "duo"), "bad-hosts", "AudioReady for " + ID
                        + " is a duo episode but names 1 host(s); the feed and the page credit both speakers"),
                Arguments.of("another paper's transcript", set(VTT, "audio/2401.09999/v1/r1/transcript.vtt"),
                        "foreign-object", "object audio/2401.09999/v1/r1/transcript.vtt named by AudioReady is not one of "
                                + ID + "'s own (under audio/" + ID + "/)"),
                Arguments.of("a key climbing out of the paper's prefix", set(AUDIO, own + "../../2401.09999/v1/r1/episode.mp3"),
                        "foreign-object", "is not one of " + ID + "'s own"),
                Arguments.of("the feed as quality report", set(QUALITY, ObjectKeys.feed("feed.xml")), "foreign-object",
                        "object feed/feed.xml named by AudioReady is not one of " + ID + "'s own"),
                Arguments.of("audio object missing", set(AUDIO, own + "missing.mp3"), "audio-missing",
                        "audio object " + own + "missing.mp3 is not in the object store: re-run the audio stage"),
                Arguments.of("size mismatch", set(SIZE, (long) MP3.length + 1), "size-mismatch",
                        "audio object " + own + "episode.mp3 has " + MP3.length + " bytes but AudioReady says "
                                + (MP3.length + 1) + ": the enclosure length would be wrong; re-run the audio stage"),
                Arguments.of("transcript missing", set(VTT, own + "gone.vtt"), "object-missing",
                        "object " + own + "gone.vtt named by AudioReady is not in the object store"),
                Arguments.of("chapters missing", set(CHAPTERS, own + "gone.json"), "object-missing",
                        "object " + own + "gone.json named by AudioReady is not in the object store"),
                Arguments.of("JSON transcript missing", set(JSON_VTT, own + "transcript.json"), "object-missing",
                        "object " + own + "transcript.json named by AudioReady is not in the object store"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void badInputFailsForGoodPublishesNothingAndIsCountedByItsCode(String what, UnaryOperator<Object[]> change,
            String code, String reason) {
        AudioReady in = with(production(), change);
        assertThat(harness.deliver(in)).as("acknowledged: retrying the same input cannot help").isTrue();
        assertThat(harness.failures()).singleElement().satisfies(f -> {
            assertThat(f.failedStage()).isEqualTo(Stage.PUBLISH);
            assertThat(f.retryable()).isFalse();
            assertThat(f.attempt()).isEqualTo(1);
            assertThat(f.reason()).contains(reason);
        });
        assertThat(harness.outcomes("failure", code)).isEqualTo(1);
        assertThat(harness.records().processed()).containsExactly(in.eventId());
        assertThat(harness.deadLettered()).isEmpty();
        assertThat(catalogue.episodes).isEmpty();
        assertThat(events.sent).isEmpty();
        assertThat(hub.told).isEmpty();
    }

    @Test
    void anEmptyAudioObjectFailsForGood() {
        AudioReady in = production();
        store.put(in.audioKey(), new byte[0], "audio/mpeg", Map.of());
        harness.deliver(in);
        assertThat(harness.failures()).singleElement().extracting(StageFailed::reason)
                .isEqualTo("audio object " + in.audioKey() + " is empty: re-run the audio stage");
        assertThat(harness.outcomes("failure", "audio-empty")).isEqualTo(1);
        assertThat(events.sent).isEmpty();
    }

    @Test
    void aDuoWithBothHostsAndAnOldEventWithNoFormatPublish() {
        harness.deliver(with(production(ID, 1), set(FORMAT, "duo", HOSTS, DUO)));
        harness.deliver(with(production("2401.00043", 1), set(FORMAT, null, HOSTS, null)));
        assertThat(events.published()).hasSize(2);
        assertThat(harness.failures()).isEmpty();
    }

    @Test
    void anOlderProductionIsHeldAsStaleAndAnnouncesNothing() {
        harness.deliver(production(ID, 2));
        AudioReady older = production(ID, 1);
        assertThat(harness.deliver(older)).isTrue();
        assertThat(events.published()).extracting(EpisodePublished::run).containsExactly(2);
        assertThat(catalogue.episodes.get(ID).run).isEqualTo(2);
        assertThat(harness.failures()).isEmpty();
        assertThat(harness.records().processed()).contains(older.eventId());
        assertThat(harness.outcomes("stale", "older production")).isEqualTo(1);
    }

    @Test
    void anUnreachableObjectStoreIsRetryableTheRecordDeadLetteredAndARetryPublishes() {
        AudioReady in = production();
        store.down(true);
        assertThat(harness.deliver(in)).isFalse();
        assertThat(harness.deadLettered()).containsExactly(in);
        assertThat(harness.failures()).singleElement().satisfies(f -> {
            assertThat(f.retryable()).isTrue();
            assertThat(f.reason()).startsWith("the publish stage could not reach the object store")
                    .doesNotContain("down");
        });
        assertThat(harness.outcomes("failure", "object-store")).isEqualTo(1);
        assertThat(harness.records().processed()).isEmpty();
        assertThat(catalogue.episodes).isEmpty();

        store.down(false);
        harness.retry(retry(ID, 1, 2));
        assertThat(events.published()).hasSize(1);
        assertThat(harness.failures()).hasSize(1);
    }

    @Test
    void anEpisodePublishedTheBrokerRefusesIsOneRetryableFailureAndARetryAnnouncesTheSameEpisode() {
        AudioReady in = production();
        events.refuse = true;
        assertThat(harness.deliver(in)).isFalse();
        assertThat(harness.failures()).singleElement().satisfies(f -> {
            assertThat(f.retryable()).isTrue();
            assertThat(f.reason()).isEqualTo(
                    "the publish stage finished but Kafka did not take its episodes.published event; retry the paper");
        });
        assertThat(harness.outcomes("failure", "unexpected")).isEqualTo(1);
        assertThat(harness.deadLettered()).containsExactly(in);
        assertThat(catalogue.episodes).containsKey(ID); // recorded: the retry redoes it as it is
        assertThat(hub.told).as("nothing announced before the event went out").isEmpty();

        events.refuse = false;
        harness.retry(retry(ID, 1, 2));
        assertThat(events.published()).singleElement().satisfies(p -> assertThat(p.feedRevision()).isEqualTo("revision-1"));
        assertThat(harness.failures()).hasSize(1);
        assertThat(harness.records().processed()).contains(in.eventId());
    }

    @Test
    void aWebSubProblemNeverFailsPublishing() {
        catalogue.feedUrlsFail = new IllegalStateException("topic rules unreadable");
        harness.deliver(production(ID, 1));
        catalogue.feedUrlsFail = null;
        hub.fails = true;
        harness.deliver(production("2401.00043", 1));
        assertThat(events.published()).hasSize(2);
        assertThat(harness.failures()).isEmpty();
        assertThat(harness.outcomes("success", "none")).isEqualTo(2);
        assertThat(metrics.counter("paperledge.websub.pings", "outcome", "failure").count()).isEqualTo(2);
    }

    @Test
    void withoutAHubNothingIsPinged() {
        ShowSettings noHub = new ShowSettings("PaperLedge", "A show", "PaperLedge", "PaperLedge",
                "podcast@paperledge.example", "Ernis", "en", "Science", null, false, true, "http://localhost:8080");
        Hub none = new Hub(noHub, metrics);
        StageHarness<AudioReady> h = new StageHarness<>(new PublishStage(store, catalogue, SHOW, events, none, metrics), JSON);
        assertThat(h.deliver(production())).isTrue();
        assertThat(none.told).isEmpty();
        assertThat(events.published()).hasSize(1);
    }

    @Test
    void aRedeliveryIsDroppedAndCounted() {
        AudioReady in = production();
        harness.deliver(in);
        assertThat(harness.deliver(in)).isTrue();
        assertThat(events.published()).hasSize(1);
        assertThat(hub.told).hasSize(2);
        assertThat(harness.outcomes("duplicate", "redelivery")).isEqualTo(1);
    }

    @Test
    void aRetryRerunsFromTheRecordedInputOnceTheAudioIsThere() {
        AudioReady in = production();
        store.remove(in.audioKey());
        harness.deliver(in);
        assertThat(harness.failures()).singleElement().satisfies(f -> {
            assertThat(f.retryable()).isFalse();
            assertThat(f.reason()).contains("is not in the object store");
        });

        store.put(in.audioKey(), MP3, "audio/mpeg", Map.of()); // the operator fixed the store, then retries
        RetryRequested r = retry(ID, 1, 2);
        harness.retry(r);
        assertThat(events.published()).singleElement().extracting(EpisodePublished::run).isEqualTo(1);
        assertThat(harness.failures()).hasSize(1);
        assertThat(harness.records().processed()).contains(in.eventId(), r.eventId());

        harness.retry(r); // the retry redelivered
        assertThat(events.published()).hasSize(1);
    }

    @Test
    void aRetryWithNothingToRerunSaysToRetryTheAudioStage() {
        harness.retry(retry(ID, 1, 2));
        assertThat(harness.failures()).singleElement().satisfies(f -> {
            assertThat(f.retryable()).isFalse();
            assertThat(f.attempt()).isEqualTo(2);
            assertThat(f.reason()).isEqualTo("retry requested but the publish stage never received " + ID
                    + " v1 r1; retry the audio stage instead");
        });
        assertThat(events.sent).isEmpty();
    }

    @Test
    void aDatabaseBlipIsWaitedOutAndOneThatStaysAwayIsReportedOnce() {
        catalogue.databaseDown = StageHarness.DATABASE_ATTEMPTS - 1;
        assertThat(harness.deliver(production(ID, 1))).isTrue();
        assertThat(events.published()).hasSize(1);
        assertThat(harness.failures()).isEmpty();

        catalogue.databaseDown = 100;
        AudioReady away = production("2401.00043", 1);
        assertThat(harness.deliver(away)).isFalse();
        assertThat(harness.failures()).singleElement().satisfies(f -> {
            assertThat(f.retryable()).isTrue();
            assertThat(f.reason()).contains("lost its database");
        });
        assertThat(harness.deadLettered()).containsExactly(away);
    }

    @Test
    void anUnexpectedErrorIsReportedOnceRetryableWithoutItsTextAndCounted() {
        catalogue.recordFails = new NullPointerException("Cannot read field \"version\" because \"e\" is null");
        assertThat(harness.deliver(production())).isFalse();
        assertThat(harness.failures()).singleElement().satisfies(f -> {
            assertThat(f.retryable()).isTrue();
            assertThat(f.reason()).isEqualTo(
                    "the publish stage stopped on an unexpected error (the service log has the details); retry the paper");
        });
        assertThat(harness.outcomes("failure", "unexpected")).isEqualTo(1);
    }

    @Test
    void aFailureReportTheBrokerRefusesIsNotThrownAndTheRecordIsDeadLettered() {
        harness.failureReports().refuse(true);
        catalogue.recordFails = new IllegalStateException("boom");
        AudioReady in = production();
        assertThat(harness.deliver(in)).isFalse();
        assertThat(harness.deadLettered()).containsExactly(in);
        assertThat(harness.failures()).isEmpty();
    }
}
