package dev.paperledge.ingest.rest;

import dev.paperledge.stage.rest.Problem;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.paperledge.contracts.Stage;
import dev.paperledge.ingest.arxiv.ArxivId;
import dev.paperledge.ingest.domain.Paper;
import dev.paperledge.ingest.status.PaperStatus;
import dev.paperledge.ingest.status.StageProgress;
import dev.paperledge.ingest.status.StageTransition;
import dev.paperledge.ingest.status.StatusRecord;
import dev.paperledge.ingest.service.IngestWorker;
import dev.paperledge.ingest.service.IntakeService;
import dev.paperledge.ingest.service.RetryService;
import dev.paperledge.ingest.service.ShowFormats;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The intake and operator API. Writes need {@code X-API-Key}; reads are public.
 * {@code {id}} is the arXiv ID without version, old-style IDs with their slash
 * ({@code /api/papers/hep-th/9901001}).
 */
@Path("/api/papers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "papers", description = "Submit arXiv papers and follow them through the pipeline")
public class PaperResource {
    /** An ID in a path; an old-style ID's slash may come encoded ({@code hep-th%2F9901001}, as encodeURIComponent writes it). */
    static final String ID = "{id: [A-Za-z0-9.\\-]+(?:(?:/|%2[Ff])[0-9]{7})?(?:v[0-9]+)?}";
    static final int MAX_BATCH = 100;

    private final IntakeService intake;
    private final IngestWorker worker;
    private final RetryService retries;
    private final ObjectMapper json;
    private final BodySizeLimit limit;

    public PaperResource(IntakeService intake, IngestWorker worker, RetryService retries, ObjectMapper json,
            BodySizeLimit limit) {
        this.intake = intake;
        this.worker = worker;
        this.retries = retries;
        this.json = json;
        this.limit = limit;
    }

    /** Body of a single submission. */
    @Schema(name = "SubmitRequest")
    public record SubmitRequest(
            @Schema(required = true, description = "an arXiv ID or arXiv URL", example = "2106.09685") String arxivId,
            @Schema(description = "the episode's format: solo (one host) or duo (host and co-host); case-insensitive."
                    + " Left out: PAPERLEDGE_SHOW_FORMAT for a new paper, the production's own for a known one",
                    enumeration = { "solo", "duo" }) String format) {
    }

    /** Body of a batch submission. */
    @Schema(name = "BatchRequest")
    public record BatchRequest(@Schema(required = true, maxItems = MAX_BATCH) List<String> arxivIds,
            @Schema(description = "the format for every ID (as in a single submission)", enumeration = { "solo",
                    "duo" }) String format) {
    }

    /** One item's outcome in a batch: {@code status} is the HTTP status a single submission would get. */
    public record BatchItem(String input, String arxivId, int status, String location, String detail) {
    }

    public record BatchResult(int accepted, int existing, int invalid, int refused, List<BatchItem> results) {
    }

    public record PageOf(List<PaperView> items, int page, int size, long total) {
    }

    public record RetryAccepted(String arxivId, Stage retryStage, PaperView paper) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({ MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE })
    @SecurityRequirement(name = "SecurityScheme")
    @Operation(summary = "Submit a paper", description = "Validates and normalises the ID, records the paper and "
            + "answers at once; ingest runs in the background. The same ID again returns the existing paper "
            + "(200) unless force=true or a newer version is named; the same ID in another format than its "
            + "production's is a 409 unless force=true (then it is produced again in that format).")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = SubmitRequest.class)))
    @APIResponse(responseCode = "202", description = "recorded; Location names the paper",
            content = @Content(schema = @Schema(implementation = PaperView.class)))
    @APIResponse(responseCode = "200", description = "already known; no new production",
            content = @Content(schema = @Schema(implementation = PaperView.class)))
    @APIResponse(responseCode = "400", description = "not an arXiv ID, or not a format",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "401", description = "operator key missing or wrong",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "known paper, another format: use force=true to produce it again",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response submit(String body, @QueryParam("force") @DefaultValue("false") boolean force) {
        if (body != null && body.length() > limit.max()) {
            return Problem.response(413, "Content Too Large", "the body is larger than " + limit.max() + " bytes",
                    "/api/papers");
        }
        JsonNode node = parse(body);
        if (!objectOf(node, "arxivId", "format") || !node.path("arxivId").isTextual()) {
            return badShape("expected {\"arxivId\": \"<arXiv ID or URL>\"}, optionally with \"format\": "
                    + "\"solo\" | \"duo\"");
        }
        String input = node.get("arxivId").asText();
        var parsed = ArxivId.parse(input);
        if (parsed.isEmpty()) {
            return invalidId(input);
        }
        String format = ShowFormats.ofSubmission(node.get("format"));
        IntakeService.Submission s = submitOnce(parsed.get(), force, format);
        PaperView view = view(s.paper().arxivId);
        if (s.refused() != null) {
            return Problem.response(409, "Conflict", s.refused(), view.href(), Map.of("format", s.paper().format));
        }
        if (!s.newProduction()) {
            return Response.ok(view).header("Location", view.href()).build();
        }
        worker.nudge();
        return Response.accepted(view).location(URI.create(view.href())).build();
    }

    @POST
    @Path("/batch")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({ MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE })
    @SecurityRequirement(name = "SecurityScheme")
    @Operation(summary = "Submit several papers", description = "Up to 100 IDs; each is handled as a single "
            + "submission would be and gets its own status (202, 200, 400 or 409); format, if given, applies to each.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = BatchRequest.class)))
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = BatchResult.class)))
    public Response batch(String body, @QueryParam("force") @DefaultValue("false") boolean force) {
        if (body != null && body.length() > limit.max()) {
            return Problem.response(413, "Content Too Large", "the body is larger than " + limit.max() + " bytes",
                    "/api/papers/batch");
        }
        JsonNode node = parse(body);
        if (!objectOf(node, "arxivIds", "format") || !node.path("arxivIds").isArray()) {
            return badShape("expected {\"arxivIds\": [\"<arXiv ID or URL>\", …]}, optionally with \"format\": "
                    + "\"solo\" | \"duo\"");
        }
        JsonNode ids = node.get("arxivIds");
        if (ids.isEmpty() || ids.size() > MAX_BATCH) {
            return badShape("arxivIds must hold 1 to " + MAX_BATCH + " IDs");
        }
        String format = ShowFormats.ofSubmission(node.get("format"));
        List<BatchItem> results = new ArrayList<>();
        int accepted = 0;
        int existing = 0;
        int invalid = 0;
        int refused = 0;
        boolean nudge = false;
        for (JsonNode item : ids) {
            String input = item.isTextual() ? item.asText() : item.toString();
            var parsed = item.isTextual() ? ArxivId.parse(input) : java.util.Optional.<ArxivId>empty();
            if (parsed.isEmpty()) {
                invalid++;
                results.add(new BatchItem(Problem.echo(input), null, 400, null,
                        "not an arXiv identifier; accepted forms: " + ArxivId.ACCEPTED_FORMS));
                continue;
            }
            IntakeService.Submission s = submitOnce(parsed.get(), force, format);
            if (s.refused() != null) {
                refused++;
            } else if (s.newProduction()) {
                accepted++;
                nudge = true;
            } else {
                existing++;
            }
            results.add(new BatchItem(Problem.echo(input), s.paper().arxivId,
                    s.refused() != null ? 409 : s.newProduction() ? 202 : 200, PaperView.location(s.paper().arxivId),
                    s.refused() != null ? s.refused() : s.newProduction() ? "accepted" : "already known"));
        }
        if (nudge) {
            worker.nudge();
        }
        return Response.ok(new BatchResult(accepted, existing, invalid, refused, results)).build();
    }

    @GET
    @Operation(summary = "List papers", description = "Newest first, with paging and an optional status filter. Public.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = PageOf.class)))
    public Response list(@QueryParam("status") String status, @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("20") int size) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            if (page < 0 || size < 1 || size > 200) {
                return Problem.response(400, "Bad Request", "page must be >= 0 and size between 1 and 200",
                        "/api/papers");
            }
            PanacheQuery<Paper> q;
            Sort sort = Sort.descending("createdAt").and("arxivId");
            if (status == null || status.isBlank()) {
                q = Paper.findAll(sort);
            } else {
                PaperStatus s;
                try {
                    s = PaperStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    return Problem.response(400, "Bad Request", "unknown status '" + Problem.echo(status)
                            + "'; one of " + java.util.Arrays.toString(PaperStatus.values()), "/api/papers");
                }
                q = Paper.find("from Paper p where p.arxivId in (select s.arxivId from StatusRecord s where s.status = ?1)",
                        sort, s);
            }
            List<Paper> found = q.page(Page.of(page, size)).list();
            List<PaperView> items = Views.withStages(found);
            return Response.ok(new PageOf(items, page, size, q.count())).build();
        });
    }

    @GET
    @Path(ID)
    @Produces({ MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE })
    @Operation(summary = "Get one paper", description = "Its status (and, when FAILED, failedStage and reason) "
            + "and its stage timeline. Public.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = PaperView.class)))
    @APIResponse(responseCode = "404", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response get(@PathParam("id") String id) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            var parsed = ArxivId.parse(slashDecoded(id));
            if (parsed.isEmpty()) {
                return invalidId(id);
            }
            Paper p = Paper.findById(parsed.get().id());
            StatusRecord s = StatusRecord.findById(parsed.get().id());
            if (p == null || s == null) {
                return Problem.response(404, "Not Found", "no paper " + parsed.get().id() + " has been submitted",
                        PaperView.location(parsed.get().id()));
            }
            return Response.ok(PaperView.of(p, s, StageTransition.timeline(p.arxivId),
                    StageProgress.ofRun(s.arxivId, s.run))).build();
        });
    }

    @POST
    @Path(ID + "/retry")
    @Produces({ MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE })
    @SecurityRequirement(name = "SecurityScheme")
    @Operation(summary = "Retry a failed or stuck paper", description = "From the stage that failed: ingest runs "
            + "again here; a later stage gets a RetryRequested (attempt + 1) on pipeline.retries. A later stage that "
            + "has shown no progress for paperledge.retry.stuck-after (30 min) is retried the same way.")
    @APIResponse(responseCode = "202", content = @Content(schema = @Schema(implementation = RetryAccepted.class)))
    @APIResponse(responseCode = "409", description = "nothing to retry: published, still ingesting, or a stage "
            + "running that has not been quiet for long enough (the detail says which)",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response retry(@PathParam("id") String id) {
        var parsed = ArxivId.parse(slashDecoded(id));
        if (parsed.isEmpty()) {
            return invalidId(id);
        }
        Stage stage = retries.retry(parsed.get().id());
        PaperView view = view(parsed.get().id());
        return Response.accepted(new RetryAccepted(view.arxivId(), stage, view))
                .location(URI.create(PaperView.location(view.arxivId()))).build();
    }

    /** Path parameters arrive decoded; this covers a slash that reaches us still encoded. */
    private static String slashDecoded(String id) {
        return id.replace("%2F", "/").replace("%2f", "/");
    }

    /** The paper as it is now (without timeline and stages), read in one transaction. */
    private static PaperView view(String id) {
        return QuarkusTransaction.joiningExisting().call(() -> PaperView.of(Paper.findById(id), StatusRecord.findById(id),
                null));
    }

    /** Two first submissions of one ID at once: one insert wins, the other finds its row. */
    private IntakeService.Submission submitOnce(ArxivId id, boolean force, String format) {
        try {
            return intake.submit(id, force, format);
        } catch (RuntimeException e) {
            // Most likely the unique key: another request inserted the same paper a moment ago.
            return intake.submit(id, force, format);
        }
    }

    private JsonNode parse(String body) {
        return strictJson(json, body);
    }

    /** The body as JSON, null when it is none; a field given twice is refused rather than last-one-wins. */
    static JsonNode strictJson(ObjectMapper json, String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return json.reader().with(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    .readTree(body);
        } catch (Exception e) {
            return null;
        }
    }

    /** Whether {@code node} is an object with {@code required} and no field but it and {@code optional}. */
    private static boolean objectOf(JsonNode node, String required, String optional) {
        if (node == null || !node.isObject() || !node.has(required)) {
            return false;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String f = it.next();
            if (!f.equals(required) && !f.equals(optional)) {
                return false;
            }
        }
        return true;
    }

    private static Response badShape(String detail) {
        return Problem.response(400, "Bad Request", detail, "/api/papers");
    }

    private static Response invalidId(String input) {
        return Problem.response(400, "Bad Request",
                "'" + Problem.echo(input) + "' is not an arXiv identifier; accepted forms: " + ArxivId.ACCEPTED_FORMS,
                "/api/papers", Map.of("acceptedForms", List.of(ArxivId.ACCEPTED_FORMS.split(", "))));
    }
}
