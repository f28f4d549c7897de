package dev.paperledge.publish.rest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.paperledge.contracts.AudioReady;
import dev.paperledge.contracts.SubscriptionRule;
import dev.paperledge.publish.config.ShowConfig;
import dev.paperledge.publish.domain.Episode;
import dev.paperledge.publish.domain.EpisodeVersion;
import dev.paperledge.publish.domain.TopicRule;
import dev.paperledge.publish.feed.FeedBuilder;
import dev.paperledge.publish.feed.ShowSettings;
import dev.paperledge.publish.service.TopicFeeds;
import dev.paperledge.stage.storage.ObjectStore;
import dev.paperledge.stage.storage.ObjectStoreUnavailable;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.BadRequestException;
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
 * transcript, credits), paged, and a page per episode with its transcript (lines with their sources
 * in the paper) and listening check. Server-rendered and complete without script; the episode
 * page's one static script ({@code /episode.js}) follows the audio in the transcript.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML + ";charset=utf-8")
public class PageResource {
    private static final DateTimeFormatter SITE_DATE = DateTimeFormatter.ofPattern("EEEE MMM d, yyyy", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ISO_DATE = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    /** What the templates show of an episode. */
    public record EpisodeView(String slug, String isoDate, String dateLabel, String title, String description,
            String audioUrl, String transcriptUrl, String jsonTranscriptUrl, String creditLine, String paperUrl, String duration, int number,
            String format, String formatLine, String updateNote, String category) {
    }

    /** An earlier arXiv version of an episode whose audio is still served. */
    public record VersionView(int version, String audioUrl, String duration) {
    }

    /** A feed the page links: its title and address. */
    public record FeedLink(String title, String url) {
    }

    /** A primary category with episodes: filter link and feed; {@code current} when the list shows it. */
    public record CategoryView(String code, String name, long episodes, boolean current, String feedUrl) {
    }

    /** Links to neighbouring pages; zero when there is none. */
    public record Paging(int page, int pages, int newer, int older) {
    }

    /**
     * A transcript line as the page shows it: the speaker named only where it changes; {@code cohost}
     * when a duo episode's second host says it (the page sets those lines apart by more than colour).
     */
    public record LineView(Transcripts.Line line, boolean newSpeaker, boolean cohost) {
    }

    /** The listening check in words and figures (the verdict is text, not colour alone). */
    public record CheckView(String recognizer, boolean passed, String wer, String baselineWer,
            List<SectionView> sections) {
    }

    /** One section of the check; {@code verdict} is green, amber, red or unknown (a CSS class). */
    public record SectionView(String title, String verdict, String verdictLabel, String mark, String wer,
            String bareWer, String longestSilence, String notes) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(ShowSettings show, List<EpisodeView> episodes, Paging paging,
                List<CategoryView> categories, CategoryView selected, List<FeedLink> topics, String pageQuery);

        static native TemplateInstance episode(ShowSettings show, EpisodeView episode, List<LineView> lines,
                boolean sourced, CheckView check, String aiNote, List<VersionView> versions);
    }

    private static final Logger LOG = Logger.getLogger(PageResource.class);
    private final ShowSettings show;
    private final ObjectStore store;
    private final ObjectMapper json;
    private final int pageSize;
    private final long transcriptMaxBytes;

    private final TopicFeeds topicFeeds;

    public PageResource(ShowSettings show, ObjectStore store, ObjectMapper json, ShowConfig config,
            TopicFeeds topicFeeds) {
        this.show = show;
        this.topicFeeds = topicFeeds;
        this.store = store;
        this.json = json;
        this.pageSize = Math.max(1, config.page().size());
        this.transcriptMaxBytes = config.page().transcriptMaxBytes();
    }

    @GET
    @Operation(summary = "The public episode list (HTML), newest first, paged with ?page=, one arXiv primary category"
            + " with ?category=cs.CL; links every feed")
    public TemplateInstance index(@QueryParam("page") @DefaultValue("1") int page,
            @QueryParam("category") String category) {
        if (category != null && !FeedResource.CATEGORY.matcher(category).matches()) {
            throw new BadRequestException("not an arXiv category code such as cs.CL: " + category);
        }
        List<CategoryView> categories = Episode.primaryCategories().stream().map(c -> new CategoryView(c.code(),
                c.name(), c.episodes(), c.code().equals(category), show.categoryFeedUrl(c.code()))).toList();
        CategoryView selected = categories.stream().filter(CategoryView::current).findFirst().orElse(null);
        if (category != null && selected == null) {
            throw new NotFoundException();
        }
        long count = selected == null ? Episode.count() : selected.episodes();
        int pages = (int) Math.max(1, (count + pageSize - 1) / pageSize);
        if (page < 1 || page > pages) {
            throw new NotFoundException();
        }
        List<Episode> list = selected == null ? Episode.page(page - 1, pageSize)
                : Episode.pageInPrimaryCategory(category, page - 1, pageSize);
        List<EpisodeView> views = list.stream().map(this::view).toList();
        Paging paging = new Paging(page, pages, page > 1 ? page - 1 : 0, page < pages ? page + 1 : 0);
        List<FeedLink> topics = TopicRule.bySlug().stream()
                .map(r -> new FeedLink(topicFeeds.read(r).map(SubscriptionRule::title).filter(t -> !t.isBlank())
                        .orElse(r.slug), show.topicFeedUrl(r.slug)))
                .toList();
        return Templates.index(show, views, paging, categories, selected, topics,
                selected == null ? "" : "&category=" + selected.code());
    }

