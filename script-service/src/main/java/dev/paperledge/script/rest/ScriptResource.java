package dev.paperledge.script.rest;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import dev.paperledge.contracts.EpisodeScript;
import dev.paperledge.script.domain.Script;
import dev.paperledge.script.service.ScriptReview;
import dev.paperledge.stage.rest.Problem;
import dev.paperledge.stage.storage.ObjectStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Operators read scripts and, when the review gate is on, approve them (optionally edited). */
@Path("/api/scripts")
@Produces(MediaType.APPLICATION_JSON)
public class ScriptResource {
    private final ObjectStore store;
    private final ScriptReview review;

    public ScriptResource(ObjectStore store, ScriptReview review) {
        this.store = store;
        this.review = review;
    }

    /** What the API shows of a script production. */
    public record ScriptView(String arxivId, int version, int run, String status, String writer, String fallbackReason,
            Integer wordCount, String episodeTitle, String description, String scriptKey, String markdownKey,
            String groundingKey, Integer quotesChecked, Integer numbersChecked, Integer droppedClaims, Boolean grounded,
            boolean edited, int attempts, String failureReason, String createdAt, String updatedAt, String approvedAt,
            @com.fasterxml.jackson.annotation.JsonRawValue String explanation) {
        static ScriptView of(Script s) {
            return new ScriptView(s.arxivId, s.version, s.run, s.status.name(), s.writer, s.fallbackReason, s.wordCount,
                    s.episodeTitle, s.description, s.scriptKey, s.markdownKey, s.groundingKey, s.quotesChecked,
                    s.numbersChecked, s.droppedClaims, s.grounded, s.edited, s.attempts, s.failureReason,
                    String.valueOf(s.createdAt), String.valueOf(s.updatedAt), s.approvedAt == null ? null : s.approvedAt.toString(),
                    s.explanationJson);
        }
    }

    /** An approval: optional replacement texts by section kind and an optional new description. */
    public record Approval(Map<EpisodeScript.Kind, String> sections, String description) {
    }

    @GET
    @Operation(summary = "Script productions, optionally only those with a status (e.g. IN_REVIEW)")
    public Response list(@QueryParam("status") String status) {
        Script.Status wanted = null;
        if (status != null) {
            try {
                wanted = Script.Status.valueOf(status.strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return Response.status(400).type("application/problem+json").entity(Map.of("title", "Bad Request",
                        "status", 400, "detail", "status must be one of " + java.util.Arrays.toString(Script.Status.values())))
                        .build();
            }
        }
        Script.Status filter = wanted;
        return Response.ok(QuarkusTransaction.requiringNew().call(() -> (filter == null
                ? Script.<Script>list("order by updatedAt desc")
                : Script.<Script>list("status = ?1 order by updatedAt desc", filter))
                .stream().limit(200).map(ScriptView::of).toList())).build();
    }

    @GET
    @Path("/{arxivId: .+}/script")
    @Operation(summary = "The latest script of a paper (EpisodeScript JSON)")
    public Response script(@PathParam("arxivId") String arxivId) {
        return object(arxivId, true);
    }

    @GET
    @Path("/{arxivId: .+}/markdown")
    @Produces("text/markdown")
    @Operation(summary = "The latest script of a paper rendered as Markdown")
    public Response markdown(@PathParam("arxivId") String arxivId) {
        return object(arxivId, false);
    }

    @GET
    @Path("/{arxivId: .+}/grounding")
    @Operation(summary = "The grounding report of the latest script of a paper")
    public Response grounding(@PathParam("arxivId") String arxivId) {
        Optional<Script> s = latest(arxivId);
        if (s.isEmpty() || s.get().groundingKey == null) {
            return Response.status(404).build();
        }
        return store.get(s.get().groundingKey).map(b -> Response.ok(b, MediaType.APPLICATION_JSON).build())
                .orElse(Response.status(404).build());
    }

    @GET
    @Path("/{arxivId: .+}")
    @Operation(summary = "Every script production of a paper, newest first")
    public Response get(@PathParam("arxivId") String arxivId) {
        List<ScriptView> views = QuarkusTransaction.requiringNew()
                .call(() -> Script.forPaper(arxivId).stream().map(ScriptView::of).toList());
        return views.isEmpty() ? Response.status(404).build() : Response.ok(views).build();
    }

    @POST
    @Path("/{arxivId: .+}/approve")
    @Operation(summary = "Approve the script held in review (operator; X-API-Key), optionally with edited sections; the pipeline continues")
    public Response approve(@PathParam("arxivId") String arxivId,
            @Parameter(description = "latest when absent") @QueryParam("version") Integer version,
            @QueryParam("run") Integer run, Approval approval) throws Exception {
        Optional<Script> row = QuarkusTransaction.requiringNew().call(() -> Script.forPaper(arxivId).stream()
                .filter(s -> version == null || s.version == version).filter(s -> run == null || s.run == run).findFirst());
        if (row.isEmpty()) {
            return Response.status(404).build();
        }
        try {
            Script s = review.approve(row.get(), approval == null ? null : approval.sections(),
                    approval == null ? null : approval.description());
            return Response.ok(ScriptView.of(s)).build();
        } catch (ScriptReview.NotInReview e) {
            return Response.status(409).type("application/problem+json")
                    .entity(Map.of("title", "Not in review", "status", 409, "detail", e.getMessage())).build();
        } catch (ScriptReview.EditRemovesSources e) {
            return Problem.response(422, "Unprocessable Content", e.getMessage(), "/api/scripts/" + arxivId + "/approve");
        }
    }

    private Optional<Script> latest(String arxivId) {
        return QuarkusTransaction.requiringNew().call(() -> Script.latest(arxivId));
    }

    private Response object(String arxivId, boolean json) {
        Optional<Script> s = latest(arxivId);
        if (s.isEmpty() || s.get().scriptKey == null) {
            return Response.status(404).build();
        }
        String key = json ? s.get().scriptKey : s.get().markdownKey;
        return store.get(key).map(b -> Response.ok(b, json ? MediaType.APPLICATION_JSON : "text/markdown").build())
                .orElse(Response.status(404).build());
    }
}
