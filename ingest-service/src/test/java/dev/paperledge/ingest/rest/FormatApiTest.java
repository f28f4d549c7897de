package dev.paperledge.ingest.rest;

import static dev.paperledge.ingest.support.StandInResource.newPaper;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.paperledge.contracts.PaperIngested;
import dev.paperledge.contracts.RetryRequested;
import dev.paperledge.contracts.Stage;
import dev.paperledge.contracts.Topics;
import dev.paperledge.ingest.service.ShowFormats;
import dev.paperledge.ingest.support.Api;
import dev.paperledge.ingest.support.Atom;
import dev.paperledge.ingest.support.Fixtures;
import dev.paperledge.ingest.support.KafkaProbe;
import dev.paperledge.ingest.support.StageEvents;
import dev.paperledge.ingest.support.StandInResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

/**
 * The episode format at submission (issue 17): solo or duo, stored per production, sent on
 * PaperIngested.format over the real broker, shown on the API; another format for a known paper needs
 * the force path; retries keep the production's format.
 */
@QuarkusTest
@WithTestResource(StandInResource.class)
class FormatApiTest {
    static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    ObjectMapper json;
    @Inject
    StageEvents stages;

    KafkaProbe ingested;

    @BeforeEach
    void probe() {
        ingested = new KafkaProbe(Topics.PAPERS_INGESTED);
    }

    @AfterEach
    void close() {
        ingested.close();
    }

    static io.restassured.response.Response submit(String id, String format, boolean force) {
        return Api.operator().body("{\"arxivId\":\"" + id + "\",\"format\":" + format + "}")
                .post("/api/papers" + (force ? "?force=true" : ""));
    }

    /** The ingested events of {@code id} so far, awaiting {@code count}. */
    List<PaperIngested> events(String id, int count) throws Exception {
        List<PaperIngested> out = new java.util.ArrayList<>();
        for (ConsumerRecord<String, String> r : ingested.await(id, count, WAIT)) {
            out.add(json.readValue(r.value(), PaperIngested.class));
        }
        return out;
    }

    @ParameterizedTest(name = "[{index}] 400 for format {0}")
    @ValueSource(strings = { "\"trio\"", "\"\"", "\"  \"", "\"dúo\"", "\"solo duo\"", "\"so lo\"", "42", "true",
            "[\"duo\"]", "{\"name\":\"duo\"}", "\"<b>duo</b>\"" })
    void anUnknownFormatIs400ProblemDetailsNamingTheChoicesAndRecordsNothing(String format) {
        String id = newPaper();
        submit(id, format, false).then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("status", equalTo(400)).body("detail", containsString("is not a format; one of solo, duo"))
                .body("formats", hasItems("solo", "duo"));
        given().get("/api/papers/" + id).then().statusCode(404);
    }

    @Test
    void aBatchWithAnUnknownFormatIs400AndOtherFieldsStayRefused() {
        String id = newPaper();
        Api.operator().body("{\"arxivIds\":[\"" + id + "\"],\"format\":\"quartet\"}").post("/api/papers/batch")
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("detail", containsString("one of solo, duo"));
        Api.operator().body("{\"arxivId\":\"" + id + "\",\"format\":\"duo\",\"voices\":2}").post("/api/papers")
                .then().statusCode(400).body("detail", containsString("format"));
        Api.operator().body("{\"format\":\"duo\"}").post("/api/papers").then().statusCode(400);
        given().get("/api/papers/" + id).then().statusCode(404);
    }

    @Test
    void aFormatIsReadCaseInsensitivelyStoredShownAndSentOnPaperIngested() throws Exception {
        String id = newPaper();
        submit(id, "\"  DuO \"", false).then().statusCode(202).body("format", equalTo("duo"));
        JsonPath p = Api.awaitIngested(id, WAIT);
        assertThat(p.getString("format")).isEqualTo("duo");
        assertThat(p.getString("timeline[0].detail")).isEqualTo("submitted as duo");
        List<PaperIngested> e = events(id, 1);
        assertThat(e).hasSize(1);
        assertThat(e.get(0).format()).isEqualTo("duo");
        // The dashboard's snapshot carries it too.
        assertThat(given().get("/api/dashboard").then().statusCode(200).extract().jsonPath()
                .getString("papers.find { it.arxivId == '" + id + "' }.format")).isEqualTo("duo");
        assertThat(given().get("/api/papers?size=200").then().extract().jsonPath()
                .getString("items.find { it.arxivId == '" + id + "' }.format")).isEqualTo("duo");
    }

    @Test
    void withoutAFormatTheConfiguredDefaultIsUsedAndSent() throws Exception {
        String id = newPaper();
        Api.submit(id).then().statusCode(202).body("format", equalTo("solo"));
        assertThat(Api.awaitIngested(id, WAIT).getString("format")).isEqualTo("solo");
        assertThat(events(id, 1).get(0).format()).isEqualTo("solo");
        String nulled = newPaper();
        submit(nulled, "null", false).then().statusCode(202).body("format", equalTo("solo"));
    }

