package dev.paperledge.publish.rest;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/** Errors as RFC 9457 problem details ({@code application/problem+json}). */
public final class Problems {
    public static final String TYPE = "application/problem+json";

    private Problems() {
    }

    public static WebApplicationException problem(Response.Status status, String detail, String instance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", status.getReasonPhrase());
        body.put("status", status.getStatusCode());
        body.put("detail", detail);
        body.put("instance", instance);
        return new WebApplicationException(detail, Response.status(status).type(TYPE).entity(body).build());
    }

    public static WebApplicationException notFound(String detail, String instance) {
        return problem(Response.Status.NOT_FOUND, detail, instance);
    }

    public static WebApplicationException badRequest(String detail, String instance) {
        return problem(Response.Status.BAD_REQUEST, detail, instance);
    }
}
