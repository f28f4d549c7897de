package dev.paperledge.audio.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.paperledge.audio.check.QualityReport;
import dev.paperledge.audio.check.SectionFigures;
import dev.paperledge.audio.domain.Audio;
import dev.paperledge.audio.messaging.EventPublisher;
import dev.paperledge.audio.speech.SpeechEngine;
import dev.paperledge.audio.support.FakeEngines;
import dev.paperledge.contracts.AudioReady;
import dev.paperledge.contracts.EpisodeScript;
import dev.paperledge.contracts.EpisodeScript.Kind;
import dev.paperledge.contracts.EpisodeScript.Section;
import dev.paperledge.contracts.ObjectKeys;
import dev.paperledge.contracts.PipelineEvent;
import dev.paperledge.contracts.RetryRequested;
import dev.paperledge.contracts.ScriptReady;
import dev.paperledge.contracts.Stage;
import dev.paperledge.contracts.StageFailed;
import dev.paperledge.contracts.Topics;
import dev.paperledge.stage.testing.InMemoryObjectStore;
import dev.paperledge.stage.testing.StageHarness;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.reactive.messaging.MutinyEmitter;

/**
 * Every way the audio stage's own work can end, in memory and in a second: the real handler and the
 * kit's real runner on an in-memory object store, inbox and input log, a fast stand-in voice, and
 * events kept instead of sent. (The same paths on the real broker, S3, PostgreSQL and flite:
 * AudioStageFailureTest, AudioStageFlowTest, ListeningCheckStageTest.)
 */
class AudioStageHandlerTest {
    static final ObjectMapper JSON = StageHarness.json();

    /** The service's events, kept (or refused, as a broker that does not answer refuses them) instead of sent. */
    static final class Events extends EventPublisher {
        final List<AudioReady> sent = new ArrayList<>();
        boolean refuse;

        Events() {
            super(null, null);
        }

        @Override
        protected <T extends PipelineEvent> void deliver(MutinyEmitter<T> emitter, T event) {
            if (refuse) {
                throw new TimeoutException("Expiring 1 record(s) for audio.ready-0");
            }
            sent.add((AudioReady) event);
        }
    }

    final InMemoryObjectStore store = new InMemoryObjectStore();
    final Events events = new Events();
    final List<Audio> rows = new ArrayList<>();
    EpisodeRenderer renderer = renderer(new FakeEngines.Hum(400));
    StageHarness<ScriptReady> harness = harness();

    static EpisodeRenderer renderer(SpeechEngine engine) {
        return new EpisodeRenderer(engine, RenderSettings.defaults().withJingle(false));
    }

