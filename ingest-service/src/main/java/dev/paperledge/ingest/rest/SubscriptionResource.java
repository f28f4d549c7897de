package dev.paperledge.ingest.rest;

import dev.paperledge.stage.rest.Problem;
import java.net.URI;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.paperledge.contracts.SubscriptionRule;
import dev.paperledge.ingest.subscription.RuleView;
import dev.paperledge.ingest.subscription.SubscriptionPoller;
import dev.paperledge.ingest.subscription.Subscriptions;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Watch rules: which new arXiv papers are produced without an operator typing their IDs. Writes need
 * {@code X-API-Key}; reads are public. Each create and update publishes the rule on the
 * {@code subscriptions} topic (a delete its tombstone) for publish-service's per-topic feeds.
 */
@Path("/api/subscriptions")
@Produces({ MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE })
@Tag(name = "subscriptions", description = "Watch rules that submit new arXiv papers by category, words or author")
public class SubscriptionResource {
    static final String SLUG = "{slug: [^/]+}";

    private final Subscriptions rules;
    private final SubscriptionPoller poller;
    private final ObjectMapper json;

    public SubscriptionResource(Subscriptions rules, SubscriptionPoller poller, ObjectMapper json) {
        this.rules = rules;
        this.poller = poller;
        this.json = json;
    }

    /** Body of a create or update. */
    @Schema(name = "SubscriptionRequest")
    public record RuleRequest(
            @Schema(required = true, pattern = "^[a-z0-9][a-z0-9-]{0,39}$", description = "the rule's name in URLs "
                    + "(/feeds/{slug}.xml); on PUT it may be left out") String slug,
            @Schema(required = true, maxLength = Subscriptions.MAX_TITLE, example = "Language models") String title,
            @Schema(description = "arXiv category codes (any of them, primary or cross-list)", example = "[\"cs.CL\"]",
                    maxItems = Subscriptions.MAX_VALUES) List<String> categories,
            @Schema(description = "words or phrases in the title or abstract (any of them)",
                    maxItems = Subscriptions.MAX_VALUES) List<String> keywords,
            @Schema(description = "author names (any of them); an initial stands for a first name",
                    maxItems = Subscriptions.MAX_VALUES) List<String> authors,
            @Schema(minimum = "1", maximum = "50", defaultValue = "5",
                    description = "the most papers the rule submits per UTC day") Integer dailyCap,
            @Schema(enumeration = { "solo", "duo" }, description = "the episodes' format; left out: "
                    + "PAPERLEDGE_SHOW_FORMAT") String format) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @SecurityRequirement(name = "SecurityScheme")
    @Operation(summary = "Create a rule", description = "Facets combine with AND, values within one with OR; at "
            + "least one category, keyword or author. Published to the subscriptions topic.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RuleRequest.class)))
    @APIResponse(responseCode = "201", description = "created; Location names the rule",
            content = @Content(schema = @Schema(implementation = RuleView.class)))
    @APIResponse(responseCode = "400", description = "not a valid rule (the detail lists every problem)",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "a rule with this slug exists",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response create(String body) {
        SubscriptionRule rule = rules.create(rules.read(PaperResource.strictJson(json, body), null));
        return Response.created(URI.create("/api/subscriptions/" + rule.slug()))
                .entity(rules.view(rule.slug(), poller.nextPoll().orElse(null))).build();
    }

    @GET
    @Operation(summary = "List the rules", description = "Each with its arXiv query, last poll, next poll and "
            + "the papers it submitted. Public.")
    public List<RuleView> list() {
        return rules.views(poller.nextPoll().orElse(null));
    }

    @GET
    @Path(SLUG)
    @Operation(summary = "One rule")
    @APIResponse(responseCode = "404", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public RuleView get(@PathParam("slug") String slug) {
        return rules.view(slug, poller.nextPoll().orElse(null));
    }

    @PUT
    @Path(SLUG)
    @Consumes(MediaType.APPLICATION_JSON)
    @SecurityRequirement(name = "SecurityScheme")
    @Operation(summary = "Replace a rule", description = "The whole rule (as on create); the slug cannot change.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RuleRequest.class)))
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = RuleView.class)))
    @APIResponse(responseCode = "400", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public RuleView update(@PathParam("slug") String slug, String body) {
        rules.get(slug);
        SubscriptionRule rule = rules.update(rules.read(PaperResource.strictJson(json, body), slug));
        return rules.view(rule.slug(), poller.nextPoll().orElse(null));
    }

    @DELETE
    @Path(SLUG)
    @SecurityRequirement(name = "SecurityScheme")
    @Operation(summary = "Delete a rule", description = "Its tombstone goes to the subscriptions topic; papers it "
            + "submitted stay.")
    @APIResponse(responseCode = "204")
    @APIResponse(responseCode = "404", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "The broker did not acknowledge the tombstone; the rule is kept",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response delete(@PathParam("slug") String slug) {
        rules.delete(slug);
        return Response.noContent().build();
    }

    @POST
    @Path(SLUG + "/run")
    @SecurityRequirement(name = "SecurityScheme")
    @Operation(summary = "Poll a rule now", description = "Reads arXiv's listing for the rule and submits what it "
            + "finds within the daily cap; answers the poll's record: found, new, submitted, skipped with reasons, "
            + "or the error.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = RuleView.PollView.class)))
    @APIResponse(responseCode = "404", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "another poll is running",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public RuleView.PollView run(@PathParam("slug") String slug) {
        return rules.view(poller.poll(slug, "operator"));
    }
}
