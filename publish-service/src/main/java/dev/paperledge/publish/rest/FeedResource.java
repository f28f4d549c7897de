package dev.paperledge.publish.rest;

import java.util.Date;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.paperledge.publish.service.FeedService;
import dev.paperledge.publish.service.FeedSnapshot;
import dev.paperledge.publish.service.TopicFeeds;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

/** The podcast feeds (main, topics, categories, OPML) and the show's artwork, with validators so polling apps get 304s. */
@Path("/")
public class FeedResource {
    /** A rule's slug as ingest-service allows it: lower-case letters, digits, inner hyphens. */
    public static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?");
    /** An arXiv category code: {@code cs.CL}, {@code hep-th}, {@code q-bio.NC}, {@code cond-mat.mes-hall}. */
    public static final Pattern CATEGORY = Pattern.compile("[a-z]{1,16}(?:-[a-z]{1,16})?(?:\\.[A-Za-z]{1,16}(?:-[A-Za-z]{1,16})?)?");

    private final FeedService feeds;
    private final TopicFeeds topics;

    public FeedResource(FeedService feeds, TopicFeeds topics) {
        this.feeds = feeds;
        this.topics = topics;
    }

    @GET
    @Path("feed.xml")
    @Operation(summary = "The podcast feed (RSS 2.0 + iTunes + Podcasting 2.0); conditional GET answers 304")
    public Uni<Response> feed(@Context Request request) {
        return serve(request, feeds::cached, feeds::current, FeedService.FEED_CONTENT_TYPE, 60);
    }

    @GET
    @Path("feeds/{slug}.xml")
    @Operation(summary = "A topic's feed: the episodes its watch rule matches; 404 for an unknown rule")
    public Uni<Response> topicFeed(@PathParam("slug") String slug, @Context Request request) {
        return topic(request, "/feeds/" + slug + ".xml", slug, SLUG, "a topic name (lower-case letters, digits and hyphens)",
                () -> topics.cachedRule(slug), () -> topics.ruleFeed(slug));
    }

    @GET
    @Path("feeds/categories/{category}.xml")
    @Operation(summary = "The feed of one arXiv primary category (e.g. cs.CL); 404 when it has no episodes")
    public Uni<Response> categoryFeed(@PathParam("category") String category, @Context Request request) {
        return topic(request, "/feeds/categories/" + category + ".xml", category, CATEGORY,
                "an arXiv category code such as cs.CL", () -> topics.cachedCategory(category),
                () -> topics.categoryFeed(category));
    }

    @GET
    @Path("feeds.opml")
    @Operation(summary = "Every feed (main, topics, categories) as an OPML 2.0 subscription list")
    public Uni<Response> opml(@Context Request request) {
        return serve(request, topics::cachedOpml, topics::opml, TopicFeeds.OPML_CONTENT_TYPE, 60);
    }

    /** A topic or category feed: a malformed name answers 400, a feed that does not exist 404 (problem details). */
    private static Uni<Response> topic(Request request, String path, String name, Pattern valid, String what,
            Supplier<FeedSnapshot> cached, Supplier<FeedSnapshot> load) {
        if (!valid.matcher(name).matches()) {
            throw Problems.badRequest("'" + name + "' is not " + what, path);
        }
        return serve(request, cached, () -> {
            try {
                return load.get();
            } catch (TopicFeeds.NoSuchFeed e) {
                throw Problems.notFound(e.getMessage(), path);
            }
        }, FeedService.FEED_CONTENT_TYPE, 60);
    }

    @GET
    @Path("artwork.png")
    @Operation(summary = "The show's square cover art")
    public Uni<Response> artwork(@Context Request request) {
        return serve(request, feeds::cachedArtwork, feeds::artwork, "image/png", 86400);
    }

    /** From memory on the event loop; the first load (object store, database) on a worker thread. */
    private static Uni<Response> serve(Request request, Supplier<FeedSnapshot> cached, Supplier<FeedSnapshot> load,
            String type, int maxAge) {
        FeedSnapshot snap = cached.get();
        if (snap != null) {
            return Uni.createFrom().item(conditional(request, snap, type, maxAge));
        }
        return Uni.createFrom().item(() -> conditional(request, load.get(), type, maxAge))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    static Response conditional(Request request, FeedSnapshot snap, String type, int maxAgeSeconds) {
        EntityTag etag = new EntityTag(snap.revision());
        Date lastModified = Date.from(snap.lastModified());
        CacheControl cc = new CacheControl();
        cc.setMaxAge(maxAgeSeconds);
        Response.ResponseBuilder notModified = request.evaluatePreconditions(lastModified, etag);
        if (notModified != null) {
            return notModified.tag(etag).lastModified(lastModified).cacheControl(cc).build();
        }
        return Response.ok(snap.content(), type).tag(etag).lastModified(lastModified).cacheControl(cc).build();
    }
}
