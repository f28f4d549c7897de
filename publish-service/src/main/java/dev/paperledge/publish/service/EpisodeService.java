package dev.paperledge.publish.service;

import java.time.Instant;
import java.util.Optional;

import org.jboss.logging.Logger;

import dev.paperledge.contracts.AudioReady;
import dev.paperledge.contracts.ObjectKeys;
import dev.paperledge.contracts.PaperSummary;
import dev.paperledge.publish.domain.Episode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Records episodes and rebuilds the feed in one transaction under the feed lock: one episode per
 * paper, guid/number/slug/first publication fixed on first sight, a newer production replacing the
 * rest in place, an older one ignored.
 */
@ApplicationScoped
public class EpisodeService {
    private static final Logger LOG = Logger.getLogger(EpisodeService.class);
    public static final String GUID_PREFIX = "paperledge:arxiv:";

    /** The outcome: the episode as now in the feed and the feed revision carrying it; stale when ignored. */
    public record Outcome(Episode episode, FeedSnapshot feed, boolean stale) {
    }

    private final FeedService feeds;

    public EpisodeService(FeedService feeds) {
        this.feeds = feeds;
    }

    public static String guidFor(String arxivId) {
        return GUID_PREFIX + arxivId;
    }

    public static String slugFor(String arxivId) {
        return ObjectKeys.idPart(arxivId);
    }

    @Transactional
    public Outcome publish(AudioReady evt) {
        feeds.lock();
        Episode e = Episode.findById(evt.arxivId());
        if (e != null && compare(evt.version(), evt.run(), e.version, e.run) < 0) {
            LOG.infof("ignoring %s v%d run %d: episode already carries the newer v%d run %d", evt.arxivId(),
                    evt.version(), evt.run(), e.version, e.run);
            return new Outcome(e, feeds.current(), true);
        }
        boolean changed = false;
        if (e == null) {
            e = new Episode();
            e.arxivId = evt.arxivId();
            e.guid = guidFor(evt.arxivId());
            e.slug = slugFor(evt.arxivId());
            e.episodeNumber = Episode.nextEpisodeNumber();
            e.publishedAt = Instant.now();
            apply(e, evt);
            e.persist();
            changed = true;
        } else if (compare(evt.version(), evt.run(), e.version, e.run) > 0) {
            apply(e, evt);
            changed = true;
        }
        FeedSnapshot feed = feeds.rebuildLocked();
        if (changed || e.feedRevision == null) {
            e.feedRevision = feed.revision();
        }
        return new Outcome(e, feed, false);
    }

    /** Removes an episode (operators; tests clean up) and rebuilds the feed. */
    @Transactional
    public boolean remove(String arxivId) {
        feeds.lock();
        boolean deleted = Episode.deleteById(arxivId);
        if (deleted) {
            feeds.rebuildLocked();
        }
        return deleted;
    }

    public Optional<Episode> find(String arxivId) {
        return Episode.findByIdOptional(arxivId);
    }

    private static int compare(int v1, int r1, int v2, int r2) {
        return v1 != v2 ? Integer.compare(v1, v2) : Integer.compare(r1, r2);
    }

    private static void apply(Episode e, AudioReady evt) {
        PaperSummary p = evt.paper();
        e.version = evt.version();
        e.run = evt.run();
        e.title = evt.episodeTitle() != null && !evt.episodeTitle().isBlank() ? evt.episodeTitle().strip()
                : p.episodeTitle();
        e.description = evt.description() != null && !evt.description().isBlank() ? evt.description().strip()
                : (p != null && p.abstractText() != null ? p.abstractText().strip() : "");
        e.paperTitle = p != null && p.title() != null ? p.title() : e.title;
        e.authors = p == null ? "" : String.join("\n", p.authors().stream().map(a -> a.replaceAll("\\s+", " ").strip()).toList());
        e.categoryName = p == null ? null : (p.categoryName() != null ? p.categoryName() : p.primaryCategory());
        e.absUrl = p == null || p.absUrl() == null ? "https://arxiv.org/abs/" + evt.arxivId() : p.absUrl();
        e.audioKey = evt.audioKey();
        e.byteSize = evt.byteSize();
        e.durationMs = evt.durationMs();
        e.mimeType = evt.mimeType() == null || evt.mimeType().isBlank() ? "audio/mpeg" : evt.mimeType();
        e.chaptersKey = evt.chaptersKey();
        e.transcriptKey = evt.transcriptKey();
        e.speechEngine = evt.speechEngine();
        e.updatedAt = Instant.now();
    }
}
