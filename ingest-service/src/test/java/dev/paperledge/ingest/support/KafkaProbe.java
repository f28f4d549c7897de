package dev.paperledge.ingest.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Reads one topic of the shared test broker from "now" on (no consumer group), keeping only the
 * records of the papers a test cares about; and produces test events.
 */
public final class KafkaProbe implements AutoCloseable {
    public static final String BOOTSTRAP = "localhost:19092";

    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

    public KafkaProbe(String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer = new KafkaConsumer<>(p);
        List<TopicPartition> parts = consumer.partitionsFor(topic).stream()
                .map(i -> new TopicPartition(topic, i.partition())).toList();
        consumer.assign(parts);
        consumer.seekToEnd(parts);
        parts.forEach(consumer::position); // materialise the end positions now
    }

    /** Polls for {@code window} and returns every record so far with this key. */
    public List<ConsumerRecord<String, String>> records(String key, Duration window) {
        long end = System.nanoTime() + window.toNanos();
        do {
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        } while (System.nanoTime() < end);
        return seen.stream().filter(r -> key.equals(r.key())).toList();
    }

    /** Polls until {@code count} records with this key arrived (or the timeout), returns them. */
    public List<ConsumerRecord<String, String>> await(String key, int count, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        List<ConsumerRecord<String, String>> mine;
        do {
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            mine = seen.stream().filter(r -> key.equals(r.key())).toList();
        } while (mine.size() < count && System.nanoTime() < end);
        return mine;
    }

    public static String header(ConsumerRecord<String, String> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), java.nio.charset.StandardCharsets.UTF_8);
    }

    public static void produce(String topic, String key, String json) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            producer.send(new ProducerRecord<>(topic, key, json)).get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the group's members hold partitions of every one of {@code topics}. */
    public static void awaitTopicsAssigned(String groupId, Set<String> topics, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP))) {
            while (System.nanoTime() < end) {
                ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(groupId)).describedGroups()
                        .get(groupId).get(10, TimeUnit.SECONDS);
                Set<String> assigned = new HashSet<>();
                d.members().forEach(m -> m.assignment().topicPartitions().forEach(tp -> assigned.add(tp.topic())));
                if (assigned.containsAll(topics)) {
                    return;
                }
                Thread.sleep(250);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("group " + groupId + " did not get " + topics + " within " + timeout);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
