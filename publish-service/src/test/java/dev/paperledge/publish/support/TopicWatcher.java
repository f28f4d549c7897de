package dev.paperledge.publish.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic from "now" on (assigned partitions, no consumer group, so no rebalance wait) and
 * keeps what it saw.
 */
public class TopicWatcher implements AutoCloseable {
    public record Seen(String key, String value, Map<String, String> headers) {
    }

    private final KafkaConsumer<String, String> consumer;
    private final List<Seen> seen = new ArrayList<>();

    public TopicWatcher(String bootstrap, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer = new KafkaConsumer<>(p);
        List<TopicPartition> parts = consumer.partitionsFor(topic).stream()
                .map(i -> new TopicPartition(topic, i.partition())).toList();
        consumer.assign(parts);
        consumer.seekToEnd(parts);
        parts.forEach(consumer::position); // resolve the end offsets now, before anything is produced
    }

    /** Polls briefly and returns everything seen so far for this key. */
    public synchronized List<Seen> forKey(String key) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(300))) {
            Map<String, String> headers = new java.util.HashMap<>();
            for (Header h : r.headers()) {
                headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
            }
            seen.add(new Seen(r.key(), r.value(), headers));
        }
        return seen.stream().filter(s -> key.equals(s.key())).toList();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