    StageHarness<ScriptReady> harness() {
        AudioConfig config = (AudioConfig) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { AudioConfig.class }, (proxy, method, args) -> switch (method.getName()) {
                case "album" -> "PaperLedge";
                case "speaker" -> "Ernis";
                default -> throw new UnsupportedOperationException(method.getName());
                });
        return new StageHarness<>(new AudioStage(renderer, store, events, JSON, config, new SimpleMeterRegistry(),
                rows::add), JSON);
    }

    @AfterEach
    void close() {
        renderer.close();
    }

    ScriptReady scriptReady(String id, EpisodeScript script) throws Exception {
        String key = ObjectKeys.script(id, 1, 1, "script.json");
        store.put(key, JSON.writeValueAsBytes(script), "application/json");
        return new ScriptReady(id, 1, 1, null, "A Tiny Paper", "A tiny episode.", key, null, 20, "offline",
                Instant.now(), null);
    }

    static EpisodeScript tiny(String id) {
        return new EpisodeScript(id, 1, "A Tiny Paper", "A tiny episode.", List.of(
                new Section(Kind.HOOK, "Introduction", "Hey PaperLedge learning crew, Ernis here. A small model learns."),
                new Section(Kind.SIGN_OFF, "Sign-off", "Thanks for listening, see you soon.")), "test");
    }

    StageFailed onlyFailure() {
        assertThat(harness.failures()).hasSize(1);
        StageFailed f = harness.failures().get(0);
        assertThat(f.failedStage()).isEqualTo(Stage.AUDIO);
        return f;
    }

    @Test
    void aScriptIsVoicedStoredRecordedAndAnnounced() throws Exception {
        ScriptReady in = scriptReady("2401.10001", tiny("2401.10001"));
        assertThat(harness.deliver(in)).isTrue();
        assertThat(events.sent).singleElement().satisfies(r -> {
            assertThat(r.byteSize()).isEqualTo(store.stat(r.audioKey()).orElseThrow().size());
            assertThat(r.hosts()).extracting(EpisodeScript.Host::name).containsExactly("Ernis");
            assertThat(r.episodeTitle()).isEqualTo("A Tiny Paper");
        });
        assertThat(store.get(ObjectKeys.audio("2401.10001", 1, 1, "transcript.vtt"))).isPresent();
        assertThat(rows).singleElement().satisfies(a -> assertThat(a.speechEngine).isEqualTo("hum"));
        assertThat(harness.failures()).isEmpty();
        assertThat(harness.outcomes("success", "none")).isEqualTo(1);
        assertThat(harness.deliver(in)).as("a redelivery").isTrue();
        assertThat(events.sent).hasSize(1);
    }

    @Test
    void anEventNamingNoScriptOrAnotherPapersObjectFailsForGood() {
        harness.deliver(new ScriptReady("2401.10002", 1, 1, null, "t", "d", "", null, 1, "offline", Instant.now(), null));
        harness.deliver(new ScriptReady("2401.10003", 1, 1, null, "t", "d", "scripts/2401.10009/v1/r1/script.json",
                null, 1, "offline", Instant.now(), null));
        harness.deliver(new ScriptReady("2401.10004", 1, 1, null, "t", "d",
                ObjectKeys.script("2401.10004", 1, 1, "../../x.json"), null, 1, "offline", Instant.now(), null));
        assertThat(harness.failures()).extracting(StageFailed::retryable).containsExactly(false, false, false);
        assertThat(harness.failures().get(0).reason()).isEqualTo("the ScriptReady event names no script object");
        assertThat(harness.failures().get(1).reason()).contains("outside the paper's own");
        assertThat(harness.failures().get(2).reason()).contains("outside the paper's own");
        assertThat(harness.deadLettered()).isEmpty();
        assertThat(harness.outcomes("failure", "bad-input")).isEqualTo(3);
        assertThat(events.sent).isEmpty();
    }

    @Test
    void aMissingOrUnreadableScriptFailsForGood() {
        String key = ObjectKeys.script("2401.10005", 1, 1, "script.json");
        harness.deliver(new ScriptReady("2401.10005", 1, 1, null, "t", "d", key, null, 1, "offline", Instant.now(), null));
        String bad = ObjectKeys.script("2401.10006", 1, 1, "script.json");
        store.put(bad, "{\"sections\": [".getBytes(StandardCharsets.UTF_8), "application/json");
        harness.deliver(new ScriptReady("2401.10006", 1, 1, null, "t", "d", bad, null, 1, "offline", Instant.now(), null));
        assertThat(harness.failures()).extracting(StageFailed::reason).satisfiesExactly(
                r -> assertThat(r).isEqualTo("script object " + key + " does not exist"),
                r -> assertThat(r).startsWith("script object " + bad + " is not an EpisodeScript JSON"));
        assertThat(harness.outcomes("failure", "script-missing")).isEqualTo(1);
        assertThat(harness.outcomes("failure", "bad-script")).isEqualTo(1);
    }

    @Test
    void aScriptWithNothingToSayFailsForGood() throws Exception {
        EpisodeScript empty = new EpisodeScript("2401.10007", 1, "t", "d",
                List.of(new Section(Kind.HOOK, "Introduction", "  ")), "test");
        assertThat(harness.deliver(scriptReady("2401.10007", empty))).isTrue();
        assertThat(onlyFailure().retryable()).isFalse();
        assertThat(onlyFailure().reason()).contains("has no text to speak");
        assertThat(rows).isEmpty();
    }

    @Test
    void aSpeechEngineThatIsDownIsRetryableAndTheRecordDeadLettered() throws Exception {
        renderer = renderer(new FakeEngines.Broken());
        harness = harness();
        ScriptReady in = scriptReady("2401.10008", tiny("2401.10008"));
        assertThat(harness.deliver(in)).isFalse();
        assertThat(onlyFailure().retryable()).isTrue();
        assertThat(onlyFailure().reason()).contains("speech engine broken failed");
        assertThat(harness.records().processed()).isEmpty();
        assertThat(harness.outcomes("failure", "engine-error")).isEqualTo(1);
    }

    @Test
    void aVoiceThatSaysTooLittleFailsForGood() throws Exception {
        renderer = renderer(new FakeEngines.Clipped());
        harness = harness();
        assertThat(harness.deliver(scriptReady("2401.10009", tiny("2401.10009")))).isTrue();
        assertThat(onlyFailure().retryable()).isFalse();
        assertThat(harness.outcomes("failure", "audio-too-short")).isEqualTo(1);
    }

    @Test
    void aFailedListeningCheckIsNeverPublishedButItsFiguresAreKept() throws Exception {
        SectionFigures red = new SectionFigures(0, "Introduction", 10, 9, 0.9, 0.1, 3.0, 0.3, 1.0, 200, false,
                List.of("words"), true, List.of("words"), SectionFigures.RED, "hey", List.of());
        QualityReport report = new QualityReport("pocketsphinx", "hum", 0.15, false, 0.9, 3.0, 100, 80, List.of(red),
                List.of());
        renderer = new EpisodeRenderer(new FakeEngines.Hum(400), RenderSettings.defaults().withJingle(false)) {
            @Override
            public RenderedEpisode render(EpisodeScript script, EpisodeInfo info) {
                throw new ListeningCheckFailed(report);
            }
        };
        harness = harness();
        assertThat(harness.deliver(scriptReady("2401.10010", tiny("2401.10010")))).isTrue();
        assertThat(onlyFailure().retryable()).isFalse();
        assertThat(onlyFailure().reason()).startsWith("listening check failed after a re-render").contains("Introduction");
        assertThat(store.get(ObjectKeys.audio("2401.10010", 1, 1, "quality.json"))).isPresent();
        assertThat(events.sent).isEmpty();
        assertThat(harness.outcomes("failure", "listening-check-failed")).isEqualTo(1);
    }

    @Test
    void anObjectStoreThatIsDownIsRetryableWithASentence() throws Exception {
        ScriptReady in = scriptReady("2401.10011", tiny("2401.10011"));
        store.down(true);
        assertThat(harness.deliver(in)).isFalse();
        assertThat(onlyFailure().retryable()).isTrue();
        assertThat(onlyFailure().reason()).contains("could not reach the object store");
        assertThat(harness.outcomes("failure", "object-store")).isEqualTo(1);
    }

    @Test
    void anAudioReadyKafkaDoesNotTakeFailsRetryablyAndARetryVoicesItFromTheRecordedInput() throws Exception {
        ScriptReady in = scriptReady("2401.10012", tiny("2401.10012"));
        events.refuse = true;
        assertThat(harness.deliver(in)).isFalse();
        assertThat(onlyFailure().reason()).isEqualTo("the audio stage finished but Kafka did not take its "
                + Topics.AUDIO_READY + " event; retry the paper");
        assertThat(onlyFailure().retryable()).isTrue();

        events.refuse = false;
        harness.retry(new RetryRequested("2401.10012", 1, 1, Stage.AUDIO, 2, Instant.now()));
        assertThat(events.sent).singleElement().extracting(AudioReady::arxivId).isEqualTo("2401.10012");
        assertThat(harness.failures()).hasSize(1);
        assertThat(harness.records().processed()).contains(in.eventId());
    }
}
