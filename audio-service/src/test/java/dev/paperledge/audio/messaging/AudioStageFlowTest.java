package dev.paperledge.audio.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.paperledge.audio.mix.Mp3Decoder;
import dev.paperledge.audio.speech.Pcm;
import dev.paperledge.contracts.AudioReady;
import dev.paperledge.contracts.CloudEvents;
import dev.paperledge.contracts.EpisodeScript;
import dev.paperledge.contracts.EpisodeScript.Kind;
import dev.paperledge.contracts.EpisodeScript.Section;
import dev.paperledge.contracts.ObjectKeys;
import dev.paperledge.contracts.PaperSummary;
import dev.paperledge.contracts.RetryRequested;
import dev.paperledge.contracts.ScriptReady;
import dev.paperledge.contracts.Stage;
import dev.paperledge.contracts.StageFailed;
import dev.paperledge.contracts.Topics;
import dev.paperledge.contracts.serde.AudioReadyDeserializer;
import dev.paperledge.contracts.serde.StageFailedDeserializer;
import dev.paperledge.testkit.KafkaTestSupport;
import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.StatObjectArgs;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.inject.Inject;

/** The stage end to end on the real test broker, object store and database, with real MaryTTS. */
@QuarkusTest
@io.quarkus.test.common.QuarkusTestResource(AudioTestTopics.class)
class AudioStageFlowTest {
    static final String BOOTSTRAP = "localhost:19092";

    @Inject
    MinioClient minio;
    @Inject
    ObjectMapper json;
    @Inject
    @Channel("test-scripts-out")
    MutinyEmitter<ScriptReady> scripts;
    @Inject
    @Channel("test-retries-out")
    MutinyEmitter<RetryRequested> retries;

    KafkaConsumer<String, byte[]> consumer;

    @BeforeEach
    void listen() {
        Properties p = new Properties();
        p.put("bootstrap.servers", BOOTSTRAP);
        p.put("key.deserializer", StringDeserializer.class.getName());
        p.put("value.deserializer", ByteArrayDeserializer.class.getName());
        consumer = new KafkaConsumer<>(p);
        List<TopicPartition> parts = new ArrayList<>();
        for (String topic : List.of(Topics.AUDIO_READY, Topics.PIPELINE_FAILURES)) {
            consumer.partitionsFor(topic).forEach(i -> parts.add(new TopicPartition(topic, i.partition())));
        }
        consumer.assign(parts);
        consumer.seekToEnd(parts);
        parts.forEach(consumer::position); // resolve the end offsets now, before anything is produced
        KafkaTestSupport.awaitAssignment(BOOTSTRAP, "audio-service", Duration.ofSeconds(30));
        KafkaTestSupport.awaitAssignment(BOOTSTRAP, "audio-service-retries", Duration.ofSeconds(30));
    }

    @AfterEach
    void close() {
        consumer.close();
    }

    static String newId() {
        return "2401." + (10000 + ThreadLocalRandom.current().nextInt(90000));
    }

    ScriptReady publishScript(String id, EpisodeScript script) throws Exception {
        String key = ObjectKeys.script(id, 1, 1, "script.json");
        byte[] body = json.writeValueAsBytes(script);
        minio.putObject(PutObjectArgs.builder().bucket("paperledge").object(key)
                .stream(new java.io.ByteArrayInputStream(body), body.length, -1).contentType("application/json").build());
        PaperSummary paper = new PaperSummary("A Tiny Paper", List.of("Ada Lovelace", "Alan Turing"), "Abstract.", "cs.LG",
                "Machine Learning", LocalDate.of(2024, 1, 2), "https://arxiv.org/abs/" + id);
        ScriptReady evt = new ScriptReady(id, 1, 1, paper, paper.episodeTitle(), "A tiny episode.", key,
                ObjectKeys.script(id, 1, 1, "script.md"), script.wordCount(), "test", Instant.now());
        scripts.sendMessageAndAwait(CloudEvents.message(evt, "script-service"));
        return evt;
    }

