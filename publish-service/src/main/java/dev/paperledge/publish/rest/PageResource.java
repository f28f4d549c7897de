package dev.paperledge.publish.rest;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.paperledge.publish.config.ShowConfig;
import dev.paperledge.publish.domain.Episode;
import dev.paperledge.publish.feed.FeedBuilder;
import dev.paperledge.publish.feed.ShowSettings;
import dev.paperledge.publish.storage.ObjectStore;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * The public page: episodes listed like the show's own site (date, title, description, player,
 * transcript, credits), paged, and a page per episode with its transcript. Server-rendered; no
 * script needed.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML + ";charset=utf-8")
public class PageResource {
    private static final DateTimeFormatter SITE_DATE = DateTimeFormatter.ofPattern("EEEE MMM d, yyyy", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ISO_DATE = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    /** What the templates show of an episode. */
    public record EpisodeView(String slug, String isoDate, String dateLabel, String title, String description,
            String audioUrl, String transcriptUrl, String creditLine, String paperUrl, String duration, int number) {
    }

    /** Links to neighbouring pages; zero when there is none. */
    public record Paging(int page, int pages, int newer, int older) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(ShowSettings show, List<EpisodeView> episodes, Paging paging);

        static native TemplateInstance episode(ShowSettings show, EpisodeView episode, List<Transcripts.Cue> cues,
                String aiNote);
    }

    private final ShowSettings show;
    private final ObjectStore store;
    private final int pageSize;

    public PageResource(ShowSettings show, ObjectStore store, ShowConfig config) {
        this.show = show;
        this.store = store;
        this.pageSize = Math.max(1, config.page().size());
    }

    @GET
    @Operation(summary = "The public episode list (HTML), newest first, paged with ?page=")
    public TemplateInstance index(@QueryParam("page") @DefaultValue("1") int page) {
        long count = Episode.count();
        int pages = (int) Math.max(1, (count + pageSize - 1) / pageSize);
        if (page < 1 || page > pages) {
            throw new NotFoundException();
        }
        List<EpisodeView> views = Episode.page(page - 1, pageSize).stream().map(PageResource::view).toList();
        Paging paging = new Paging(page, pages, page > 1 ? page - 1 : 0, page < pages ? page + 1 : 0);
        return Templates.index(show, views, paging);
    }

    @GET
    @Path("episodes/{slug}")
    @Operation(summary = "One episode's page (HTML) with its transcript")
    public TemplateInstance episode(@PathParam("slug") String slug) {
        Episode e = Episode.bySlug(slug).orElseThrow(NotFoundException::new);
        List<Transcripts.Cue> cues = List.of();
        if (e.transcriptKey != null && store.stat(e.transcriptKey).isPresent()) {
            cues = Transcripts.cues(new String(store.readAll(e.transcriptKey), StandardCharsets.UTF_8));
        }
        return Templates.episode(show, view(e), cues, FeedBuilder.AI_NOTE);
    }

    static EpisodeView view(Episode e) {
        String base = "/episodes/" + e.slug;
        long s = e.durationMs / 1000;
        String duration = s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format("%d:%02d", s / 60, s % 60);
        return new EpisodeView(e.slug, ISO_DATE.format(e.publishedAt), SITE_DATE.format(e.publishedAt), e.title,
                e.description, base + "/audio.mp3", e.transcriptKey == null ? null : base + "/transcript.vtt",
                e.creditLine(), e.absUrl, duration, e.episodeNumber);
    }
}
