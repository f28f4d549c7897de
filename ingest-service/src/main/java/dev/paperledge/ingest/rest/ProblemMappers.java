package dev.paperledge.ingest.rest;

import dev.paperledge.stage.rest.Problem;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.paperledge.ingest.service.RetryService;
import dev.paperledge.ingest.service.ShowFormats;
import dev.paperledge.ingest.subscription.SubscriptionPoller;
import dev.paperledge.ingest.subscription.Subscriptions;
import io.smallrye.mutiny.TimeoutException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** Every error of the API as {@code application/problem+json}, whatever raised it. */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type == null ? "Error" : type.getReasonPhrase();
        String detail = switch (status) {
            case 404 -> "no such resource";
            case 405 -> "method not allowed here";
            case 406 -> "this API answers in JSON only";
            case 415 -> "send the body as application/json";
            default -> e.getMessage();
        };
        return Problem.response(status, title, detail, path(uri));
    }

    @ServerExceptionMapper
    public Response notFound(RetryService.NotFound e, UriInfo uri) {
        return Problem.response(404, "Not Found", e.getMessage(), path(uri));
    }

    @ServerExceptionMapper
    public Response notRetryable(RetryService.NotRetryable e, UriInfo uri) {
        return Problem.response(409, "Conflict", e.getMessage(), path(uri));
    }

    @ServerExceptionMapper
    public Response unknownFormat(ShowFormats.Unknown e, UriInfo uri) {
        return Problem.response(400, "Bad Request", "'" + Problem.echo(e.input())
                + "' is not a format; one of " + ShowFormats.choices() + " (or leave format out for the default)",
                path(uri), java.util.Map.of("formats", ShowFormats.CHOICES));
    }

    @ServerExceptionMapper
    public Response invalidRule(Subscriptions.Invalid e, UriInfo uri) {
        return Problem.response(400, "Bad Request", e.getMessage(), path(uri),
                java.util.Map.of("problems", e.problems()));
    }

    @ServerExceptionMapper
    public Response unknownRule(Subscriptions.NotFound e, UriInfo uri) {
        return Problem.response(404, "Not Found", e.getMessage(), path(uri));
    }

    @ServerExceptionMapper
    public Response duplicateRule(Subscriptions.Duplicate e, UriInfo uri) {
        return Problem.response(409, "Conflict", e.getMessage(), path(uri));
    }

    @ServerExceptionMapper
    public Response ruleNotWithdrawn(Subscriptions.NotWithdrawn e, UriInfo uri) {
        return Problem.response(503, "Service Unavailable", e.getMessage(), path(uri));
    }

    @ServerExceptionMapper
    public Response pollBusy(SubscriptionPoller.Busy e, UriInfo uri) {
        return Problem.response(409, "Conflict", e.getMessage(), path(uri));
    }

    @ServerExceptionMapper
    public Response brokerDown(TimeoutException e, UriInfo uri) {
        return Problem.response(503, "Service Unavailable",
                "the message broker did not acknowledge in time; try again shortly", path(uri));
    }

    @ServerExceptionMapper
    public Response json(com.fasterxml.jackson.core.JsonProcessingException e, UriInfo uri) {
        return Problem.response(400, "Bad Request", "the body is not valid JSON of the expected shape", path(uri));
    }

    @ServerExceptionMapper
    public Response any(Throwable e, UriInfo uri) {
        LOG.error("unexpected error", e);
        return Problem.response(500, "Internal Server Error", "unexpected error: " + e.getClass().getSimpleName(),
                path(uri));
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : "/" + uri.getPath().replaceFirst("^/", "");
    }
}