    @GET
    @Path("episodes/{slug}")
    @Operation(summary = "One episode's page (HTML) with its transcript, sources and listening check")
    public TemplateInstance episode(@PathParam("slug") String slug) {
        Episode e = Episode.bySlug(slug).orElseThrow(NotFoundException::new);
        List<Transcripts.Line> lines = lines(e);
        List<LineView> views = new ArrayList<>(lines.size());
        List<String> hosts = e.hostList(show.host());
        List<String> cohosts = e.duo() ? hosts.subList(1, hosts.size()) : List.of();
        String speaker = null;
        for (Transcripts.Line l : lines) {
            views.add(new LineView(l, l.speaker() != null && !l.speaker().equals(speaker),
                    l.speaker() != null && cohosts.contains(l.speaker().strip())));
            speaker = l.speaker();
        }
        boolean sourced = lines.stream().anyMatch(l -> l.source() != null);
        List<VersionView> versions = EpisodeVersion.of(e.arxivId).stream().map(v -> new VersionView(v.version,
                "/episodes/" + e.slug + "/v" + v.version + "/audio.mp3", Transcripts.clock(v.durationMs / 1000.0)))
                .toList();
        return Templates.episode(show, view(e), views, sourced, check(e), FeedBuilder.AI_NOTE, versions);
    }

    /** From the JSON transcript when it is there and sound, else from the WebVTT; none when neither. */
    List<Transcripts.Line> lines(Episode e) {
        Optional<String> fromJson = text(e, e.jsonTranscriptKey);
        if (fromJson.isPresent()) {
            try {
                return Transcripts.fromJson(fromJson.get());
            } catch (Transcripts.Unusable u) {
                LOG.warnf("JSON transcript %s of %s is unusable (%s): showing the WebVTT", e.jsonTranscriptKey,
                        e.arxivId, u.getMessage());
            }
        }
        return text(e, e.transcriptKey).map(Transcripts::fromVtt).orElse(List.of());
    }

    private Optional<String> text(Episode e, String key) {
        if (key == null || !Episode.ownsKey(e.slug, key)) {
            return Optional.empty();
        }
        Optional<ObjectStore.ObjectInfo> info = store.stat(key);
        if (info.isEmpty()) {
            return Optional.empty();
        }
        if (info.get().size() > transcriptMaxBytes) {
            LOG.warnf("transcript %s of %s has %d bytes, over paperledge.page.transcript-max-bytes (%d): not shown",
                    key, e.arxivId, info.get().size(), transcriptMaxBytes);
            return Optional.empty();
        }
        // A page request: the store's short retry policy (read), not the stage's long one.
        try (java.io.InputStream in = store.read(key, 0, -1)) {
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (java.io.IOException ex) {
            throw new ObjectStoreUnavailable("object store: could not read " + key, ex);
        }
    }

    /** The listening check stored with the episode, or null when there was none (or it is unreadable). */
    CheckView check(Episode e) {
        if (e.listening == null) {
            return null;
        }
        AudioReady.Listening l;
        try {
            l = json.readValue(e.listening, AudioReady.Listening.class);
        } catch (JsonProcessingException x) {
            LOG.warnf("listening check of %s is unreadable: %s", e.arxivId, x.getOriginalMessage());
            return null;
        }
        List<SectionView> sections = new ArrayList<>();
        for (AudioReady.SectionCheck s : l.sections() == null ? List.<AudioReady.SectionCheck>of() : l.sections()) {
            String verdict = s.verdict() == null ? "unknown" : s.verdict().toLowerCase(Locale.ROOT);
            String mark = switch (verdict) {
                case "green" -> "✓";
                case "amber" -> "!";
                case "red" -> "✗";
                default -> "?";
            };
            if (mark.equals("?")) {
                verdict = "unknown";
            }
            List<String> notes = new ArrayList<>();
            if (s.rerendered()) {
                notes.add("rendered a second time");
            }
            if (s.flags() != null && !s.flags().isEmpty()) {
                notes.add("flagged: " + String.join(", ", s.flags()));
            }
            sections.add(new SectionView(s.title() == null ? "" : s.title(), verdict,
                    verdict.substring(0, 1).toUpperCase(Locale.ROOT) + verdict.substring(1), mark, percent(s.wer()),
                    s.bareWer() == null ? "not measured" : percent(s.bareWer()),
                    String.format(Locale.ROOT, "%.1f\u00a0s", s.longestSilenceMs() / 1000.0),
                    notes.isEmpty() ? "none" : String.join("; ", notes)));
        }
        return new CheckView(l.recognizer() == null ? "a speech recogniser" : l.recognizer(), l.passed(),
                percent(l.wer()), percent(l.baselineWer()), sections);
    }

    /** 0.183 → "18.3 %" (a no-break space: the figure never wraps away from its unit). */
    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f\u00a0%%", fraction * 100);
    }

    EpisodeView view(Episode e) {
        String base = "/episodes/" + e.slug;
        String duration = Transcripts.clock(e.durationMs / 1000.0);
        return new EpisodeView(e.slug, ISO_DATE.format(e.publishedAt), SITE_DATE.format(e.publishedAt), e.title,
                e.description, base + "/audio.mp3", e.transcriptKey == null ? null : base + "/transcript.vtt",
                e.jsonTranscriptKey == null ? null : base + "/transcript.json",
                e.creditLine(), e.absUrl, duration, e.episodeNumber, e.duo() ? Episode.DUO : Episode.SOLO,
                e.formatLine(show.host()), e.updateNote, e.primaryCategory);
    }
}
