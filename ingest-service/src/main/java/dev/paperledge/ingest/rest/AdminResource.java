package dev.paperledge.ingest.rest;

import dev.paperledge.stage.rest.Problem;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.paperledge.ingest.arxiv.ArxivId;
import dev.paperledge.ingest.status.StatusReplay;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Operator maintenance. Needs {@code X-API-Key} like every write. */
@Path("/api/admin")
@Tag(name = "admin", description = "Maintenance of the status projection")
public class AdminResource {
    private final StatusReplay replay;

    public AdminResource(StatusReplay replay) {
        this.replay = replay;
    }

    @POST
    @Path("/status/rebuild")
    @Produces({ MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE })
    @SecurityRequirement(name = "SecurityScheme")
    @Operation(summary = "Rebuild the status projection from the topics", description = "Forgets what the "
            + "projection derived from events and replays every status topic from the beginning (what Kafka still "
            + "retains). Idempotent. With arxivId (repeatable) only those papers; without, every paper.")
    public Response rebuild(@QueryParam("arxivId") List<String> arxivIds) {
        Set<String> only = null;
        if (arxivIds != null && !arxivIds.isEmpty()) {
            only = new LinkedHashSet<>();
            for (String input : arxivIds) {
                var id = ArxivId.parse(input);
                if (id.isEmpty()) {
                    return Problem.response(400, "Bad Request", "'" + Problem.echo(input)
                            + "' is not an arXiv identifier", "/api/admin/status/rebuild");
                }
                only.add(id.get().id());
            }
        }
        return Response.ok(replay.rebuild(only)).build();
    }
}
