package dev.paperledge.stage.rest;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

/**
 * Operator calls (every write under {@code /api}) need the operator key in {@code X-API-Key}; reads
 * (GET, HEAD, OPTIONS) are public so dashboards and scripts can watch progress without it. A refusal
 * is a 401 problem details document with a {@code WWW-Authenticate} challenge.
 */
public class OperatorKeyFilter {
    public static final String HEADER = "X-API-Key";

    private final OperatorKey key;

    public OperatorKeyFilter(OperatorKey key) {
        this.key = key;
    }

    @ServerRequestFilter
    public Response check(ContainerRequestContext ctx) {
        String method = ctx.getMethod();
        if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")) {
            return null;
        }
        String path = ctx.getUriInfo().getPath();
        if (!path.startsWith("/api/") && !path.startsWith("api/")) {
            return null;
        }
        String given = ctx.getHeaderString(HEADER);
        if (key.matches(given)) {
            return null;
        }
        Response r = Problem.response(401, "Unauthorized",
                given == null ? "operator calls need the " + HEADER + " header" : "the " + HEADER + " is not valid",
                "/" + path.replaceFirst("^/", ""));
        return Response.fromResponse(r).header("WWW-Authenticate", "ApiKey header=\"" + HEADER + "\"").build();
    }
}
