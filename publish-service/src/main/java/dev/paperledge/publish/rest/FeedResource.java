package dev.paperledge.publish.rest;

import java.util.Date;
import java.util.function.Supplier;

import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.paperledge.publish.service.FeedService;
import dev.paperledge.publish.service.FeedSnapshot;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

/** The podcast feed and the show's artwork, with validators so polling apps get 304s. */
@Path("/")
public class FeedResource {
    private final FeedService feeds;

    public FeedResource(FeedService feeds) {
        this.feeds = feeds;
    }

    @GET
    @Path("feed.xml")
    @Operation(summary = "The podcast feed (RSS 2.0 + iTunes + Podcasting 2.0); conditional GET answers 304")
    public Uni<Response> feed(@Context Request request) {
        return serve(request, feeds::cached, feeds::current, FeedService.FEED_CONTENT_TYPE, 60);
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
