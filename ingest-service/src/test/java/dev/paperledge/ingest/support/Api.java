package dev.paperledge.ingest.support;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Calls to the ingest API as an operator would make them. */
public final class Api {
    /** The local default of PAPERLEDGE_OPERATOR_API_KEY. */
    public static final String KEY = "paperledge-local-operator-key";

    private Api() {
    }

    public static RequestSpecification operator() {
        return given().header("X-API-Key", KEY).contentType(ContentType.JSON);
    }

    public static Response submit(String input) {
        return operator().body("{\"arxivId\": \"" + input + "\"}").post("/api/papers");
    }

    public static JsonPath paper(String id) {
        return given().get("/api/papers/" + id).then().statusCode(200).extract().jsonPath();
    }

    /** Waits until the paper's status is one of {@code statuses}; returns its view. */
    public static JsonPath awaitStatus(String id, Duration timeout, String... statuses) {
        JsonPath[] last = new JsonPath[1];
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(150)).until(() -> {
            last[0] = paper(id);
            return List.of(statuses).contains(last[0].getString("status"));
        });
        return last[0];
    }

    /** Waits until the paper's ingested event was acknowledged by the broker. */
    public static JsonPath awaitIngested(String id, Duration timeout) {
        JsonPath[] last = new JsonPath[1];
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(150)).until(() -> {
            last[0] = paper(id);
            if ("FAILED".equals(last[0].getString("status"))) {
                throw new AssertionError("paper failed: " + last[0].getString("reason"));
            }
            return last[0].getBoolean("eventSent");
        });
        return last[0];
    }
}
