package dev.paperledge.script.it;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.reactive.messaging.Channel;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.paperledge.testkit.TestIds;
import dev.paperledge.contracts.CloudEvents;
import dev.paperledge.contracts.ObjectKeys;
import dev.paperledge.contracts.PaperIngested;
import dev.paperledge.contracts.PaperSummary;
import dev.paperledge.contracts.PaperText;
import dev.paperledge.contracts.RetryRequested;
import dev.paperledge.contracts.Topics;
import dev.paperledge.stage.storage.ObjectStore;
import dev.paperledge.testkit.KafkaTestSupport;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Plays the other stages against the real test broker and bucket. */
@ApplicationScoped
public class PipelineTestSupport {
    public static final String BOOTSTRAP = "localhost:19092";

    @Inject
    @Channel("test-papers-out")
    MutinyEmitter<PaperIngested> papers;
    @Inject
    @Channel("test-retries-out")
    MutinyEmitter<RetryRequested> retries;
    @Inject
    ObjectStore store;
    @Inject
    ObjectMapper json;

    public static String uniqueId() {
        return TestIds.freshIn("2612");
    }

    public void awaitConsumerReady() {
        KafkaTestSupport.awaitAssignment(BOOTSTRAP, "script-service", Duration.ofSeconds(45));
    }

    /** Waits until the service's consumer holds a pipeline.retries partition (it starts at the end). */
    public static void awaitRetriesReady() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
            while (System.nanoTime() < deadline) {
                var group = admin.describeConsumerGroups(List.of("script-service")).describedGroups().get("script-service")
                        .get(10, TimeUnit.SECONDS);
                if (group.members().stream().flatMap(m -> m.assignment().topicPartitions().stream())
                        .anyMatch(tp -> tp.topic().equals(Topics.PIPELINE_RETRIES))) {
                    return;
                }
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("script-service got no pipeline.retries partition within 45 s");
    }

    /** The offset the service's consumer group has committed on a partition (-1: none). */
    public static long committed(TopicPartition partition) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP))) {
            OffsetAndMetadata o = admin.listConsumerGroupOffsets("script-service").partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS).get(partition);
            return o == null ? -1 : o.offset();
        }
    }

    /** Stores the text as ingest would and returns the event ingest would send. */
    public PaperIngested ingested(String id, int run, PaperSummary paper, PaperText text) throws Exception {
        String textKey = ObjectKeys.paper(id, 1, "sections.json");
        if (text != null) {
            store.put(textKey, json.writeValueAsBytes(text), "application/json");
        }
        return new PaperIngested(id, 1, run, paper, ObjectKeys.paper(id, 1, "metadata.json"), textKey,
                text == null ? "ABSTRACT" : text.source(), Instant.now());
    }

    public void send(PaperIngested event) {
        papers.sendMessageAndAwait(CloudEvents.message(event, "ingest-test"));
    }

    public void send(RetryRequested event) {
        retries.sendMessageAndAwait(CloudEvents.message(event, "ingest-test"));
    }

    public String object(String key) {
        return store.get(key).map(b -> new String(b, StandardCharsets.UTF_8)).orElse(null);
    }

    /** A consumer positioned at the end of a topic, so it sees only what this test causes. */
    public static <T> KafkaConsumer<String, T> tail(String topic, Class<? extends org.apache.kafka.common.serialization.Deserializer<T>> deserializer) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, deserializer.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        KafkaConsumer<String, T> c = new KafkaConsumer<>(p);
        List<TopicPartition> parts = c.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
        c.assign(parts);
        c.seekToEnd(parts);
        parts.forEach(c::position);
        return c;
    }

    /** Polls until the predicate's records for one arXiv ID reach the count or the time runs out. */
    public static <T> List<ConsumerRecord<String, T>> collect(KafkaConsumer<String, T> c, String arxivId, int atLeast,
            Duration max) {
        List<ConsumerRecord<String, T>> out = new ArrayList<>();
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline && out.size() < atLeast) {
            for (ConsumerRecord<String, T> r : c.poll(Duration.ofMillis(300))) {
                if (arxivId.equals(r.key())) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    public static String header(ConsumerRecord<?, ?> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    public static Map<String, String> ceHeaders(ConsumerRecord<?, ?> r) {
        return Map.of("ce_id", String.valueOf(header(r, "ce_id")), "ce_type", String.valueOf(header(r, "ce_type")));
    }
}
