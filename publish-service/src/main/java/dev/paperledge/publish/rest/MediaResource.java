package dev.paperledge.publish.rest;

import java.io.InputStream;
import java.util.Date;
import java.util.Optional;
import java.util.function.Function;

import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.paperledge.publish.domain.Episode;
import dev.paperledge.publish.domain.EpisodeVersion;
import dev.paperledge.stage.storage.ObjectStore;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * An episode's audio, transcript and chapters from the object store, at stable URLs named by the
 * feed, with single byte ranges (players seek).
 */
@Path("/")
public class MediaResource {
    public static final String CHAPTERS_TYPE = "application/json+chapters";
    public static final String JSON_TRANSCRIPT_TYPE = "application/json";
    private final ObjectStore store;

    public MediaResource(ObjectStore store) {
        this.store = store;
    }

    @GET
    @Path("episodes/{slug}/audio.mp3")
    @Operation(summary = "The episode's MP3 (HTTP Range supported)")
    public Response audio(@PathParam("slug") String slug, @HeaderParam("Range") String range,
            @HeaderParam("If-Range") String ifRange) {
        return serve(slug, e -> e.audioKey, "audio", e -> e.mimeType, range, ifRange);
    }

    @GET
    @Path("episodes/{slug}/transcript.{format: vtt|json}")
    @Operation(summary = "The episode's transcript: WebVTT (.vtt) or Podcasting 2.0 JSON (.json: lines with speaker,"
            + " times and sources)")
    public Response transcript(@PathParam("slug") String slug, @PathParam("format") String format,
            @HeaderParam("Range") String range, @HeaderParam("If-Range") String ifRange) {
        if (format.equals("json")) {
            return serve(slug, e -> e.jsonTranscriptKey, "transcript-json", e -> JSON_TRANSCRIPT_TYPE, range, ifRange);
        }
        return serve(slug, e -> e.transcriptKey, "transcript", e -> "text/vtt; charset=utf-8", range, ifRange);
    }

    @GET
    @Path("episodes/{slug}/chapters.json")
    @Operation(summary = "The episode's Podcasting 2.0 chapters")
    public Response chapters(@PathParam("slug") String slug, @HeaderParam("Range") String range,
            @HeaderParam("If-Range") String ifRange) {
        return serve(slug, e -> e.chaptersKey, "chapters", e -> CHAPTERS_TYPE, range, ifRange);
    }

    @GET
    @Path("episodes/{slug}/v{version: [0-9]{1,4}}/audio.mp3")
    @Operation(summary = "The MP3 of an earlier arXiv version of the episode (kept when a newer version replaced it)")
    public Response earlierAudio(@PathParam("slug") String slug, @PathParam("version") int version,
            @HeaderParam("Range") String range, @HeaderParam("If-Range") String ifRange) {
        Episode e = Episode.bySlug(slug).orElseThrow(NotFoundException::new);
        EpisodeVersion v = EpisodeVersion.of(e.arxivId, version).orElseThrow(NotFoundException::new);
        return serve(e, v.audioKey, "audio-v" + v.version + "-r" + v.run, v.mimeType, Date.from(v.replacedAt), range,
                ifRange);
    }

    private Response serve(String slug, Function<Episode, String> keyOf, String kind, Function<Episode, String> typeOf,
            String rangeHeader, String ifRange) {
        Episode e = Episode.bySlug(slug).orElseThrow(NotFoundException::new);
        // the tag changes whenever a new production replaces the files
        return serve(e, keyOf.apply(e), kind + "-v" + e.version + "-r" + e.run, typeOf.apply(e), Date.from(e.updatedAt),
                rangeHeader, ifRange);
    }

    private Response serve(Episode e, String key, String tag, String type, Date lastModified, String rangeHeader,
            String ifRange) {
        if (key == null || !Episode.ownsKey(e.slug, key)) {
            // only the paper's own objects, whatever an (older, unchecked) event named
            throw new NotFoundException();
        }
        ObjectStore.ObjectInfo info = store.stat(key).orElseThrow(NotFoundException::new);
        long size = info.size();
        EntityTag etag = new EntityTag(tag + "-" + size);
        boolean rangeApplies = ifRange == null || ifRange.equals(etag.toString());
        Optional<ByteRange> range;
        try {
            range = rangeApplies ? ByteRange.parse(rangeHeader, size) : Optional.empty();
        } catch (ByteRange.Unsatisfiable u) {
            return Response.status(416).header("Content-Range", "bytes */" + size).header("Accept-Ranges", "bytes")
                    .build();
        }
        if (range.isEmpty()) {
            InputStream body = store.read(key, 0, -1);
            return Response.ok(body, type).header("Accept-Ranges", "bytes").header(HttpHeaders.CONTENT_LENGTH, size)
                    .tag(etag).lastModified(lastModified).build();
        }
        ByteRange r = range.get();
        InputStream body = store.read(key, r.start(), r.length());
        return Response.status(206).entity(body).type(type).header("Accept-Ranges", "bytes")
                .header("Content-Range", r.contentRange(size)).header(HttpHeaders.CONTENT_LENGTH, r.length())
                .tag(etag).lastModified(lastModified).build();
    }
}
