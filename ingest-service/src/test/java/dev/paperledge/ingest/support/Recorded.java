package dev.paperledge.ingest.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.paperledge.ingest.status.StatusRecordHandler;

/**
 * Recorded event sequences ({@code src/test/resources/status/*.jsonl}: one record a line, topic,
 * dead-letter headers, value) for one paper, the ID written as {@code @ID@}.
 */
public final class Recorded {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final long RECORDED_AT = java.time.Instant.parse("2026-11-20T10:01:00Z").toEpochMilli();

    /** One recorded record; {@code seq} is its place in the recording (stands in for its offset). */
    public record Item(int seq, String topic, String key, String value, Map<String, String> headers) {
        public StatusRecordHandler.Rec rec() {
            RecordHeaders h = new RecordHeaders();
            headers.forEach((k, v) -> h.add(k, v.getBytes(StandardCharsets.UTF_8)));
            // As recorded: a minute after the sequence's start, a second apart.
            return new StatusRecordHandler.Rec(topic, 0, seq, RECORDED_AT + seq * 1000L, key, value, h);
        }
    }

    private Recorded() {
    }

    public static List<Item> load(String name, String arxivId) {
        try (InputStream in = Recorded.class.getResourceAsStream("/status/" + name)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("@ID@", arxivId);
            List<Item> items = new ArrayList<>();
            for (String line : text.split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = JSON.readTree(line);
                Map<String, String> headers = JSON.convertValue(n.get("headers"),
                        new com.fasterxml.jackson.core.type.TypeReference<Map<String, String>>() {
                        });
                items.add(new Item(items.size(), n.get("topic").asText(), arxivId, n.get("value").toString(), headers));
            }
            return items;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Produces the records to the real topics, in order, with their headers. */
    public static void produce(List<Item> items) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaProbe.BOOTSTRAP);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (Item i : items) {
                ProducerRecord<String, String> r = new ProducerRecord<>(i.topic(), i.key(), i.value());
                i.headers().forEach((k, v) -> r.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
                producer.send(r).get(20, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
