package dev.paperledge.ingest.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.paperledge.testkit.TestIds;
import io.restassured.response.Response;

/** Watch rules through the API, with slugs no other test (or earlier run) uses. */
public final class Rules {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Rules() {
    }

    /** A fresh slug: {@code t-} and a random number. */
    public static String slug() {
        return "t-" + TestIds.fresh("26").replace(".", "");
    }

    /** A body with these fields (null values left out). */
    public static String body(Object... fieldsAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            if (fieldsAndValues[i + 1] != null) {
                m.put((String) fieldsAndValues[i], fieldsAndValues[i + 1]);
            }
        }
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A sound rule's body. */
    public static String rule(String slug, List<String> categories, List<String> keywords, int cap, String format) {
        return body("slug", slug, "title", "Topic " + slug, "categories", categories, "keywords", keywords,
                "dailyCap", cap, "format", format);
    }

    public static Response create(String body) {
        return Api.operator().body(body).post("/api/subscriptions");
    }

    public static Response run(String slug) {
        return Api.operator().post("/api/subscriptions/" + slug + "/run");
    }

    public static void delete(String slug) {
        Api.operator().delete("/api/subscriptions/" + slug);
    }
}
