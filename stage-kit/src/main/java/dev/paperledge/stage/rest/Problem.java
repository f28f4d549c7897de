package dev.paperledge.stage.rest;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;

import jakarta.ws.rs.core.Response;

/** An RFC 9457 problem details document ({@code application/problem+json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance,
        @com.fasterxml.jackson.annotation.JsonIgnore Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";

    @JsonAnyGetter
    public Map<String, Object> any() {
        return extensions == null ? Map.of() : extensions;
    }

    public static Response response(int status, String title, String detail, String instance) {
        return response(status, title, detail, instance, null);
    }

    public static Response response(int status, String title, String detail, String instance,
            Map<String, Object> extensions) {
        return Response.status(status).type(MEDIA_TYPE)
                .entity(new Problem("about:blank", title, status, detail, instance, extensions)).build();
    }

    /** Foreign input as a problem may quote it: printable ASCII (others as ?), at most 80 characters. */
    public static String echo(String input) {
        String t = input == null ? "" : input.replaceAll("[^\\x20-\\x7e]", "?");
        return t.length() > 80 ? t.substring(0, 80) + "…" : t;
    }
}
