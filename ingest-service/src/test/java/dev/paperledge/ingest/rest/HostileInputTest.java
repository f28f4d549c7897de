package dev.paperledge.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.paperledge.ingest.support.Api;
import dev.paperledge.ingest.support.StandInResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Bad input beyond malformed IDs (PaperApiTest): encodings, shapes, content types; no secret leaks. */
@QuarkusTest
@WithTestResource(StandInResource.class)
class HostileInputTest {

    private static void bad(byte[] body, String contentType, int status) {
        given().header("X-API-Key", Api.KEY).contentType(contentType).body(body).post("/api/papers").then()
                .statusCode(status).contentType(startsWith("application/problem+json"));
    }

    @Test
    void invalidUtf8Is400() {
        byte[] body = "{\"arxivId\":\"2106.0968_\"}".getBytes(StandardCharsets.UTF_8);
        body[body.length - 3] = (byte) 0xC3; // a lone lead byte
        bad(body, "application/json", 400);
    }

    @Test
    void duplicateFieldsAre400NotLastOneWins() {
        bad("{\"arxivId\":\"2106.09685\",\"arxivId\":\"2205.04421\"}".getBytes(StandardCharsets.UTF_8),
                "application/json", 400);
    }

    @Test
    void deeplyNestedJsonIs400() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        bad(deep.getBytes(StandardCharsets.UTF_8), "application/json", 400);
        bad(("{\"arxivId\":" + deep + "}").getBytes(StandardCharsets.UTF_8), "application/json", 400);
    }

    @Test
    void otherContentTypesAre415() {
        byte[] ok = "{\"arxivId\":\"2106.09685\"}".getBytes(StandardCharsets.UTF_8);
        bad(ok, "application/xml", 415);
        bad(ok, "application/octet-stream", 415);
        bad(ok, "text/csv", 415);
    }

    @Test
    void bidiControlsEmojiAndSurrogatesInAnIdAre400AndNotEchoedRaw() {
        for (String id : new String[] { "2106.09685\u202e", "\ud83d\ude002106.09685", "2106.\ud80009685", "２106.09685" }) {
            String detail = Api.operator().body("{\"arxivId\": \"" + id.replace("\ud800", "\\ud800") + "\"}")
                    .post("/api/papers").then().statusCode(400).extract().jsonPath().getString("detail");
            assertThat(detail).doesNotContain("\u202e").doesNotContain("\ud83d\ude00");
        }
    }

    @Test
    void theOperatorKeyAppearsInNoPageOrPublicAnswer() {
        for (String path : new String[] { "/", "/index.html", "/dashboard.js", "/api/dashboard", "/api/papers",
                "/q/openapi", "/q/metrics", "/q/health" }) {
            String body = given().get(path).then().statusCode(200).extract().asString();
            assertThat(body).as(path).doesNotContain(Api.KEY);
        }
    }

    @Test
    void theDashboardPageRestrictsWhatItLoads() {
        String csp = given().get("/").then().statusCode(200).extract().header("Content-Security-Policy");
        assertThat(csp).contains("default-src 'self'").contains("object-src 'none'");
    }
}
