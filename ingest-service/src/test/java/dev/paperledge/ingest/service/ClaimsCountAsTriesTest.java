package dev.paperledge.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.paperledge.contracts.Topics;
import dev.paperledge.ingest.support.Api;
import dev.paperledge.ingest.support.Atom;
import dev.paperledge.ingest.support.ConfigOverrides;
import dev.paperledge.ingest.support.Fixtures;
import dev.paperledge.ingest.support.KafkaProbe;
import dev.paperledge.ingest.support.Papers;
import dev.paperledge.ingest.support.StandInResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

/**
 * Each claim of a paper for ingest counts as a try, also one that never finishes (the worker killed
 * mid-paper: its lease just runs out). After the configured maximum (test: 4) the paper fails at
 * INGEST with a reason, instead of being claimed again forever. The worker's own schedule is off
 * here, so the test decides who claims: a "worker" that claims and dies, or the real one.
 */
@QuarkusTest
@TestProfile(ClaimsCountAsTriesTest.WorkerByHand.class)
@WithTestResource(StandInResource.class)
class ClaimsCountAsTriesTest {
    static final Duration WAIT = Duration.ofSeconds(30);

    public static class WorkerByHand extends ConfigOverrides {
        public WorkerByHand() {
            super(Map.of("paperledge.ingest.poll-every", "off"));
        }
    }

    @Inject
    PaperStore papers;
    @Inject
    IngestWorker worker;
    @Inject
    ObjectMapper json;

    KafkaProbe failures;

    @BeforeEach
    void setUp() {
        failures = new KafkaProbe(Topics.PIPELINE_FAILURES);
        worker.drain(); // whatever earlier runs left waiting, so the claims below can only be ours
    }

    @AfterEach
    void close() {
        failures.close();
    }

    static String waitingPaper() {
        String id = Fixtures.randomId();
        Fixtures.write(StandInResource.folder(), id, ".atom.xml", Atom.simple(id, 1));
        Papers.waiting(id);
        return id;
    }

    /** A worker claims the paper and dies on it: nothing is recorded, the lease runs out. */
    void claimAndDie(String id, int expectedTry) throws InterruptedException {
        Optional<PaperStore.Claim> c = papers.claimForIngest(Duration.ofMillis(1));
        assertThat(c).map(PaperStore.Claim::arxivId).contains(id);
        assertThat(c.get().ingestTries()).isEqualTo(expectedTry);
        Thread.sleep(20);
    }

    @Test
    void aPaperWhoseTriesNeverFinishFailsAfterTheMaximumAndCanBeRetried() throws Exception {
        String id = waitingPaper();
        for (int i = 1; i <= 4; i++) {
            claimAndDie(id, i);
            JsonPath p = Api.paper(id);
            assertThat(p.getString("status")).isEqualTo("REQUESTED");
            assertThat(p.getInt("ingestTries")).isEqualTo(i);
        }

        worker.drain(); // the fifth claim: no fifth try, the paper fails
        JsonPath failed = Api.paper(id);
        assertThat(failed.getString("status")).isEqualTo("FAILED");
        assertThat(failed.getString("failedStage")).isEqualTo("INGEST");
        assertThat(failed.getBoolean("retryable")).isTrue();
        assertThat(failed.getString("reason")).startsWith("ingest gave up after 4 attempts: none of them finished");
        List<ConsumerRecord<String, String>> f = failures.await(id, 1, WAIT);
        JsonNode event = json.readTree(f.get(0).value());
        assertThat(event.get("failedStage").asText()).isEqualTo("INGEST");
        assertThat(event.get("reason").asText()).startsWith("ingest gave up after 4 attempts");
        assertThat(event.get("retryable").asBoolean()).isTrue();
        // Nothing claims it any more.
        assertThat(papers.claimForIngest(Duration.ofMillis(1))).isEmpty();

        // An operator's retry starts afresh, and this time the worker finishes.
        Api.operator().post("/api/papers/" + id + "/retry").then().statusCode(202);
        JsonPath p = Api.awaitIngested(id, WAIT);
        assertThat(p.getInt("attempt")).isEqualTo(2);
        assertThat(p.getInt("ingestTries")).isEqualTo(1);
        assertThat(p.getList("timeline.status")).containsSubsequence("REQUESTED", "FAILED", "REQUESTED", "INGESTED");
    }

    @Test
    void aPaperWithTriesLeftAfterDeadClaimsIsIngestedByTheNextOne() throws Exception {
        String id = waitingPaper();
        for (int i = 1; i <= 3; i++) {
            claimAndDie(id, i);
        }
        worker.drain();
        JsonPath p = Api.awaitIngested(id, WAIT);
        assertThat(p.getInt("ingestTries")).isEqualTo(4);
        assertThat(p.getList("timeline.status")).doesNotContain("FAILED");
    }
}
