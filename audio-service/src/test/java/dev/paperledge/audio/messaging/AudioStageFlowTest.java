package dev.paperledge.audio.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.paperledge.audio.mix.Mp3Decoder;
import dev.paperledge.audio.speech.Pcm;
import dev.paperledge.audio.support.JsonTranscripts;
import dev.paperledge.contracts.AudioReady;
import dev.paperledge.contracts.CloudEvents;
import dev.paperledge.contracts.EpisodeScript;
import dev.paperledge.contracts.EpisodeScript.Kind;
import dev.paperledge.contracts.EpisodeScript.Section;
import dev.paperledge.contracts.ObjectKeys;
import dev.paperledge.contracts.RetryRequested;
import dev.paperledge.contracts.ScriptReady;
import dev.paperledge.contracts.Stage;
import dev.paperledge.contracts.StageFailed;
import dev.paperledge.contracts.Topics;
import io.minio.GetObjectArgs;
import io.minio.StatObjectArgs;
import io.quarkus.test.junit.QuarkusTest;

/** The stage end to end on the real test broker, object store and database, with real MaryTTS. */
@QuarkusTest
@io.quarkus.test.common.QuarkusTestResource(AudioTestTopics.class)
class AudioStageFlowTest extends StageTestBase {

    @Test
    void aScriptBecomesOneEpisodeWhoseStoredSizeIsTheEventsByteSizeEvenWhenDeliveredTwice() throws Exception {
        String id = newId();
        EpisodeScript script = new EpisodeScript(id, 1, "Machine Learning - A Tiny Paper", "A tiny episode.", List.of(
                new Section(Kind.HOOK, "Introduction", "Hey PaperLedge learning crew, Ernis here. The authors show "
                        + "that a small model can learn quickly.", List.of(new EpisodeScript.Provenance(
                                "The authors show that a small model can learn quickly.", "Results", "S4", 0,
                                "A 7B model reaches 92.1% after one epoch."))),
                new Section(Kind.SIGN_OFF, "Sign-off", "Thanks for listening, see you soon.")), "test");
        ScriptReady evt = publishScript(id, script);

        List<AudioReady> ready = collect(Topics.AUDIO_READY, id, this::audioReady, Duration.ofSeconds(120), 1);
        assertThat(ready).hasSize(1);
        AudioReady a = ready.get(0);
        assertThat(a.audioKey()).isEqualTo(ObjectKeys.audio(id, 1, 1, "episode.mp3"));
        assertThat(a.chaptersKey()).isEqualTo(ObjectKeys.audio(id, 1, 1, "chapters.json"));
        assertThat(a.transcriptKey()).isEqualTo(ObjectKeys.audio(id, 1, 1, "transcript.vtt"));
        assertThat(a.mimeType()).isEqualTo("audio/mpeg");
        assertThat(a.speechEngine()).as("the default engine").isEqualTo("flite:rms");
        assertThat(a.episodeTitle()).isEqualTo("Machine Learning - A Tiny Paper");
        assertThat(a.paper().authors()).containsExactly("Ada Lovelace", "Alan Turing");
        assertThat(a.format()).isEqualTo("solo");
        assertThat(a.hosts()).containsExactly(new EpisodeScript.Host("Ernis", EpisodeScript.Host.HOST));

        long stored = minio.statObject(StatObjectArgs.builder().bucket("paperledge").object(a.audioKey()).build()).size();
        assertThat(stored).isEqualTo(a.byteSize());
        byte[] mp3;
        try (var in = minio.getObject(GetObjectArgs.builder().bucket("paperledge").object(a.audioKey()).build())) {
            mp3 = in.readAllBytes();
        }
        Pcm decoded = Mp3Decoder.decode(mp3);
        assertThat(decoded.seconds() * 1000).isCloseTo((double) a.durationMs(), within(a.durationMs() * 0.05));
        String vtt = read(a.transcriptKey());
        assertThat(vtt).startsWith("WEBVTT").contains("Ernis here.");

        // The Podcasting 2.0 JSON transcript: beside the VTT, cue for cue, the sourced line linked to its passage.
        assertThat(a.jsonTranscriptKey()).isEqualTo(ObjectKeys.audio(id, 1, 1, "transcript.json"));
        assertThat(minio.statObject(StatObjectArgs.builder().bucket("paperledge").object(a.jsonTranscriptKey()).build())
                .contentType()).isEqualTo("application/json");
        JsonNode segments = JsonTranscripts.assertValidAndInStepWith(read(a.jsonTranscriptKey()), vtt);
        assertThat(segments).hasSize(3);
        assertThat(segments.get(0).has("source")).isFalse();
        assertThat(segments.get(1).path("body").asText()).isEqualTo("The authors show that a small model can learn quickly.");
        assertThat(segments.get(1).path("source").path("text").asText()).isEqualTo("A 7B model reaches 92.1% after one epoch.");
        assertThat(segments.get(1).path("source").path("url").asText()).isEqualTo("https://arxiv.org/html/" + id + "v1#S4");
        assertThat(segments.get(2).has("source")).isFalse();
        assertThat(json.readTree(read(a.chaptersKey())).path("chapters")).extracting(c -> c.path("url").asText())
                .containsExactly("https://arxiv.org/html/" + id + "v1#S4", "https://arxiv.org/abs/" + id + "v1");

        given().get("/api/audio/" + id).then().statusCode(200)
                .body(containsString("\"jsonTranscriptKey\":\"" + a.jsonTranscriptKey() + "\""))
                .body(containsString("\"byteSize\":" + a.byteSize()))
                .body(containsString("\"qualityKey\":\"" + a.qualityKey() + "\""))
                .body(containsString("\"listening\":{\"recognizer\":\"pocketsphinx:en-us\",\"passed\":true"));

        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("paperledge_audio_check_sections_total{verdict=\""));