    <T> List<T> collect(String topic, String key, Function<byte[], T> decode, Duration within, int atLeast) {
        List<T> found = new ArrayList<>();
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline && found.size() < atLeast) {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(300))) {
                if (r.topic().equals(topic) && key.equals(r.key())) {
                    found.add(decode.apply(r.value()));
                }
            }
        }
        return found;
    }

    AudioReady audioReady(byte[] b) {
        try (AudioReadyDeserializer d = new AudioReadyDeserializer()) {
            return d.deserialize(Topics.AUDIO_READY, b);
        }
    }

    StageFailed stageFailed(byte[] b) {
        try (StageFailedDeserializer d = new StageFailedDeserializer()) {
            return d.deserialize(Topics.PIPELINE_FAILURES, b);
        }
    }

    @Test
    void aScriptBecomesOneEpisodeWhoseStoredSizeIsTheEventsByteSizeEvenWhenDeliveredTwice() throws Exception {
        String id = newId();
        EpisodeScript script = new EpisodeScript(id, 1, "Machine Learning - A Tiny Paper", "A tiny episode.", List.of(
                new Section(Kind.HOOK, "Introduction", "Hey PaperLedge learning crew, Ernis here."),
                new Section(Kind.SIGN_OFF, "Sign-off", "Thanks for listening, see you soon.")), "test");
        ScriptReady evt = publishScript(id, script);

        List<AudioReady> ready = collect(Topics.AUDIO_READY, id, this::audioReady, Duration.ofSeconds(120), 1);
        assertThat(ready).hasSize(1);
        AudioReady a = ready.get(0);
        assertThat(a.audioKey()).isEqualTo(ObjectKeys.audio(id, 1, 1, "episode.mp3"));
        assertThat(a.chaptersKey()).isEqualTo(ObjectKeys.audio(id, 1, 1, "chapters.json"));
        assertThat(a.transcriptKey()).isEqualTo(ObjectKeys.audio(id, 1, 1, "transcript.vtt"));
        assertThat(a.mimeType()).isEqualTo("audio/mpeg");
        assertThat(a.speechEngine()).isEqualTo("marytts:cmu-slt-hsmm");
        assertThat(a.episodeTitle()).isEqualTo("Machine Learning - A Tiny Paper");
        assertThat(a.paper().authors()).containsExactly("Ada Lovelace", "Alan Turing");

        long stored = minio.statObject(StatObjectArgs.builder().bucket("paperledge").object(a.audioKey()).build()).size();
        assertThat(stored).isEqualTo(a.byteSize());
        byte[] mp3;
        try (var in = minio.getObject(GetObjectArgs.builder().bucket("paperledge").object(a.audioKey()).build())) {
            mp3 = in.readAllBytes();
        }
        Pcm decoded = Mp3Decoder.decode(mp3);
        assertThat(decoded.seconds() * 1000).isCloseTo((double) a.durationMs(), within(a.durationMs() * 0.05));
        try (var in = minio.getObject(GetObjectArgs.builder().bucket("paperledge").object(a.transcriptKey()).build())) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).startsWith("WEBVTT").contains("Ernis here.");
        }
        given().get("/api/audio/" + id).then().statusCode(200)
                .body(containsString("\"byteSize\":" + a.byteSize()))
                .body(containsString("\"qualityKey\":\"" + a.qualityKey() + "\""))
                .body(containsString("\"listening\":{\"recognizer\":\"pocketsphinx:en-us\",\"passed\":true"));

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
        Map<TopicPartition, Long> ends = scriptsEndOffsetsAfter(() -> scripts.sendMessageAndAwait(
                CloudEvents.message(evt, "script-service")));
        awaitCommitted("audio-service", ends);
        assertThat(collect(Topics.AUDIO_READY, id, this::audioReady, Duration.ofSeconds(3), 1)).isEmpty();
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

        retries.sendMessageAndAwait(CloudEvents.message(new RetryRequested(id, 1, 1, Stage.AUDIO, 2, Instant.now()),
                "ingest-service"));
        List<StageFailed> again = collect(Topics.PIPELINE_FAILURES, id, this::stageFailed, Duration.ofSeconds(60), 1);
        assertThat(again).hasSize(1);
        assertThat(again.get(0).attempt()).isEqualTo(2);
        assertThat(collect(Topics.AUDIO_READY, id, this::audioReady, Duration.ofSeconds(1), 1)).isEmpty();
    }

    /** End offsets of the partitions that the send wrote to (the ones that grew). */
    Map<TopicPartition, Long> scriptsEndOffsetsAfter(Runnable send) throws Exception {
        Map<TopicPartition, Long> before = scriptsEndOffsets();
        send.run();
        Map<TopicPartition, Long> after = scriptsEndOffsets();
        after.entrySet().removeIf(e -> e.getValue().equals(before.get(e.getKey())));
        assertThat(after).isNotEmpty();
        return after;
    }

    Map<TopicPartition, Long> scriptsEndOffsets() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", BOOTSTRAP))) {
            Map<TopicPartition, OffsetSpec> req = new java.util.HashMap<>();
            for (int p = 0; p < consumer.partitionsFor(AudioTestTopics.SCRIPTS).size(); p++) {
                req.put(new TopicPartition(AudioTestTopics.SCRIPTS, p), OffsetSpec.latest());
            }
            Map<TopicPartition, Long> ends = new java.util.HashMap<>();
            admin.listOffsets(req).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
            return ends;
        }
    }

    /** The service has handled (and committed) everything up to these offsets. */
    void awaitCommitted(String group, Map<TopicPartition, Long> ends) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", BOOTSTRAP))) {
            Awaitility.await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(500)).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get();
                return ends.entrySet().stream().allMatch(e -> e.getValue() == 0
                        || (committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue()));
            });
        }
    }
}