    @Test
    void aKnownPaperInTheSameOrNoFormatIs200AndInAnotherFormatA409PointingToForce() throws Exception {
        String id = newPaper();
        submit(id, "\"solo\"", false).then().statusCode(202);
        Api.awaitIngested(id, WAIT);
        submit(id, "\"SOLO\"", false).then().statusCode(200).body("run", equalTo(1)).body("format", equalTo("solo"));
        Api.submit(id).then().statusCode(200).body("run", equalTo(1));
        submit(id, "\"duo\"", false).then().statusCode(409).contentType(startsWith("application/problem+json"))
                .body("status", equalTo(409)).body("format", equalTo("solo"))
                .body("detail", equalTo("paper " + id + " is produced as solo (run 1); to re-produce it as duo,"
                        + " submit it again with ?force=true"));
        JsonPath p = Api.paper(id);
        assertThat(p.getInt("run")).isEqualTo(1);
        assertThat(p.getString("format")).isEqualTo("solo");
        assertThat(ingested.records(id, Duration.ofSeconds(2))).hasSize(1); // no new production

        // In a batch: the same answers per item.
        String fresh = newPaper();
        JsonPath b = Api.operator().body("{\"arxivIds\":[\"" + id + "\",\"" + fresh + "\"],\"format\":\"duo\"}")
                .post("/api/papers/batch").then().statusCode(200).extract().jsonPath();
        assertThat(b.getList("results.status", Integer.class)).containsExactly(409, 202);
        assertThat(b.getInt("refused")).isEqualTo(1);
        assertThat(b.getInt("accepted")).isEqualTo(1);
        assertThat(b.getString("results[0].detail")).contains("?force=true");
        assertThat(Api.awaitIngested(fresh, WAIT).getString("format")).isEqualTo("duo");
    }

    @Test
    void aPublishedPaperIsProducedAgainInDuoThroughTheForcePathAndForceWithoutFormatKeepsIt() throws Exception {
        KafkaProbe.awaitTopicsAssigned("ingest-service-status-test", Set.of(Topics.SCRIPTS_READY, Topics.AUDIO_READY,
                Topics.EPISODES_PUBLISHED), Duration.ofSeconds(45));
        String id = newPaper();
        Api.submit(id).then().statusCode(202);
        Api.awaitIngested(id, WAIT);
        stages.scriptReady(id, 1, 1);
        stages.audioReady(id, 1, 1);
        stages.published(id, 1, 1, "http://localhost:8080/episodes/" + id);
        Api.awaitStatus(id, WAIT, "PUBLISHED");

        submit(id, "\"duo\"", true).then().statusCode(202).body("run", equalTo(2)).body("format", equalTo("duo"))
                .body("status", equalTo("REQUESTED"));
        JsonPath p = Api.awaitIngested(id, WAIT);
        assertThat(p.getInt("run")).isEqualTo(2);
        assertThat(p.getString("format")).isEqualTo("duo");
        assertThat(p.getList("timeline.detail", String.class)).contains("forced re-production, run 2 as duo");
        List<PaperIngested> e = events(id, 2);
        assertThat(e).extracting(PaperIngested::run).containsExactly(1, 2);
        assertThat(e).extracting(PaperIngested::format).containsExactly("solo", "duo");

        // force without a format produces it again as it is.
        Api.operator().body("{\"arxivId\":\"" + id + "\"}").post("/api/papers?force=true").then().statusCode(202)
                .body("run", equalTo(3)).body("format", equalTo("duo"));
        Api.awaitIngested(id, WAIT);
        assertThat(events(id, 3).get(2).format()).isEqualTo("duo");
    }

    @Test
    void anIngestRetryAndALaterStagesRetryKeepTheProductionsFormat() throws Exception {
        KafkaProbe.awaitTopicsAssigned("ingest-service-status-test", Set.of(Topics.PIPELINE_FAILURES),
                Duration.ofSeconds(45));
        // Ingest fails (arXiv does not know the paper yet); the operator's retry re-ingests it as duo.
        String id = Fixtures.randomId();
        submit(id, "\"duo\"", false).then().statusCode(202);
        Api.awaitStatus(id, WAIT, "FAILED");
        Fixtures.write(StandInResource.folder(), id, ".atom.xml", Atom.simple(id, 1));
        Api.operator().post("/api/papers/" + id + "/retry").then().statusCode(202);
        JsonPath p = Api.awaitIngested(id, WAIT);
        assertThat(p.getString("format")).isEqualTo("duo");
        assertThat(p.getInt("run")).isEqualTo(1);
        assertThat(events(id, 1).get(0).format()).isEqualTo("duo");

        // The script stage fails; its retry continues the run (the script stage reads the run's format from
        // the PaperIngested it recorded) and the production stays duo.
        stages.failed(id, 1, 1, Stage.SCRIPT, 1, "the writer failed");
        Api.awaitStatus(id, WAIT, "FAILED");
        try (KafkaProbe retries = new KafkaProbe(Topics.PIPELINE_RETRIES)) {
            Api.operator().post("/api/papers/" + id + "/retry").then().statusCode(202);
            RetryRequested r = json.readValue(retries.await(id, 1, WAIT).get(0).value(), RetryRequested.class);
            assertThat(r.run()).isEqualTo(1);
            assertThat(r.retryStage()).isEqualTo(Stage.SCRIPT);
        }
        JsonPath after = Api.paper(id);
        assertThat(after.getString("format")).isEqualTo("duo");
        assertThat(after.getInt("run")).isEqualTo(1);
    }

    @Test
    void aConfiguredDefaultThatIsNoFormatStopsStartUpNamingTheVariable() {
        assertThat(new ShowFormats(" Duo ").defaultFormat()).isEqualTo("duo");
        assertThat(new ShowFormats("solo").defaultFormat()).isEqualTo("solo");
        for (String bad : List.of("trio", "", "solo,duo")) {
            assertThatThrownBy(() -> new ShowFormats(bad)).isInstanceOf(IllegalStateException.class)
                    .hasMessage("PAPERLEDGE_SHOW_FORMAT (paperledge.show.format) is '" + bad
                            + "': set it to one of solo, duo");
        }
    }

    @Test
    void theOpenApiDocumentNamesTheFormat() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("components.schemas.SubmitRequest.properties.format.enum", hasItems("solo", "duo"));
    }
}
