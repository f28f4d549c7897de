package dev.paperledge.script.rest;

import java.util.Map;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

/** Operator calls that change something (POST, PUT, DELETE under /api) need the X-API-Key header. */
public class OperatorApiKeyFilter {
    private final OperatorKey key;

    public OperatorApiKeyFilter(OperatorKey key) {
        this.key = key;
    }

    @ServerRequestFilter
    public Response check(ContainerRequestContext ctx) {
        String method = ctx.getMethod();
        boolean changing = "POST".equals(method) || "PUT".equals(method) || "DELETE".equals(method) || "PATCH".equals(method);
        if (!changing || !ctx.getUriInfo().getPath().startsWith("/api/")) {
            return null;
        }
        if (key.matches(ctx.getHeaderString("X-API-Key"))) {
            return null;
        }
        return Response.status(401).type("application/problem+json")
                .entity(Map.of("title", "Unauthorized", "status", 401, "detail", "operator calls need a valid X-API-Key header"))
                .build();
    }
}
