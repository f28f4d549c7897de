package dev.paperledge.audio.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
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
    /** Where the scripts consumer dead-letters (the test topic's consumer too). */
    static final String DEAD_LETTERS = Topics.deadLetter(Topics.SCRIPTS_READY);

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
        for (String topic : List.of(Topics.AUDIO_READY, Topics.PIPELINE_FAILURES, DEAD_LETTERS)) {
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
        ScriptReady evt = storeScript(id, script);
        scripts.sendMessageAndAwait(CloudEvents.message(evt, "script-service"));
        return evt;
    }

    /** The script object as script-service writes it, and the ScriptReady naming it (not sent). */
    ScriptReady storeScript(String id, EpisodeScript script) throws Exception {
        String key = ObjectKeys.script(id, 1, 1, "script.json");
        byte[] body = json.writeValueAsBytes(script);
        minio.putObject(PutObjectArgs.builder().bucket("paperledge").object(key)
                .stream(new java.io.ByteArrayInputStream(body), body.length, -1).contentType("application/json").build());
        PaperSummary paper = new PaperSummary("A Tiny Paper", List.of("Ada Lovelace", "Alan Turing"), "Abstract.", "cs.LG",
                "Machine Learning", LocalDate.of(2024, 1, 2), "https://arxiv.org/abs/" + id);
        return new ScriptReady(id, 1, 1, paper, paper.episodeTitle(), "A tiny episode.", key,
                ObjectKeys.script(id, 1, 1, "script.md"), script.wordCount(), "test", Instant.now());
    }

    void requestRetry(RetryRequested retry) {
        retries.sendMessageAndAwait(CloudEvents.message(retry, "ingest-service"));
    }

    <T> List<T> collect(String topic, String key, Function<byte[], T> decode, Duration within, int atLeast) {
        return records(topic, key, within, atLeast).stream().map(r -> decode.apply(r.value())).toList();
    }

    List<ConsumerRecord<String, byte[]>> records(String topic, String key, Duration within, int atLeast) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline && found.size() < atLeast) {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(300))) {
                if (r.topic().equals(topic) && key.equals(r.key())) {
                    found.add(r);
                }
            }
        }
        return found;
    }

    /** End offsets of the partitions of {@code topic} that the send wrote to (the ones that grew). */
    Map<TopicPartition, Long> endOffsetsAfter(String topic, Runnable send) throws Exception {
        Map<TopicPartition, Long> before = endOffsets(topic);
        send.run();
        Map<TopicPartition, Long> after = endOffsets(topic);
        after.entrySet().removeIf(e -> e.getValue().equals(before.get(e.getKey())));
        assertThat(after).isNotEmpty();
        return after;
    }

    Map<TopicPartition, Long> endOffsets(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", BOOTSTRAP))) {
            Map<TopicPartition, OffsetSpec> req = new HashMap<>();
            for (int p = 0; p < consumer.partitionsFor(topic).size(); p++) {
                req.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            Map<TopicPartition, Long> ends = new HashMap<>();
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
