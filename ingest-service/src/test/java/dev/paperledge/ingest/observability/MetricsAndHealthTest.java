package dev.paperledge.ingest.observability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.paperledge.ingest.support.Api;
import dev.paperledge.ingest.support.Atom;
import dev.paperledge.ingest.support.Fixtures;
import dev.paperledge.ingest.support.StandInResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** /q/metrics carries the series the Grafana dashboard reads; /q/health covers Kafka, PostgreSQL, S3. */
@QuarkusTest
@WithTestResource(StandInResource.class)
class MetricsAndHealthTest {

    @Test
    void theMetricsEndpointExposesTheNamedSeries() {
        String ok = Fixtures.randomId();
        Fixtures.write(StandInResource.folder(), ok, ".atom.xml", Atom.simple(ok, 1));
        Api.submit(ok).then().statusCode(202);
        Api.awaitIngested(ok, Duration.ofSeconds(30));
        String missing = Fixtures.randomId(); // no such paper at the stand-in: a permanent failure
        Api.submit(missing).then().statusCode(202);
        Api.awaitStatus(missing, Duration.ofSeconds(30), "FAILED");

        String[] body = new String[1];
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).until(() -> {
            body[0] = given().get("/q/metrics").then().statusCode(200).extract().asString();
            return body[0].contains("paperledge_papers{") && body[0].contains("kafka_consumer_fetch_manager_records_lag_max");
        });
        String m = body[0];
        assertThat(series(m, "paperledge_stage_duration_seconds_bucket{")).anyMatch(
                l -> l.contains("stage=\"ingest\"") && l.contains("le=") && l.contains("outcome=\"success\""));
        assertThat(series(m, "paperledge_stage_outcomes_total{")).anyMatch(l -> l.contains("stage=\"ingest\"")
                && l.contains("outcome=\"success\"") && l.contains("reason=\"none\""));
        assertThat(series(m, "paperledge_stage_outcomes_total{")).anyMatch(l -> l.contains("stage=\"ingest\"")
                && l.contains("outcome=\"failure\"") && l.contains("reason=\"not-found\""));
        assertThat(series(m, "paperledge_papers{")).anyMatch(l -> l.contains("status=\"INGESTED\"") && !l.endsWith(" 0.0"))
                .anyMatch(l -> l.contains("status=\"FAILED\""));
        assertThat(series(m, "kafka_consumer_fetch_manager_records_lag_max{")).isNotEmpty();
        assertThat(m).doesNotContain("paperledge_ingest_outcomes_total");
    }

    static java.util.List<String> series(String metrics, String prefix) {
        return metrics.lines().filter(l -> l.startsWith(prefix)).toList();
    }

    @Test
    void readinessCoversKafkaPostgresqlAndTheObjectStore() {
        JsonPath ready = given().get("/q/health/ready").then().statusCode(200).extract().jsonPath();
        assertThat(ready.getString("status")).isEqualTo("UP");
        assertThat(ready.getList("checks.name", String.class)).contains("object-store")
                .anySatisfy(n -> assertThat(n).containsIgnoringCase("kafka"))
                .anySatisfy(n -> assertThat(n).containsIgnoringCase("database"));
        given().get("/q/health/live").then().statusCode(200);
    }
}
