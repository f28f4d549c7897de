package dev.paperledge.ingest.service;

import static dev.paperledge.ingest.support.StandInResource.newPaper;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.paperledge.contracts.Topics;
import dev.paperledge.ingest.support.Api;
import dev.paperledge.ingest.support.ConfigOverrides;
import dev.paperledge.ingest.support.KafkaProbe;
import dev.paperledge.ingest.support.Papers;
import dev.paperledge.ingest.support.StandInResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

/**
 * The ingest lease is renewed while a paper is being ingested: an ingest slower than several leases
 * (arXiv answering slowly through the stand-in) is never claimed by another instance and uses one
 * try; a try that outlives max-hold gives its paper back. Scaled down: a 1 s lease, 3 s max-hold.
 * Another instance is played by the test, claiming through the same store against the real database.
 */
@QuarkusTest
@TestProfile(LeaseHeartbeatTest.ShortLease.class)
@WithTestResource(StandInResource.class)
class LeaseHeartbeatTest {
    static final Duration WAIT = Duration.ofSeconds(30);
    static final Duration LEASE = Duration.ofSeconds(1);

    public static class ShortLease extends ConfigOverrides {
        public ShortLease() {
            super(Map.of("paperledge.ingest.poll-every", "off", "paperledge.ingest.lease", "1s",
                    "paperledge.ingest.max-hold", "3s", "paperledge.arxiv.request-timeout", "15s"));
        }
    }

    @Inject
    PaperStore papers;
    @Inject
    IngestWorker worker;

    KafkaProbe ingested;

    @BeforeEach
    void setUp() {
        ingested = new KafkaProbe(Topics.PAPERS_INGESTED);
        worker.drain(); // whatever earlier runs left waiting, so the claims below can only meet ours
    }

    @AfterEach
    void close() {
        ingested.close();
    }

    /**
     * Another instance tries to claim {@code id}: it claims through the real store, parking any other
     * waiting paper it meets (left by earlier runs) until it meets {@code id} or nothing is left.
     */
    Optional<PaperStore.Claim> otherInstanceClaims(String id) {
        for (Optional<PaperStore.Claim> c; (c = papers.claimForIngest(Duration.ofHours(1))).isPresent();) {
            if (c.get().arxivId().equals(id)) {
                return c;
            }
            parked.add(c.get().arxivId());
        }
        return Optional.empty();
    }

    final java.util.List<String> parked = new java.util.ArrayList<>();

    @AfterEach
    void releaseParked() {
        parked.forEach(papers::release);
    }

    /** Waits until the worker holds {@code id} (its first try claimed); returns when. */
    static Instant awaitWorkerClaim(String id) {
        org.awaitility.Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> {
            var p = Papers.find(id);
            return p != null && p.ingestTries == 1 && p.leaseUntil != null;
        });
        return Instant.now();
    }

    @Test
    void anIngestSlowerThanSeveralLeasesIsNeverClaimedTwiceAndUsesOneTry() throws Exception {
        String id = newPaper();
        int requestsBefore = StandInResource.standIn().apiRequests();
        StandInResource.standIn().delayNext(Duration.ofMillis(3000)); // the metadata answer: three leases
        Instant submitted = Instant.now();
        Api.submit(id).then().statusCode(202);
        Instant claimed = awaitWorkerClaim(id);

        Instant firstLease = Papers.find(id).leaseUntil;
        Instant lastLease = firstLease;
        while (Duration.between(claimed, Instant.now()).toMillis() < 2700) {
            assertThat(otherInstanceClaims(id)).as("claimed by another instance").isEmpty();
            Instant lease = Papers.find(id).leaseUntil;
            if (lease == null) {
                break; // ingested already
            }
            assertThat(lease).as("the lease is always ahead").isAfter(Instant.now());
            lastLease = lease;
            Thread.sleep(150);
        }
        assertThat(Duration.between(firstLease, lastLease)).as("renewed").isGreaterThan(LEASE);

        JsonPath p = Api.awaitIngested(id, WAIT);
        assertThat(Duration.between(submitted, Instant.now())).isGreaterThan(Duration.ofMillis(3000));
        assertThat(p.getInt("ingestTries")).isEqualTo(1);
        assertThat(p.getList("timeline.status")).containsExactly("REQUESTED", "INGESTED");
        assertThat(ingested.records(id, Duration.ofSeconds(2))).hasSize(1);
        assertThat(StandInResource.standIn().apiRequests() - requestsBefore).as("arXiv asked once").isEqualTo(1);
        assertThat(Papers.find(id).leaseUntil).as("released once done").isNull();
    }

    @Test
    void aTryThatOutlivesMaxHoldGivesItsPaperBack() throws Exception {
        String id = newPaper();
        StandInResource.standIn().delayNext(Duration.ofSeconds(7)); // a try far beyond max-hold (3 s)
        Api.submit(id).then().statusCode(202);
        Instant claimed = awaitWorkerClaim(id);

        Optional<PaperStore.Claim> taken = Optional.empty();
        while (taken.isEmpty() && Duration.between(claimed, Instant.now()).toSeconds() < 6) {
            taken = otherInstanceClaims(id);
            Thread.sleep(100);
        }
        Duration after = Duration.between(claimed, Instant.now());
        assertThat(taken).as("another instance takes the paper once the heartbeat stopped").isPresent();
        assertThat(after).as("not before max-hold").isGreaterThanOrEqualTo(Duration.ofSeconds(3));
        assertThat(taken.get().ingestTries()).isEqualTo(2);

        // The slow try still finishes its work (the same run); the paper is announced once.
        JsonPath p = Api.awaitIngested(id, WAIT);
        assertThat(p.getInt("ingestTries")).isEqualTo(2);
        assertThat(ingested.records(id, Duration.ofSeconds(2))).hasSize(1);
    }
}
