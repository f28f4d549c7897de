package dev.paperledge.ingest.dashboard;

import java.util.List;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

import dev.paperledge.ingest.domain.Paper;
import dev.paperledge.ingest.rest.PaperView;
import dev.paperledge.ingest.rest.Views;
import dev.paperledge.ingest.status.PipelineStats;
import dev.paperledge.ingest.subscription.RuleView;
import dev.paperledge.ingest.subscription.SubscriptionPoller;
import dev.paperledge.ingest.subscription.Subscriptions;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Multi;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Data for the operator dashboard (the page itself is {@code /index.html}): a snapshot of the most
 * recent papers with the pipeline's figures, and a server-sent event stream of changes. Public reads,
 * like the rest of the GET API: nothing here is secret.
 */
@Path("/api/dashboard")
@Tag(name = "dashboard", description = "The live pipeline view")
public class DashboardResource {
    static final int ROWS = 200;

    private final DashboardFeed feed;
    private final PipelineStats stats;
    private final Subscriptions rules;
    private final SubscriptionPoller poller;
    private final String publicBaseUrl;

    public DashboardResource(DashboardFeed feed, PipelineStats stats, Subscriptions rules, SubscriptionPoller poller,
            @ConfigProperty(name = "paperledge.public-base-url") String publicBaseUrl) {
        this.feed = feed;
        this.stats = stats;
        this.rules = rules;
        this.poller = poller;
        this.publicBaseUrl = publicBaseUrl.replaceAll("/+$", "");
    }

    /** The page's starting point; {@code rules}: the watch rules with their last and next poll. */
    public record Snapshot(List<PaperView> papers, PipelineStats.Stats stats, String feedUrl, String publicBaseUrl,
            List<RuleView> rules) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Dashboard snapshot", description = "The 200 most recently submitted papers with their "
            + "stages, the counters, throughput and latency, the feed's URL and the watch rules.")
    public Snapshot snapshot() {
        PipelineStats.Stats s = stats.computeQuietly();
        return new Snapshot(papers(), s, publicBaseUrl + "/feed.xml", publicBaseUrl,
                rules.views(poller.nextPoll().orElse(null)));
    }

    private static List<PaperView> papers() {
        return QuarkusTransaction.requiringNew().call(() -> Views.withStages(
                Paper.<Paper>findAll(Sort.descending("createdAt").and("arxivId")).page(Page.ofSize(ROWS)).list()));
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Live updates", description = "Server-sent events: {type: paper, paper} after each change "
            + "of a paper, {type: stats, stats} every few seconds; the first event is {type: hello}.")
    public Multi<DashboardFeed.Update> stream() {
        return Multi.createBy().merging().streams(
                Multi.createFrom().item(new DashboardFeed.Update("hello", null, stats.last())), feed.updates());
    }
}
