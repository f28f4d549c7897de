package dev.paperledge.publish.service;

import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.paperledge.contracts.AudioReady;
import dev.paperledge.contracts.EpisodeScript;
import dev.paperledge.contracts.ObjectKeys;
import dev.paperledge.contracts.PaperSummary;
import dev.paperledge.publish.domain.Episode;
import dev.paperledge.publish.domain.EpisodeVersion;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Records episodes under the feed lock: one episode per paper, guid/number/slug/first publication
 * fixed on first sight, a newer production replacing the rest in place, an older one ignored. The
 * feed is rebuilt from the database after each commit, never from uncommitted state.
 */
@ApplicationScoped
public class EpisodeService {
    private static final Logger LOG = Logger.getLogger(EpisodeService.class);
    public static final String GUID_PREFIX = "paperledge:arxiv:";

    /** The outcome: the episode as now recorded; stale when the event was older and ignored. */
    public record Outcome(Episode episode, boolean stale) {
    }

    private final FeedService feeds;
    private final ObjectMapper json;

    public EpisodeService(FeedService feeds, ObjectMapper json) {
        this.feeds = feeds;
        this.json = json;
    }

    public static String guidFor(String arxivId) {
        return GUID_PREFIX + arxivId;
    }

    public static String slugFor(String arxivId) {
        return ObjectKeys.idPart(arxivId);
    }

    /**
     * Records the episode, in the caller's transaction or else one of its own; the feed is not touched
     * here. The caller rebuilds it after this transaction commits ({@link FeedService#rebuild()}), so {@code feed.xml} never shows an
     * episode the database does not have; that rebuild gives a changed episode its feed revision.
     */
    public Outcome publish(AudioReady evt) {
        return QuarkusTransaction.joiningExisting().call(() -> record(evt));
    }

    private Outcome record(AudioReady evt) {
        feeds.lock();
        Episode e = Episode.findById(evt.arxivId());
        if (e != null && compare(evt.version(), evt.run(), e.version, e.run) < 0) {
            LOG.infof("ignoring %s v%d run %d: episode already carries the newer v%d run %d", evt.arxivId(),
                    evt.version(), evt.run(), e.version, e.run);
            return new Outcome(e, true);
        }
        if (e == null) {
            e = new Episode();
            e.arxivId = evt.arxivId();
            e.guid = guidFor(evt.arxivId());
            e.slug = slugFor(evt.arxivId());
            e.episodeNumber = Episode.nextEpisodeNumber();
            e.publishedAt = Instant.now();
            apply(e, evt);
            e.persist();
        } else if (compare(evt.version(), evt.run(), e.version, e.run) > 0) {
            if (evt.version() > e.version) {
                // a newer arXiv version: the old one's audio stays served, the item says what changed
                EpisodeVersion.keep(e, Instant.now());
                e.updateNote = VersionNote.of(evt.version(), e.abstractText, abstractOf(evt.paper()));
                LOG.infof("%s updated from v%d to v%d in place (guid %s, episode %d)", evt.arxivId(), e.version,
                        evt.version(), e.guid, e.episodeNumber);
            }
            apply(e, evt);
            e.feedRevision = null; // the next feed revision carries this production
        }
        return new Outcome(e, false);
    }

    /** Removes an episode (operators; tests clean up), then rebuilds the feed once that is committed. */
    public boolean remove(String arxivId) {
        boolean deleted = QuarkusTransaction.requiringNew().call(() -> {
            feeds.lock();
            return Episode.deleteById(arxivId);
        });
        if (deleted) {
            feeds.rebuild();
        }
        return deleted;
    }

    public Optional<Episode> find(String arxivId) {
        return QuarkusTransaction.joiningExisting().call(() -> Episode.<Episode>findByIdOptional(arxivId));
    }

    private static int compare(int v1, int r1, int v2, int r2) {
        return v1 != v2 ? Integer.compare(v1, v2) : Integer.compare(r1, r2);
    }

    /** Names as stored: one a line, inner whitespace (a line break too) folded to one space. */
    private static String oneNameALine(Stream<String> names) {
        return String.join("\n", names.map(n -> n.replaceAll("\\s+", " ").strip()).toList());
    }

    private static String abstractOf(PaperSummary p) {
        return p == null || p.abstractText() == null ? null : p.abstractText().strip();
    }

    private void apply(Episode e, AudioReady evt) {
        PaperSummary p = evt.paper();
        e.version = evt.version();
        e.run = evt.run();
        e.title = evt.episodeTitle() != null && !evt.episodeTitle().isBlank() ? evt.episodeTitle().strip()
                : p.episodeTitle();
        e.description = evt.description() != null && !evt.description().isBlank() ? evt.description().strip()
                : (p != null && p.abstractText() != null ? p.abstractText().strip() : "");
        e.paperTitle = p != null && p.title() != null ? p.title() : e.title;
        e.authors = p == null ? "" : oneNameALine(p.authors().stream());
        e.categoryName = p == null ? null : (p.categoryName() != null ? p.categoryName() : p.primaryCategory());
        e.primaryCategory = p == null || p.primaryCategory() == null || p.primaryCategory().isBlank() ? null
                : p.primaryCategory().strip();
        e.categories = p == null ? "" : oneNameALine(p.categories().stream());
        e.abstractText = abstractOf(p);
        e.absUrl = p == null || p.absUrl() == null ? "https://arxiv.org/abs/" + evt.arxivId() : p.absUrl();
        e.audioKey = evt.audioKey();
        e.byteSize = evt.byteSize();
        e.durationMs = evt.durationMs();
        e.mimeType = evt.mimeType() == null || evt.mimeType().isBlank() ? "audio/mpeg" : evt.mimeType();
        e.chaptersKey = evt.chaptersKey();
        e.transcriptKey = evt.transcriptKey();
        e.jsonTranscriptKey = evt.jsonTranscriptKey();
        try {
            e.listening = evt.listening() == null ? null : json.writeValueAsString(evt.listening());
        } catch (JsonProcessingException x) {
            throw new IllegalStateException("cannot record the listening check of " + evt.arxivId(), x);
        }
        e.format = Episode.formatOf(evt.format());
        e.hosts = oneNameALine(evt.hosts().stream().map(EpisodeScript.Host::name));
        e.speechEngine = evt.speechEngine();
        e.updatedAt = Instant.now();
    }
}
