package dev.paperledge.ingest.rest;

import dev.paperledge.stage.rest.Problem;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses API bodies over {@code paperledge.api.max-body-bytes} with 413 problem details before they
 * are read (the HTTP layer's own, larger limit answers in plain text otherwise).
 */
@ApplicationScoped
public class BodySizeLimit {
    private final long max;

    public BodySizeLimit(@ConfigProperty(name = "paperledge.api.max-body-bytes", defaultValue = "65536") long max) {
        this.max = max;
    }

    public long max() {
        return max;
    }

    void register(@Observes Filters filters) {
        filters.register(rc -> {
            String length = rc.request().getHeader("Content-Length");
            if (length != null && rc.normalizedPath().startsWith("/api/")) {
                long n;
                try {
                    n = Long.parseLong(length.strip());
                } catch (NumberFormatException e) {
                    n = Long.MAX_VALUE;
                }
                if (n > max) {
                    JsonObject problem = new JsonObject().put("type", "about:blank").put("title", "Content Too Large")
                            .put("status", 413).put("detail", "the body is larger than " + max + " bytes")
                            .put("instance", rc.normalizedPath());
                    rc.response().setStatusCode(413).putHeader("Content-Type", Problem.MEDIA_TYPE)
                            .putHeader("Connection", "close").end(problem.encode());
                    return;
                }
            }
            rc.next();
        }, 100);
    }
}
