package dev.paperledge.publish.service;

import java.util.Optional;

import org.jboss.logging.Logger;

import dev.paperledge.contracts.AudioReady;
import dev.paperledge.contracts.EpisodePublished;
import dev.paperledge.contracts.ObjectKeys;
import dev.paperledge.contracts.Stage;
import dev.paperledge.publish.domain.Episode;
import dev.paperledge.publish.feed.ShowSettings;
import dev.paperledge.publish.messaging.EventPublisher;
import dev.paperledge.publish.websub.WebSubNotifier;
import dev.paperledge.stage.failure.PermanentFailure;
import dev.paperledge.stage.runner.Outcome;
import dev.paperledge.stage.runner.StageHandler;
import dev.paperledge.stage.storage.ObjectStore;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The publish stage's own work on one AudioReady, run by the stage kit's runner (which dedupes,
 * records the input, retries the database, reports failures and counts outcomes): checks everything
 * the item will point to, records the episode, rebuilds the feed once that is committed, announces
 * EpisodePublished (after the broker's ack) and pings the WebSub hub. Safe to redo: the episode is
 * keyed by paper, an equal production changes nothing and the event id is the same. Bad input throws
 * {@link PermanentFailure} (the code is the metrics' reason); an older production is held as
 * {@code stale}.
 */
@ApplicationScoped
public class PublishStage implements StageHandler<AudioReady> {
    private static final Logger LOG = Logger.getLogger(PublishStage.class);

    private final ObjectStore store;
    private final Catalogue catalogue;
    private final ShowSettings show;
    private final EventPublisher events;
    private final WebSubNotifier websub;
    private final MeterRegistry metrics;

    public PublishStage(ObjectStore store, Catalogue catalogue, ShowSettings show, EventPublisher events,
            WebSubNotifier websub, MeterRegistry metrics) {
        this.store = store;
        this.catalogue = catalogue;
        this.show = show;
        this.events = events;
        this.websub = websub;
        this.metrics = metrics;
    }

    @Override
    public Stage stage() {
        return Stage.PUBLISH;
    }

    @Override
    public Class<AudioReady> inputType() {
        return AudioReady.class;
    }

    @Override
    public String whenNoInput() {
        return "retry the audio stage instead";
    }

    @Override
    public Outcome handle(AudioReady input, int attempt) {
        return publish(input).isPresent() ? Outcome.success() : Outcome.held("stale", "older production");
    }

    /** Does the stage's work for one input; returns the event sent, empty when the production is older than the episode's. */
    Optional<EpisodePublished> publish(AudioReady evt) {
        validate(evt);
        if (!catalogue.record(evt)) {
            return Optional.empty();
        }
        // the episode is committed: only now does the stored feed show it
        Episode episode = catalogue.rebuildFeed(evt.arxivId());
        EpisodePublished out = new EpisodePublished(evt.arxivId(), evt.version(), evt.run(), episode.guid,
                show.episodePageUrl(episode.slug), episode.feedRevision, episode.updatedAt);
        events.episodePublished(out);
        announce(episode);
        LOG.infof("published %s v%d run %d as episode %d (feed %s)", evt.arxivId(), evt.version(), evt.run(),
                episode.episodeNumber, out.feedRevision());
        return Optional.of(out);
    }

    /** Pings the WebSub hub for every feed the episode is in; a problem here never fails publishing. */
    private void announce(Episode episode) {
        if (!websub.enabled()) {
            return;
        }
        try {
            websub.changed(catalogue.feedUrlsFor(episode));
        } catch (RuntimeException e) {
            LOG.warnf("WebSub: cannot tell which feeds %s is in: %s", episode.arxivId, e.getMessage());
            metrics.counter("paperledge.websub.pings", "outcome", "failure").increment();
        }
    }

    /** Everything the item will point to must exist, and the enclosure length must be the real size. */
    void validate(AudioReady evt) {
        String slug;
        try {
            slug = ObjectKeys.idPart(evt.arxivId());
        } catch (IllegalArgumentException e) {
            throw refused("bad-id", "not a usable arXiv id: " + evt.arxivId());
        }
        if (evt.paper() == null && (evt.episodeTitle() == null || evt.episodeTitle().isBlank())) {
            throw refused("no-title", "AudioReady for " + evt.arxivId() + " carries neither a title nor the paper");
        }
        if (evt.audioKey() == null || evt.audioKey().isBlank()) {
            throw refused("no-audio", "AudioReady for " + evt.arxivId() + " names no audio object");
        }
        if (evt.mimeType() != null && !evt.mimeType().isBlank() && !evt.mimeType().startsWith("audio/")) {
            throw refused("not-audio", "audio of " + evt.arxivId() + " has type " + evt.mimeType() + ", not audio");
        }
        if (evt.byteSize() <= 0) {
            throw refused("no-length", "AudioReady for " + evt.arxivId() + " says the MP3 has " + evt.byteSize()
                    + " bytes; an enclosure needs its real length");
        }
        String format = Episode.formatOf(evt.format());
        if (format == null) {
            throw refused("unknown-format", "AudioReady for " + evt.arxivId() + " has format '" + evt.format()
                    + "'; it is solo or duo");
        }
        if (evt.hosts().stream().anyMatch(h -> h == null || h.name() == null || h.name().isBlank())) {
            throw refused("bad-hosts", "AudioReady for " + evt.arxivId() + " names a host without a name");
        }
        if (Episode.DUO.equals(format) && evt.hosts().size() < 2) {
            throw refused("bad-hosts", "AudioReady for " + evt.arxivId() + " is a duo episode but names "
                    + evt.hosts().size() + " host(s); the feed and the page credit both speakers");
        }
        for (String key : new String[] { evt.audioKey(), evt.transcriptKey(), evt.chaptersKey(), evt.jsonTranscriptKey(),
                evt.qualityKey() }) {
            if (key != null && !Episode.ownsKey(slug, key)) {
                throw refused("foreign-object", "object " + key + " named by AudioReady is not one of "
                        + evt.arxivId() + "'s own (under " + Episode.objectPrefix(slug) + ")");
            }
        }
        ObjectStore.ObjectInfo audio = store.stat(evt.audioKey()).orElseThrow(() -> refused("audio-missing",
                "audio object " + evt.audioKey() + " is not in the object store: re-run the audio stage"));
        if (audio.size() == 0) {
            throw refused("audio-empty", "audio object " + evt.audioKey() + " is empty: re-run the audio stage");
        }
        if (audio.size() != evt.byteSize()) {
            throw refused("size-mismatch", "audio object " + evt.audioKey() + " has " + audio.size()
                    + " bytes but AudioReady says " + evt.byteSize() + ": the enclosure length would be wrong; re-run the audio stage");
        }
        for (String key : new String[] { evt.transcriptKey(), evt.chaptersKey(), evt.jsonTranscriptKey() }) {
            if (key != null && store.stat(key).isEmpty()) {
                throw refused("object-missing", "object " + key + " named by AudioReady is not in the object store");
            }
        }
    }

    private static PermanentFailure refused(String code, String message) {
        return new PermanentFailure(code, message, null);
    }
}
