package dev.paperledge.ingest.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.paperledge.contracts.Topics;
import dev.paperledge.ingest.domain.Paper;
import dev.paperledge.stage.storage.ObjectStore;
import dev.paperledge.ingest.support.Api;
import dev.paperledge.ingest.support.Atom;
import dev.paperledge.ingest.support.Fixtures;
import dev.paperledge.ingest.support.KafkaProbe;
import dev.paperledge.ingest.support.Papers;
import dev.paperledge.ingest.support.StandInResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

/** A 202 is never lost: a submission made while the broker is unreachable is produced once it is back. */
@QuarkusTest
@WithTestResource(StandInResource.class)
class RepublisherTest {
    @Inject
    ObjectStore store;

    @AfterEach
    void brokerBack() {
        SwitchablePublisher.brokerDown = false;
    }

    @Test
    void aSubmissionWhileKafkaIsDownIsPublishedOnceKafkaIsBack() {
        String id = Fixtures.randomId();
        Fixtures.write(StandInResource.folder(), id, ".atom.xml", Atom.simple(id, 1));
        try (KafkaProbe probe = new KafkaProbe(Topics.PAPERS_INGESTED)) {
            SwitchablePublisher.brokerDown = true;
            int refusedBefore = SwitchablePublisher.refused.get();
            Api.submit(id).then().statusCode(202);

            // The work is done and the event is kept in the paper's row, not yet acknowledged.
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                Paper p = Papers.find(id);
                return p != null && p.ingestedEvent != null;
            });
            assertThat(store.get("papers/" + id + "/v1/sections.json")).isPresent();
            // The re-publisher keeps trying while the broker is away.
            Awaitility.await().atMost(Duration.ofSeconds(15))
                    .until(() -> SwitchablePublisher.refused.get() - refusedBefore >= 3);
            Paper stuck = Papers.find(id);
            assertThat(stuck.eventSentAt).isNull();
            assertThat(Api.paper(id).getString("status")).isEqualTo("REQUESTED");
            assertThat(probe.records(id, Duration.ofMillis(500))).isEmpty();

            SwitchablePublisher.brokerDown = false;
            Api.awaitIngested(id, Duration.ofSeconds(30));
            assertThat(probe.await(id, 1, Duration.ofSeconds(20))).hasSize(1);
            assertThat(probe.records(id, Duration.ofSeconds(2))).hasSize(1);
            assertThat(Api.paper(id).getString("status")).isIn("INGESTED", "SCRIPTED", "VOICED", "PUBLISHED");
        }
    }

    @Test
    void aFailureWhileKafkaIsDownIsRecordedAndItsEventSentOnceKafkaIsBack() throws Exception {
        String id = Fixtures.randomId(); // arXiv (the stand-in) has no such paper: a permanent failure
        try (KafkaProbe probe = new KafkaProbe(Topics.PIPELINE_FAILURES)) {
            SwitchablePublisher.brokerDown = true;
            Api.submit(id).then().statusCode(202);
            // The failure is recorded (and shown) at once; its event is kept in the row for the re-publisher.
            JsonPath failed = Api.awaitStatus(id, Duration.ofSeconds(30), "FAILED");
            assertThat(failed.getString("failedStage")).isEqualTo("INGEST");
            Paper kept = Papers.find(id);
            assertThat(kept.failureEvent).contains("\"failedStage\":\"INGEST\"");
            assertThat(probe.records(id, Duration.ofSeconds(2))).isEmpty();

            SwitchablePublisher.brokerDown = false;
            List<ConsumerRecord<String, String>> sent = probe.await(id, 1, Duration.ofSeconds(30));
            assertThat(sent).hasSize(1);
            assertThat(sent.get(0).value()).contains("zero results");
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Papers.find(id).failureEvent == null);
            assertThat(probe.records(id, Duration.ofSeconds(2))).hasSize(1);
        }
    }
}
