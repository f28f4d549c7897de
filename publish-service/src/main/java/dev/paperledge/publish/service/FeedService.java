package dev.paperledge.publish.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jboss.logging.Logger;

import dev.paperledge.contracts.ObjectKeys;
import dev.paperledge.publish.config.ShowConfig;
import dev.paperledge.publish.domain.Episode;
import dev.paperledge.publish.feed.Artwork;
import dev.paperledge.publish.feed.FeedBuilder;
import dev.paperledge.publish.feed.ShowSettings;
import dev.paperledge.stage.storage.ObjectStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * Owns the feed: rebuilds it from the episodes, writes it to the object store
 * ({@code feed/feed.xml}) and keeps the current revision in memory for serving. Rebuilds take a
 * PostgreSQL advisory lock so instances never interleave (a late writer cannot put back an older
 * snapshot); other instances pick up a new revision from the object store on their next refresh.
 */
@ApplicationScoped
public class FeedService {
    private static final Logger LOG = Logger.getLogger(FeedService.class);
    public static final String FEED_KEY = ObjectKeys.feed("feed.xml");
    public static final String ARTWORK_KEY = ObjectKeys.feed("artwork.png");
    public static final String FEED_CONTENT_TYPE = "application/rss+xml; charset=utf-8";
    /** Any fixed number: the advisory lock that serialises feed rebuilds across instances. */
    static final long FEED_LOCK = 0x50_4c_46_45_45_44L;

    private final ObjectStore store;
    private final FeedBuilder builder;
    private final EntityManager em;
    private final int artworkSize;
    private volatile FeedSnapshot current;
    private volatile FeedSnapshot artwork;

    public FeedService(ObjectStore store, ShowSettings show, EntityManager em, ShowConfig config) {
        this.store = store;
        this.builder = new FeedBuilder(show);
        this.em = em;
        this.artworkSize = config.show().artworkSize();
    }

    public ShowSettings show() {
        return builder.show();
    }

    /** Takes the lock that serialises episode numbering and feed rebuilds; inside a transaction. */
    public void lock() {
        em.createNativeQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(" + FEED_LOCK + ")) l").getSingleResult();
    }

    /**
     * Rebuilds and stores the feed from the episodes committed in the database, under the lock (so
     * stores never interleave across instances), and gives episodes recorded since the last
     * rebuild this revision, in a transaction of its own. Call it after the transaction that changed episodes has committed: the
     * stored feed is then always derived from committed state, and redoing it is harmless.
     */
    public FeedSnapshot rebuild() {
        return QuarkusTransaction.requiringNew().call(() -> {
            lock();
            FeedSnapshot snap = rebuildLocked();
            Episode.update("feedRevision = ?1 where feedRevision is null", snap.revision());
            return snap;
        });
    }

    private FeedSnapshot rebuildLocked() {
        List<Episode> episodes = Episode.newestFirst();
        byte[] content = builder.build(episodes);
        String revision = revisionOf(content);
        FeedSnapshot known = current != null ? current : loadStored().orElse(null);
        if (known != null && known.revision().equals(revision)) {
            current = known;
            return known;
        }
        FeedSnapshot snap = new FeedSnapshot(content, revision, Instant.now().truncatedTo(ChronoUnit.SECONDS));
        store.put(FEED_KEY, content, FEED_CONTENT_TYPE,
                Map.of("revision", revision, "last-modified", Long.toString(snap.lastModified().getEpochSecond())));
        current = snap;
        LOG.infof("feed rebuilt: %d episodes, %d bytes, revision %s", episodes.size(), content.length, revision);
        return snap;
    }

    /** The feed in memory, or null before the first load. */
    public FeedSnapshot cached() {
        return current;
    }

    public FeedSnapshot cachedArtwork() {
        return artwork;
    }

    /** The feed as served now; loaded from the store, or built, on first use. */
    public FeedSnapshot current() {
        FeedSnapshot c = current;
        if (c == null) {
            c = loadStored().orElseGet(this::rebuild);
            current = c;
        }
        return c;
    }

    /** Another instance may have rebuilt the feed: pick up its revision. */
    @Scheduled(every = "${paperledge.feed.refresh-every}", delayed = "${paperledge.feed.refresh-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        try {
            store.stat(FEED_KEY).ifPresent(info -> {
                String rev = info.userMetadata().get("revision");
                FeedSnapshot c = current;
                if (rev != null && (c == null || !rev.equals(c.revision()))) {
                    loadStored().ifPresent(s -> current = s);
                }
            });
        } catch (RuntimeException e) {
            LOG.warnf("feed refresh from the object store failed: %s", e.getMessage());
        }
    }

    Optional<FeedSnapshot> loadStored() {
        return store.stat(FEED_KEY).flatMap(info -> store.get(FEED_KEY).map(content -> {
            String lm = info.userMetadata().get("last-modified");
            Instant lastModified = lm != null ? Instant.ofEpochSecond(Long.parseLong(lm))
                    : Optional.ofNullable(info.lastModified()).orElse(Instant.now()).truncatedTo(ChronoUnit.SECONDS);
            return new FeedSnapshot(content, revisionOf(content), lastModified);
        }));
    }

    /** The show's artwork (generated once, kept in the object store). */
    public FeedSnapshot artwork() {
        FeedSnapshot a = artwork;
        if (a == null) {
            a = ensureArtwork();
        }
        return a;
    }

    synchronized FeedSnapshot ensureArtwork() {
        if (artwork != null) {
            return artwork;
        }
        byte[] png = Artwork.png(artworkSize, show().title());
        String revision = revisionOf(png);
        Optional<ObjectStore.ObjectInfo> stored = store.stat(ARTWORK_KEY);
        Instant lastModified;
        if (stored.isPresent() && revision.equals(stored.get().userMetadata().get("revision"))) {
            String lm = stored.get().userMetadata().get("last-modified");
            lastModified = lm != null ? Instant.ofEpochSecond(Long.parseLong(lm)) : Instant.now().truncatedTo(ChronoUnit.SECONDS);
        } else {
            lastModified = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            store.put(ARTWORK_KEY, png, "image/png",
                    Map.of("revision", revision, "last-modified", Long.toString(lastModified.getEpochSecond())));
        }
        artwork = new FeedSnapshot(png, revision, lastModified);
        return artwork;
    }

    public static String revisionOf(byte[] content) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(content);
            return HexFormat.of().formatHex(h, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
