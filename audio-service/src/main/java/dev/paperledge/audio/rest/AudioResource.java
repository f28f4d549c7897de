package dev.paperledge.audio.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.paperledge.audio.domain.Audio;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Read-only view of the episodes' audio this service produced. */
@Path("/api/audio")
@Produces(MediaType.APPLICATION_JSON)
public class AudioResource {

    @GET
    @Path("/{arxivId: .+}")
    @Operation(summary = "Every audio production of a paper (all versions and runs), newest first")
    public List<Audio> byPaper(@PathParam("arxivId") String arxivId) {
        return Audio.list("arxivId = ?1 order by version desc, run desc", arxivId);
    }
}
