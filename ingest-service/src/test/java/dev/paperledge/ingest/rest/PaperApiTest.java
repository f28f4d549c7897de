package dev.paperledge.ingest.rest;

import static dev.paperledge.ingest.support.StandInResource.newPaper;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.paperledge.ingest.support.Api;
import dev.paperledge.ingest.support.Atom;
import dev.paperledge.ingest.support.Fixtures;
import dev.paperledge.ingest.support.Papers;
import dev.paperledge.ingest.support.StandInResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@WithTestResource(StandInResource.class)
class PaperApiTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void cleanFixtureRows() throws Exception {
        Papers.delete("hep-th/9901001");
        java.nio.file.Files.copy(getClass().getResourceAsStream("/atom/hep-th_9901001.atom.xml"),
                StandInResource.folder().resolve("hep-th_9901001.atom.xml"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void submittingAnswers202WithLocationAndTheSameIdAgainAnswers200() {
        String id = newPaper();
        String location = Api.submit(id).then().statusCode(202)
                .header("Location", endsWith("/api/papers/" + id))
                .body("arxivId", equalTo(id)).body("status", equalTo("REQUESTED")).body("run", equalTo(1))
                .extract().header("Location");
        assertThat(location).contains("/api/papers/" + id);
        given().get("/api/papers/" + id).then().statusCode(200).body("arxivId", equalTo(id));

        Api.submit("https://arxiv.org/abs/" + id).then().statusCode(200).body("arxivId", equalTo(id))
                .body("run", equalTo(1)).header("Location", endsWith("/api/papers/" + id));
        Api.submit("arXiv:" + id).then().statusCode(200).body("run", equalTo(1));
    }

    @Test
    void everyIdFormReachesTheSamePaper() {
        String id = newPaper();
        Api.submit("https://arxiv.org/pdf/" + id + ".pdf").then().statusCode(202).body("arxivId", equalTo(id));
        for (String form : List.of(id, "arXiv:" + id, "https://arxiv.org/abs/" + id, "http://export.arxiv.org/abs/" + id,
                "https://arxiv.org/html/" + id, "  " + id + "  ")) {
            Api.submit(form).then().statusCode(200).body("arxivId", equalTo(id));
        }
    }

    @Test
    void oldStyleIdsWorkEndToEndIncludingTheirUrl() {
        Api.submit("arXiv:hep-th/9901001").then().statusCode(202)
                .header("Location", endsWith("/api/papers/hep-th/9901001"));
        JsonPath p = Api.awaitIngested("hep-th/9901001", Duration.ofSeconds(30));
        assertThat(p.getString("categoryName")).isEqualTo("High Energy Physics - Theory");
        assertThat(p.getInt("version")).isEqualTo(3);
        given().get("/api/papers/hep-th/9901001v3").then().statusCode(200).body("arxivId", equalTo("hep-th/9901001"));
        // The slash encoded, as encodeURIComponent writes it, answers the same.
        for (String path : List.of("/api/papers/hep-th%2F9901001", "/api/papers/hep-th%2f9901001v3")) {
            given().urlEncodingEnabled(false).get(path).then().statusCode(200)
                    .body("arxivId", equalTo("hep-th/9901001")).body("status", equalTo("INGESTED"));
        }
        given().urlEncodingEnabled(false).get("/api/papers/hep-th%2F9901099").then().statusCode(404)
                .body("detail", equalTo("no paper hep-th/9901099 has been submitted"));
    }

    @Test
    void forceStartsANewProductionRun() {
        String id = newPaper();
        Api.submit(id).then().statusCode(202);
        Api.awaitIngested(id, Duration.ofSeconds(30));
        Api.operator().body("{\"arxivId\":\"" + id + "\"}").post("/api/papers?force=true").then().statusCode(202)
                .body("run", equalTo(2)).body("status", equalTo("REQUESTED"));
        JsonPath p = Api.awaitIngested(id, Duration.ofSeconds(30));
        assertThat(p.getInt("run")).isEqualTo(2);
        assertThat(p.getList("timeline.status")).containsSubsequence("REQUESTED", "INGESTED", "REQUESTED", "INGESTED");
    }

    @Test
    void aNewerArxivVersionStartsANewProductionRun() {
        String id = newPaper();
        Api.submit(id).then().statusCode(202);
        Api.awaitIngested(id, Duration.ofSeconds(30));
        Api.submit(id + "v1").then().statusCode(200);
        Fixtures.write(StandInResource.folder(), id + "v2", ".atom.xml", Atom.simple(id, 2));
        Api.submit(id + "v2").then().statusCode(202).body("run", equalTo(2));
        JsonPath p = Api.awaitIngested(id, Duration.ofSeconds(30));
        assertThat(p.getInt("version")).isEqualTo(2);
        assertThat(p.getString("metadataKey")).isEqualTo("papers/" + id + "/v2/metadata.json");
    }

    static Stream<String> malformedBodies() throws Exception {
        List<String> ids = new ArrayList<>(List.of("", " ", "2106", "2106.0968", "2106.09685v", "2113.09685",
                "0704.00001", "1501.0001", "2106 .09685", "２１０６.０９６８５", "2106․09685", "hep-th/9913001",
                "foo-bar/9901001", "math.ZZ/0309136", "../2106.09685", "2106.09685/../../etc/passwd",
                "https://evil.example/abs/2106.09685", "https://arxiv.org.evil.example/abs/2106.09685",
                "http://127.0.0.1:8081/api/papers", "file:///etc/passwd", "ftp://arxiv.org/abs/2106.09685",
                "https://arxiv.org/list/2106.09685", "doi:10.48550/arXiv.2106.09685", "2106.09685\u200b",
                "2106.09685\u0000", "<script>alert(1)</script>", "'; DROP TABLE paper; --", "2106.09685,2106.09686",
                "x".repeat(10_240)));
        List<String> bodies = new ArrayList<>();
        for (String id : ids) {
            bodies.add(JSON.writeValueAsString(java.util.Map.of("arxivId", id)));
        }
        bodies.addAll(List.of("[]", "[\"2106.09685\"]", "\"2106.09685\"", "{}", "{\"arxivId\":null}",
                "{\"arxivId\":2106.09685}", "{\"arxivId\":[\"2106.09685\"]}", "{\"arxivId\":{\"id\":\"2106.09685\"}}",
                "{\"arxivId\":\"2106.09685\",\"extra\":true}", "{\"arxivid\":\"2106.09685\"}", "not json",
                "{\"arxivId\":\"2106.09685\"", "null", "true"));
        return bodies.stream();
    }

    @ParameterizedTest(name = "[{index}] 400 for {0}")
    @MethodSource("malformedBodies")
    void malformedInputIs400ProblemDetailsNamingTheAcceptedForms(String body) {
        given().header("X-API-Key", Api.KEY).contentType(ContentType.JSON).body(body).post("/api/papers")
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("status", equalTo(400)).body("title", equalTo("Bad Request"))
                .body("detail", containsString("arxiv"));
    }

    @Test
    void thereAreMoreThanThirtyMalformedBodies() throws Exception {
        assertThat(malformedBodies().count()).isGreaterThan(30);
    }

    @Test
    void anEmptyBodyIs400ProblemDetails() {
        given().header("X-API-Key", Api.KEY).contentType(ContentType.JSON).post("/api/papers")
                .then().statusCode(400).contentType(startsWith("application/problem+json"));
    }

    @Test
    void anOversizeBodyIs413ProblemDetails() {
        String big = "{\"arxivId\":\"" + "1".repeat(200_000) + "\"}";
        given().header("X-API-Key", Api.KEY).contentType(ContentType.JSON).body(big).post("/api/papers")
                .then().statusCode(413).contentType(startsWith("application/problem+json")).body("status", equalTo(413));
    }

    @Test
    void aBodyThatIsNotJsonIs415ProblemDetails() {
        given().header("X-API-Key", Api.KEY).contentType(ContentType.TEXT).body("2106.09685").post("/api/papers")
                .then().statusCode(415).contentType(startsWith("application/problem+json"));
    }

    @Test
    void writesNeedTheOperatorKeyReadsDoNot() {
        given().contentType(ContentType.JSON).body("{\"arxivId\":\"2106.09685\"}").post("/api/papers")
                .then().statusCode(401).contentType(startsWith("application/problem+json"))
                .header("WWW-Authenticate", containsString("X-API-Key")).body("detail", containsString("X-API-Key"));
        given().header("X-API-Key", "wrong").contentType(ContentType.JSON).body("{\"arxivId\":\"2106.09685\"}")
                .post("/api/papers").then().statusCode(401).contentType(startsWith("application/problem+json"));
        given().contentType(ContentType.JSON).body("{\"arxivIds\":[\"2106.09685\"]}").post("/api/papers/batch")
                .then().statusCode(401);
        given().post("/api/papers/2106.09685/retry").then().statusCode(401);
        given().get("/api/papers").then().statusCode(200);
    }

    @Test
    void unknownPapersAndPathsAre404ProblemDetails() {
        given().get("/api/papers/2401.00001").then().statusCode(404).contentType(startsWith("application/problem+json"))
                .body("detail", containsString("2401.00001"));
        given().get("/api/nothing-here").then().statusCode(404).contentType(startsWith("application/problem+json"));
        given().get("/api/papers/not-an-id").then().statusCode(400).contentType(startsWith("application/problem+json"));
    }

    @Test
    void retryingAPaperThatHasNotFailedIsAConflict() {
        String id = newPaper();
        Api.submit(id).then().statusCode(202);
        Api.operator().post("/api/papers/" + id + "/retry").then().statusCode(409)
                .contentType(startsWith("application/problem+json"));
        Api.operator().post("/api/papers/2401.00002/retry").then().statusCode(404);
    }

    @Test
    void aBatchHandlesEachIdLikeASingleSubmission() {
        String a = newPaper();
        String b = newPaper();
        Api.submit(b).then().statusCode(202);
        JsonPath r = Api.operator().body("{\"arxivIds\":[\"" + a + "\",\"https://arxiv.org/abs/" + b
                + "\",\"nonsense\",42]}").post("/api/papers/batch").then().statusCode(200).extract().jsonPath();
        assertThat(r.getInt("accepted")).isEqualTo(1);
        assertThat(r.getInt("existing")).isEqualTo(1);
        assertThat(r.getInt("invalid")).isEqualTo(2);
        assertThat(r.getList("results.status", Integer.class)).containsExactly(202, 200, 400, 400);
        assertThat(r.getString("results[0].location")).isEqualTo("/api/papers/" + a);
        Api.operator().body("{\"arxivIds\":[]}").post("/api/papers/batch").then().statusCode(400)
                .contentType(startsWith("application/problem+json"));
        Api.operator().body("{\"ids\":[\"" + a + "\"]}").post("/api/papers/batch").then().statusCode(400);
    }

    @Test
    void theListPagesAndFiltersByStatus() {
        String ok = newPaper();
        String missing = Fixtures.randomId(); // no Atom file: arXiv answers zero results
        Api.submit(ok).then().statusCode(202);
        Api.submit(missing).then().statusCode(202);
        Api.awaitStatus(missing, Duration.ofSeconds(30), "FAILED");
        JsonPath failed = given().get("/api/papers?status=failed&size=200").then().statusCode(200).extract().jsonPath();
        assertThat(failed.getList("items.status")).isNotEmpty().containsOnly("FAILED");
        assertThat(failed.getList("items.arxivId")).contains(missing).doesNotContain(ok);
        JsonPath page = given().get("/api/papers?page=0&size=1").then().statusCode(200).extract().jsonPath();
        assertThat(page.getList("items")).hasSize(1);
        assertThat(page.getLong("total")).isGreaterThanOrEqualTo(2);
        given().get("/api/papers?status=SLEEPING").then().statusCode(400).contentType(startsWith("application/problem+json"));
        given().get("/api/papers?size=0").then().statusCode(400);
    }

    @Test
    void theApiIsDocumentedWithOpenApiAndSwaggerUi() {
        String doc = given().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        assertThat(doc).contains("/api/papers").contains("/api/papers/batch").contains("X-API-Key")
                .contains("SubmitRequest");
        given().get("/q/swagger-ui/").then().statusCode(200);
    }
}
