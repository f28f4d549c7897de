package dev.paperledge.publish.support;

import java.util.Properties;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.paperledge.contracts.SubscriptionRule;
import dev.paperledge.contracts.Topics;

/** Writes watch rules to the real test broker's subscriptions topic as ingest-service does (key = slug). */
public final class RuleProducer implements AutoCloseable {
    private final KafkaProducer<String, String> producer;
    private final ObjectMapper json;

    public RuleProducer(ObjectMapper json) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        this.producer = new KafkaProducer<>(p);
        this.json = json;
    }

    public void put(SubscriptionRule rule) {
        try {
            send(rule.slug(), json.writeValueAsString(rule));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A tombstone: the rule is deleted. */
    public void delete(String slug) {
        send(slug, null);
    }

    private void send(String key, String value) {
        try {
            producer.send(new ProducerRecord<>(Topics.SUBSCRIPTIONS, key, value)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
