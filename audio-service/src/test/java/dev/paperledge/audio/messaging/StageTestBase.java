package dev.paperledge.audio.messaging;

import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.paperledge.testkit.TestIds;
import dev.paperledge.contracts.AudioReady;
import dev.paperledge.contracts.CloudEvents;
import dev.paperledge.contracts.EpisodeScript;
import dev.paperledge.contracts.ObjectKeys;
import dev.paperledge.contracts.PaperSummary;
import dev.paperledge.contracts.RetryRequested;
import dev.paperledge.contracts.ScriptReady;
import dev.paperledge.contracts.StageFailed;
import dev.paperledge.contracts.Topics;
import dev.paperledge.contracts.serde.AudioReadyDeserializer;
import dev.paperledge.contracts.serde.StageFailedDeserializer;
import dev.paperledge.testkit.KafkaTestSupport;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.inject.Inject;

/**
 * What the stage's end-to-end tests share: the real test broker, object store and database; a
 * script published the way script-service publishes it; the stage's answers read from its topics.
 */
abstract class StageTestBase {
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
        return TestIds.freshIn("2401");
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
}
