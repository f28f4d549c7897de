package dev.paperledge.publish.flow;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.paperledge.contracts.AudioReady;
import dev.paperledge.contracts.EpisodePublished;
import dev.paperledge.contracts.RetryRequested;
import dev.paperledge.contracts.Stage;
import dev.paperledge.contracts.StageFailed;
import dev.paperledge.contracts.Topics;
import dev.paperledge.publish.messaging.BrokerRefusesOnce;
import dev.paperledge.publish.messaging.EventPublisher;
import dev.paperledge.publish.support.Episodes;
import dev.paperledge.publish.support.TestData;
import dev.paperledge.publish.support.TestMp3;
import dev.paperledge.publish.support.TestProducers;
import dev.paperledge.publish.support.TopicWatcher;
import dev.paperledge.stage.db.ProductionKey;
import dev.paperledge.stage.db.StageInput;
import dev.paperledge.testkit.KafkaTestSupport;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.inject.Inject;

/**
 * No dead ends: every exception path ends in one StageFailed, and a retry can run from the input
 * ingest kept from the dead-lettered record. On the real test Kafka, S3 and PostgreSQL.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StageFailureTest {
    static final String BOOTSTRAP = "localhost:19092";
    static final String RETRIES_GROUP = "publish-service-retries";

    @Inject
    TestData data;
    @Inject
    TestProducers producers;
    @Inject
    ObjectMapper json;
    @Inject
    @Channel("episodes-out")
    MutinyEmitter<EpisodePublished> episodesOut;
    @Inject
    @Channel("failures")
    MutinyEmitter<StageFailed> stageFailures;

    TopicWatcher published;
    TopicWatcher failures;
    TopicWatcher deadLetters;
    final List<String> ids = new ArrayList<>();

    @BeforeAll
    void connect() {
        KafkaTestSupport.awaitAssignment(BOOTSTRAP, "publish-service", Duration.ofSeconds(30));
        KafkaTestSupport.awaitAssignment(BOOTSTRAP, RETRIES_GROUP, Duration.ofSeconds(30));
        published = new TopicWatcher(BOOTSTRAP, Topics.EPISODES_PUBLISHED);
        failures = new TopicWatcher(BOOTSTRAP, Topics.PIPELINE_FAILURES);
        deadLetters = new TopicWatcher(BOOTSTRAP, Topics.deadLetter(Topics.AUDIO_READY));
    }

    @AfterAll
    void cleanUp() {
        published.close();
        failures.close();
        deadLetters.close();
        ids.forEach(data::removeEpisode);
    }

    String newId() {
        String id = Episodes.randomId();
        ids.add(id);
        return id;
    }

    AudioReady production(String id, String title) {
        return data.production(id, 1, TestMp3.sine(1, 440), TestData.paper(id, title, List.of("A. Author")));
    }

    StageFailed failure(String id) throws Exception {
        List<TopicWatcher.Seen> got = await().atMost(Duration.ofSeconds(30)).until(() -> failures.forKey(id), l -> !l.isEmpty());
        assertThat(got).hasSize(1);
        return json.readValue(got.get(0).value(), StageFailed.class);
    }

    @Test
    void anEpisodePublishedTheBrokerDidNotTakeEndsInOneStageFailedAndARetryAnnouncesIt() throws Exception {
        String id = newId();
        QuarkusMock.installMockForType(new BrokerRefusesOnce(episodesOut, stageFailures, id), EventPublisher.class);
        producers.send(production(id, "Announced late"));

        StageFailed f = failure(id);
        assertThat(f.failedStage()).isEqualTo(Stage.PUBLISH);
        assertThat(f.retryable()).isTrue();
        assertThat(f.attempt()).isEqualTo(1);
        assertThat(f.reason()).isEqualTo("the publish stage finished but Kafka did not take its episodes.published event; retry the paper");
        List<TopicWatcher.Seen> parked = await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters.forKey(id), l -> !l.isEmpty());
        assertThat(parked.get(0).headers().get("dead-letter-reason")).isEqualTo(
                "Kafka did not acknowledge the episodes.published event: Expiring 1 record(s) for episodes.published-0:120000 ms has passed since batch creation");
        Thread.sleep(3000); // one failure, one StageFailed: nothing more comes
        assertThat(failures.forKey(id)).hasSize(1);
        assertThat(published.forKey(id)).isEmpty();

        producers.send(new RetryRequested(id, 1, 1, Stage.PUBLISH, 2, Instant.now()));
        List<TopicWatcher.Seen> out = await().atMost(Duration.ofSeconds(30)).until(() -> published.forKey(id), l -> !l.isEmpty());
        assertThat(out).hasSize(1);
        assertThat(json.readValue(out.get(0).value(), EpisodePublished.class).run()).isEqualTo(1);
        given().get("/episodes/" + id).then().statusCode(200);
    }

    static ProductionKey inputOf(String id) {
        return new ProductionKey(id, 1, 1);
    }

    @Test
    void aDamagedRecordedInputOnTheRetryPathEndsInStageFailedAndTheRetryIsAcked() throws Exception {
        String id = newId();
        try (KafkaConsumer<String, String> retries = tail(Topics.PIPELINE_RETRIES)) {
            producers.send(production(id, "Damaged record"));
            await().atMost(Duration.ofSeconds(30)).until(() -> published.forKey(id), l -> !l.isEmpty());
            // the recorded input is damaged: the retry cannot read what it would rerun from
            QuarkusTransaction.requiringNew().run(() -> StageInput.<StageInput>findById(inputOf(id)).eventJson = "{not json");

            producers.send(new RetryRequested(id, 1, 1, Stage.PUBLISH, 2, Instant.now()));
            StageFailed f = failure(id);
            assertThat(f.attempt()).isEqualTo(2);
            assertThat(f.retryable()).isFalse();
            assertThat(f.reason()).startsWith("the recorded input of " + id + " v1 r1 is not a readable AudioReady")
                    .endsWith("; retry the audio stage instead");

            ConsumerRecord<String, String> retry = await().atMost(Duration.ofSeconds(10))
                    .until(() -> poll(retries, id), l -> !l.isEmpty()).get(0);
            TopicPartition partition = new TopicPartition(retry.topic(), retry.partition());
            await().atMost(Duration.ofSeconds(30)).until(() -> committed(partition) > retry.offset());
        }
    }

    @Test
    void aRetryWithoutARecordedInputRunsFromTheInputItCarriesAndOnlyIfThatIsThePapersOwn() throws Exception {
        String id = newId();
        AudioReady dead = production(id, "Dead-lettered before it was recorded");
        String deadJson = json.writeValueAsString(dead);
        producers.send(new RetryRequested(id, 1, 1, Stage.PUBLISH, 2, Instant.now(), deadJson));
        List<TopicWatcher.Seen> out = await().atMost(Duration.ofSeconds(30)).until(() -> published.forKey(id), l -> !l.isEmpty());
        assertThat(out).hasSize(1);
        given().get("/episodes/" + id).then().statusCode(200);
        String recorded = QuarkusTransaction.requiringNew()
                .call(() -> StageInput.<StageInput>findById(inputOf(id)).eventJson);
        assertThat(json.readValue(recorded, AudioReady.class)).isEqualTo(dead);

        record Refused(RetryRequested retry, String reason) {
        }
        String other = newId();
        String never = newId();
        String garbled = newId();
        for (Refused r : List.of(
                new Refused(new RetryRequested(other, 1, 1, Stage.PUBLISH, 2, Instant.now(), deadJson),
                        "carries the input of " + id + " v1 r1, another production"),
                new Refused(new RetryRequested(never, 1, 1, Stage.PUBLISH, 2, Instant.now()),
                        "the publish stage never received " + never + " v1 r1; retry the audio stage instead"),
                new Refused(new RetryRequested(garbled, 1, 1, Stage.PUBLISH, 2, Instant.now(), "{\"arxivId\": [1, 2"),
                        "is not a readable AudioReady"))) {
            producers.send(r.retry());
            StageFailed f = failure(r.retry().arxivId());
            assertThat(f.retryable()).isFalse();
            assertThat(f.reason()).contains(r.reason());
        }
        assertThat(published.forKey(other)).isEmpty();
        assertThat(QuarkusTransaction.requiringNew().call(() -> StageInput.count("arxivId", other))).isZero();
    }

    /** A consumer at the end of a topic, records as strings. */
    static KafkaConsumer<String, String> tail(String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        KafkaConsumer<String, String> c = new KafkaConsumer<>(p);
        List<TopicPartition> parts = c.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
        c.assign(parts);
        c.seekToEnd(parts);
        parts.forEach(c::position);
        return c;
    }

    static List<ConsumerRecord<String, String>> poll(KafkaConsumer<String, String> c, String key) {
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        c.poll(Duration.ofMillis(300)).forEach(r -> {
            if (key.equals(r.key())) {
                out.add(r);
            }
        });
        return out;
    }

    /** The offset the stage's retry consumer group has committed on a partition (-1: none). */
    static long committed(TopicPartition partition) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP))) {
            OffsetAndMetadata o = admin.listConsumerGroupOffsets(RETRIES_GROUP).partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS).get(partition);
            return o == null ? -1 : o.offset();
        }
    }
}