        // The listening check heard every section before audio.ready went out, and says so.
        assertThat(a.qualityKey()).isEqualTo(ObjectKeys.audio(id, 1, 1, "quality.json"));
        assertThat(a.listening().passed()).isTrue();
        assertThat(a.listening().sections()).extracting(AudioReady.SectionCheck::title)
                .containsExactly("Introduction", "Sign-off");
        assertThat(a.listening().sections()).extracting(AudioReady.SectionCheck::verdict)
                .allMatch(v -> v.equals("green") || v.equals("amber"));
        try (var in = minio.getObject(GetObjectArgs.builder().bucket("paperledge").object(a.qualityKey()).build())) {
            var quality = json.readTree(in.readAllBytes());
            assertThat(quality.path("passed").asBoolean()).isTrue();
            assertThat(quality.path("sections")).hasSize(2);
            assertThat(quality.path("sections").get(0).path("heard").asText()).isNotBlank();
        }

        // The same event again (a redelivery): dropped, no second AudioReady.
        Map<TopicPartition, Long> ends = endOffsetsAfter(AudioTestTopics.SCRIPTS, () -> scripts.sendMessageAndAwait(
                CloudEvents.message(evt, "script-service")));
        awaitCommitted("audio-service", ends);
        assertThat(collect(Topics.AUDIO_READY, id, this::audioReady, Duration.ofSeconds(3), 1)).isEmpty();
    }

    @Test
    void aDuoScriptIsSpokenInTwoVoicesCheckedAndAnnouncedWithBothHosts() throws Exception {
        String id = newId();
        List<EpisodeScript.Line> hook = List.of(
                new EpisodeScript.Line("Ernis", "Hey PaperLedge learning crew, Ernis here, and I've got Sam with me today."),
                new EpisodeScript.Line("Sam", "Hi everyone, great to be here. So what did they find?"),
                new EpisodeScript.Line("Ernis", "A small model can learn a new task quickly."));
        List<EpisodeScript.Line> bye = List.of(new EpisodeScript.Line("Ernis", "That's all for today. Keep learning!"),
                new EpisodeScript.Line("Sam", "Thanks for listening, everyone!"));
        EpisodeScript script = new EpisodeScript(id, 1, "Machine Learning - A Tiny Duo", "Ernis and Sam unpack it.", List.of(
                new Section(Kind.HOOK, "Introduction", String.join(" ", hook.stream().map(EpisodeScript.Line::text).toList()),
                        List.of(), hook),
                new Section(Kind.SIGN_OFF, "Sign-off", String.join(" ", bye.stream().map(EpisodeScript.Line::text).toList()),
                        List.of(), bye)),
                "test", EpisodeScript.DUO, List.of(new EpisodeScript.Host("Ernis", EpisodeScript.Host.HOST),
                        new EpisodeScript.Host("Sam", EpisodeScript.Host.COHOST)));
        publishScript(id, script);
        List<AudioReady> ready = collect(Topics.AUDIO_READY, id, this::audioReady, Duration.ofSeconds(120), 1);
        assertThat(ready).hasSize(1);
        AudioReady a = ready.get(0);
        assertThat(a.format()).isEqualTo("duo");
        assertThat(a.hosts()).extracting(EpisodeScript.Host::name).containsExactly("Ernis", "Sam");
        assertThat(a.listening().passed()).as("both voices heard by the listening check").isTrue();
        assertThat(read(a.transcriptKey())).contains("<v Ernis>Hey PaperLedge learning crew").contains("<v Sam>Hi everyone");
        JsonNode segments = json.readTree(read(a.jsonTranscriptKey())).path("segments");
        assertThat(segments.findValuesAsText("speaker")).contains("Ernis", "Sam");
        // quality.json judges each speaker by the voice that spoke them: the co-host's own, with the check on.
        JsonNode speakers = json.readTree(read(a.qualityKey())).path("speakers");
        assertThat(speakers.findValuesAsText("speaker")).containsExactly("Ernis", "Sam");
        assertThat(speakers.findValuesAsText("engine")).containsExactly("flite:rms", "flite:slt");
        assertThat(speakers.findValuesAsText("verdict")).doesNotContain("red");
    }

    @Test
    void anEventNamingAnotherPapersScriptFailsTheStageWithoutReadingIt() throws Exception {
        String other = newId();
        ScriptReady honest = publishScript(other, new EpisodeScript(other, 1, "t", "d", List.of(
                new Section(Kind.HOOK, "Introduction", "Hey PaperLedge learning crew, Ernis here.")), "test"));
        collect(Topics.AUDIO_READY, other, this::audioReady, Duration.ofSeconds(120), 1);
        String id = newId();
        ScriptReady forged = new ScriptReady(id, 1, 1, honest.paper(), "t", "d", honest.scriptKey(), honest.markdownKey(),
                honest.wordCount(), "test", Instant.now());
        scripts.sendMessageAndAwait(CloudEvents.message(forged, "script-service"));
        List<StageFailed> failed = collect(Topics.PIPELINE_FAILURES, id, this::stageFailed, Duration.ofSeconds(60), 1);
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).retryable()).isFalse();
        assertThat(failed.get(0).reason()).contains("outside the paper's own scripts/" + id + "/v1/r1/");
        assertThat(collect(Topics.AUDIO_READY, id, this::audioReady, Duration.ofSeconds(1), 1)).isEmpty();
    }

    @Test
    void aScriptWithNothingSpeakableFailsTheStageAndARetryFailsAgainWithItsAttempt() throws Exception {
        String id = newId();
        EpisodeScript script = new EpisodeScript(id, 1, "t", "d", List.of(
                new Section(Kind.HOOK, "Introduction", "*** ||| ^^^ ___")), "test");
        publishScript(id, script);
        List<StageFailed> failed = collect(Topics.PIPELINE_FAILURES, id, this::stageFailed, Duration.ofSeconds(60), 1);
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).failedStage()).isEqualTo(Stage.AUDIO);
        assertThat(failed.get(0).retryable()).isFalse();
        assertThat(failed.get(0).attempt()).isEqualTo(1);
        assertThat(failed.get(0).reason()).contains("section 'Introduction' has no words");

        requestRetry(new RetryRequested(id, 1, 1, Stage.AUDIO, 2, Instant.now()));
        List<StageFailed> again = collect(Topics.PIPELINE_FAILURES, id, this::stageFailed, Duration.ofSeconds(60), 1);
        assertThat(again).hasSize(1);
        assertThat(again.get(0).attempt()).isEqualTo(2);
        assertThat(collect(Topics.AUDIO_READY, id, this::audioReady, Duration.ofSeconds(1), 1)).isEmpty();
    }

    String read(String key) throws Exception {
        try (var in = minio.getObject(GetObjectArgs.builder().bucket("paperledge").object(key).build())) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
