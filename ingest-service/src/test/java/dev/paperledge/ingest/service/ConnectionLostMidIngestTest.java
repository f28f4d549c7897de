package dev.paperledge.ingest.service;

import static dev.paperledge.ingest.support.StandInResource.newPaper;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.paperledge.contracts.Topics;
import dev.paperledge.ingest.support.Api;
import dev.paperledge.ingest.support.ConfigOverrides;
import dev.paperledge.ingest.support.CuttableLink;
import dev.paperledge.ingest.support.KafkaProbe;
import dev.paperledge.ingest.support.StandInResource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

/**
 * The database goes away while a paper is being ingested: the service reaches the real test
 * PostgreSQL through a link the test cuts for 8 s (its connections closed, new ones refused, as in a
 * restart; other modules' sessions untouched). Recording the result meets the outage, the kit's
 * database retry policy runs the step again until the database is back (within ingest's 60 s), and
 * the paper is ingested by its first try and announced once.
 */
@QuarkusTest
@WithTestResource(StandInResource.class)
@WithTestResource(ConnectionLostMidIngestTest.DatabaseLink.class)
@TestProfile(ConnectionLostMidIngestTest.WorkerOnNudge.class)
class ConnectionLostMidIngestTest {
    static final Duration WAIT = Duration.ofSeconds(60);

    public static class WorkerOnNudge extends ConfigOverrides {
        public WorkerOnNudge() {
            super(Map.of("paperledge.ingest.poll-every", "off", "paperledge.ingest.republish-every", "off",
                    "paperledge.arxiv.request-timeout", "15s"));
        }
    }

    /** Points the datasource at a {@link CuttableLink} to the test PostgreSQL. */
    public static class DatabaseLink implements QuarkusTestResourceLifecycleManager {
        static CuttableLink link;

        @Override
        public Map<String, String> start() {
            String url = System.getenv().getOrDefault("PAPERLEDGE_DB_URL",
                    "jdbc:postgresql://localhost:5432/paperledge_test");
            Matcher m = Pattern.compile("jdbc:postgresql://([^:/]+)(?::(\\d+))?/(.+)").matcher(url);
            if (!m.matches()) {
                throw new IllegalStateException("not a PostgreSQL URL: " + url);
            }
            link = new CuttableLink(m.group(1), m.group(2) == null ? 5432 : Integer.parseInt(m.group(2)));
            return Map.of("quarkus.datasource.jdbc.url",
                    "jdbc:postgresql://127.0.0.1:" + link.port() + "/" + m.group(3));
        }

        @Override
        public void stop() {
            if (link != null) {
                link.close();
            }
        }
    }

    @Inject
    MeterRegistry metrics;

    double databaseRetries() {
        return metrics.find("ft.retry.retries.total").tag("method", "dev.paperledge.stage.db.DatabaseRetryPolicy.run")
                .counters().stream().mapToDouble(Counter::count).sum();
    }

    @Test
    void aDatabaseOutageWhileIngestingIsRiddenOutByTheDatabaseRetry() throws Exception {
        String id = newPaper();
        double retriesBefore = databaseRetries();
        try (KafkaProbe ingested = new KafkaProbe(Topics.PAPERS_INGESTED)) {
            StandInResource.standIn().delayNext(Duration.ofSeconds(3)); // the metadata answer
            Api.submit(id).then().statusCode(202);
            LeaseHeartbeatTest.awaitWorkerClaim(id);
            DatabaseLink.link.cut(Duration.ofSeconds(8)); // the result is ready in ~3 s: the database is away

            assertThat(ingested.await(id, 1, WAIT)).hasSize(1);
            JsonPath p = Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(() -> Api.paper(id), paper -> paper.getBoolean("eventSent"));
            assertThat(p.getString("status")).isEqualTo("INGESTED");
            // A step given up on would have queued the paper for a second try.
            assertThat(p.getInt("ingestTries")).as("the first try went through").isEqualTo(1);
            assertThat(p.getList("timeline.status")).containsExactly("REQUESTED", "INGESTED");
            assertThat(ingested.records(id, Duration.ofSeconds(2))).hasSize(1);
        }
        assertThat(databaseRetries() - retriesBefore).as("a database step was run again").isPositive();
    }
}
