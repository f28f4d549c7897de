package dev.paperledge.publish.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.paperledge.stage.failure.PermanentFailure;
import dev.paperledge.stage.db.DatabaseUnavailable;
import dev.paperledge.stage.failure.StageFailureReported;
import dev.paperledge.stage.failure.UnexpectedFailures;
import dev.paperledge.contracts.AudioReady;
import dev.paperledge.contracts.EpisodePublished;
import dev.paperledge.contracts.ObjectKeys;
import dev.paperledge.contracts.RetryRequested;
import dev.paperledge.contracts.Stage;
import dev.paperledge.contracts.StageFailed;
import dev.paperledge.contracts.Topics;
import dev.paperledge.publish.domain.Episode;
import dev.paperledge.stage.db.ProcessedEvent;
import dev.paperledge.publish.domain.PublishInput;
import dev.paperledge.publish.messaging.EventPublisher;
import dev.paperledge.stage.storage.ObjectStore;
import dev.paperledge.publish.websub.WebSubNotifier;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.faulttolerance.api.RetryWhen;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * The publish stage: checks what an AudioReady points to, records the episode, rebuilds the feed
 * once that is committed, announces EpisodePublished (after the broker's ack), then marks the event processed. A
 * redelivered event is dropped; a crash before the mark redoes the same work and re-emits the same
 * event id. Permanent problems emit StageFailed(retryable=false) and return; transient ones emit
 * StageFailed(retryable=true) and rethrow as {@link StageFailureReported} (the record goes to the
 * dead-letter topic). Whatever else escapes (a database outage past the @Retry budget, an unreadable
 * recorded input) the consumers report through {@link #failUnexpected}.
 */
@ApplicationScoped
public class PublishStage {
    private static final Logger LOG = Logger.getLogger(PublishStage.class);
    private static final DatabaseUnavailable DATABASE = new DatabaseUnavailable();

    private final ObjectStore store;
    private final EpisodeService episodes;
    private final FeedService feeds;
    private final EventPublisher events;
    private final ObjectMapper json;
    private final MeterRegistry metrics;
    private final TopicFeeds topics;
    private final WebSubNotifier websub;

    public PublishStage(ObjectStore store, EpisodeService episodes, FeedService feeds,
            EventPublisher events, ObjectMapper json, MeterRegistry metrics,
            TopicFeeds topics, WebSubNotifier websub) {
        this.topics = topics;
        this.websub = websub;
        this.store = store;
        this.episodes = episodes;
        this.feeds = feeds;
        this.events = events;
        this.json = json;
        this.metrics = metrics;
    }

    /** Applies an AudioReady from the topic (attempt 1). */
    @Retry(maxRetries = -1, delay = 1, delayUnit = ChronoUnit.SECONDS, maxDuration = 5, durationUnit = ChronoUnit.MINUTES)
    @ExponentialBackoff(maxDelay = 20, maxDelayUnit = ChronoUnit.SECONDS)
    @RetryWhen(exception = DatabaseUnavailable.class)
    public void onAudioReady(AudioReady evt) {
        if (isProcessed(evt.eventId())) {
            LOG.debugf("dropping redelivered %s", evt.eventId());
            count("duplicate", "redelivery");
            return;
        }
        recordInput(evt);
        publish(evt, 1);
        markProcessed(evt.eventId());
    }

    /** An operator's retry: rerun publishing from the AudioReady recorded for the paper. */
    @Retry(maxRetries = -1, delay = 1, delayUnit = ChronoUnit.SECONDS, maxDuration = 5, durationUnit = ChronoUnit.MINUTES)
    @ExponentialBackoff(maxDelay = 20, maxDelayUnit = ChronoUnit.SECONDS)
    @RetryWhen(exception = DatabaseUnavailable.class)
    public void onRetry(RetryRequested retry) {
        if (retry.retryStage() != Stage.PUBLISH) {
            return;
        }
        if (isProcessed(retry.eventId())) {
            count("duplicate", "redelivery");
            return;
        }
        AudioReady input;
        try {
            input = retryInput(retry);
        } catch (PermanentFailure f) {
            fail(new StageFailed(retry.arxivId(), retry.version(), retry.run(), Stage.PUBLISH, f.getMessage(),
                    retry.attempt(), false, Instant.now()));
            markProcessed(retry.eventId());
            return;
        }
        publish(input, retry.attempt());
        markProcessed(input.eventId());
        markProcessed(retry.eventId());
    }

    /**
     * The AudioReady a retry reruns: the one recorded for that production; else the one the retry
     * carries (the record the stage dead-lettered before it could record it), recorded now as a first
     * delivery would.
     */
    private AudioReady retryInput(RetryRequested retry) {
        Optional<AudioReady> recorded = recordedInput(retry.arxivId())
                .filter(r -> r.version() == retry.version() && r.run() == retry.run());
        if (recorded.isPresent()) {
            return recorded.get();
        }
        if (retry.input() == null) {
            throw new PermanentFailure("retry requested but publish-service never received audio for "
                    + retry.arxivId() + " v" + retry.version() + " r" + retry.run() + ": retry the audio stage instead");
        }
        AudioReady event;
        try {
            event = json.readValue(retry.input(), AudioReady.class);
        } catch (JsonProcessingException e) {
            LOG.warnf("retry %s carries an unreadable input: %s", retry.eventId(), e.getOriginalMessage());
            event = null;
        }
        if (event == null || event.arxivId() == null) {
            throw new PermanentFailure("the retry of " + retry.arxivId() + " carries an input that is not a readable "
                    + Topics.AUDIO_READY + " event; retry the audio stage instead");
        }
        if (!retry.arxivId().equals(event.arxivId()) || retry.version() != event.version() || retry.run() != event.run()) {
            throw new PermanentFailure(String.format(
                    "the retry of %s v%d r%d carries the audio of %s v%d r%d, another production; retry the audio stage instead",
                    retry.arxivId(), retry.version(), retry.run(), event.arxivId(), event.version(), event.run()));
        }
        recordInput(event);
        return event;
    }

    /** Does the stage's work for one input; returns the event emitted, empty when failed or stale. */
    Optional<EpisodePublished> publish(AudioReady evt, int attempt) {
        Timer.Sample sample = Timer.start(metrics);
        try {
            validate(evt);
            EpisodeService.Outcome outcome = episodes.publish(evt);
            if (outcome.stale()) {
                count("stale", "older production");
                return Optional.empty();
            }
            // the episode is committed: only now does the stored feed show it
            feeds.rebuild();
            Episode episode = episodes.find(evt.arxivId()).orElseThrow(
                    () -> new IllegalStateException("episode " + evt.arxivId() + " vanished while publishing"));
            EpisodePublished out = new EpisodePublished(evt.arxivId(), evt.version(), evt.run(), episode.guid,
                    feeds.show().episodePageUrl(episode.slug), episode.feedRevision, episode.updatedAt);
            events.episodePublished(out);
            announce(episode);
            count("success", "published");
            LOG.infof("published %s v%d run %d as episode %d (feed %s)", evt.arxivId(), evt.version(), evt.run(),
                    episode.episodeNumber, out.feedRevision());
            return Optional.of(out);
        } catch (PermanentFailure f) {
            LOG.warnf("cannot publish %s: %s", evt.arxivId(), f.getMessage());
            fail(new StageFailed(evt.arxivId(), evt.version(), evt.run(), Stage.PUBLISH, f.getMessage(), attempt, false,
                    Instant.now()));
            count("failure", "permanent");
            return Optional.empty();
        } catch (RuntimeException e) {
            if (DATABASE.test(e)) {
                throw e; // @Retry waits for the database; if it stays away, the consumer reports it once
            }
            report(evt.arxivId(), evt.version(), evt.run(), attempt, e, "transient");
            throw new StageFailureReported(e);
        } finally {
            sample.stop(metrics.timer("paperledge.stage.duration", "stage", Stage.PUBLISH.id()));
        }
    }

    /** Pings the WebSub hub for every feed the episode is in; a problem here never fails publishing. */
    private void announce(Episode episode) {
        if (!websub.enabled()) {
            return;
        }
        try {
            websub.changed(topics.feedUrlsFor(episode));
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
            throw new PermanentFailure("not a usable arXiv id: " + evt.arxivId());
        }
        if (evt.paper() == null && (evt.episodeTitle() == null || evt.episodeTitle().isBlank())) {
            throw new PermanentFailure("AudioReady for " + evt.arxivId() + " carries neither a title nor the paper");
        }
        if (evt.audioKey() == null || evt.audioKey().isBlank()) {
            throw new PermanentFailure("AudioReady for " + evt.arxivId() + " names no audio object");
        }
        if (evt.mimeType() != null && !evt.mimeType().isBlank() && !evt.mimeType().startsWith("audio/")) {
            throw new PermanentFailure("audio of " + evt.arxivId() + " has type " + evt.mimeType() + ", not audio");
        }
        if (evt.byteSize() <= 0) {
            throw new PermanentFailure("AudioReady for " + evt.arxivId() + " says the MP3 has " + evt.byteSize()
                    + " bytes; an enclosure needs its real length");
        }
        String format = Episode.formatOf(evt.format());
        if (format == null) {
            throw new PermanentFailure("AudioReady for " + evt.arxivId() + " has format '" + evt.format()
                    + "'; it is solo or duo");
        }
        if (evt.hosts().stream().anyMatch(h -> h == null || h.name() == null || h.name().isBlank())) {
            throw new PermanentFailure("AudioReady for " + evt.arxivId() + " names a host without a name");
        }
        if (Episode.DUO.equals(format) && evt.hosts().size() < 2) {
            throw new PermanentFailure("AudioReady for " + evt.arxivId() + " is a duo episode but names "
                    + evt.hosts().size() + " host(s); the feed and the page credit both speakers");
        }
        for (String key : new String[] { evt.audioKey(), evt.transcriptKey(), evt.chaptersKey(), evt.jsonTranscriptKey(),
                evt.qualityKey() }) {
            if (key != null && !Episode.ownsKey(slug, key)) {
                throw new PermanentFailure("object " + key + " named by AudioReady is not one of "
                        + evt.arxivId() + "'s own (under " + Episode.objectPrefix(slug) + ")");
            }
        }
        ObjectStore.ObjectInfo audio = store.stat(evt.audioKey()).orElseThrow(() -> new PermanentFailure(
                "audio object " + evt.audioKey() + " is not in the object store: re-run the audio stage"));
        if (audio.size() == 0) {
            throw new PermanentFailure("audio object " + evt.audioKey() + " is empty: re-run the audio stage");
        }
        if (audio.size() != evt.byteSize()) {
            throw new PermanentFailure("audio object " + evt.audioKey() + " has " + audio.size()
                    + " bytes but AudioReady says " + evt.byteSize() + ": the enclosure length would be wrong; re-run the audio stage");
        }
        for (String key : new String[] { evt.transcriptKey(), evt.chaptersKey(), evt.jsonTranscriptKey() }) {
            if (key != null && store.stat(key).isEmpty()) {
                throw new PermanentFailure("object " + key + " named by AudioReady is not in the object store");
            }
        }
    }

    /**
     * The consumers' catch-all, outside the stage's @Retry: an exception the stage did not report
     * becomes one StageFailed (retryable) with a sentence for the operator; the stack trace is logged.
     */
    public void failUnexpected(String arxivId, int version, int run, int attempt, RuntimeException e) {
        if (!UnexpectedFailures.reported(e)) {
            report(arxivId, version, run, attempt, e, "unexpected");
        }
    }

    private void report(String arxivId, int version, int run, int attempt, RuntimeException e, String counterReason) {
        UnexpectedFailures.report(Stage.PUBLISH, arxivId, version, run, attempt, e, this::fail);
        count("failure", counterReason);
    }

    private void fail(StageFailed failed) {
        events.stageFailed(failed);
    }

    private void count(String outcome, String reason) {
        metrics.counter("paperledge.stage.outcomes", "stage", Stage.PUBLISH.id(), "outcome", outcome, "reason", reason)
                .increment();
    }

    @Transactional
    boolean isProcessed(String eventId) {
        return ProcessedEvent.seen(eventId);
    }

    @Transactional
    void markProcessed(String eventId) {
        ProcessedEvent.record(eventId);
    }

    @Transactional
    void recordInput(AudioReady evt) {
        PublishInput in = PublishInput.findById(evt.arxivId());
        boolean fresh = in == null;
        if (fresh) {
            in = new PublishInput();
            in.arxivId = evt.arxivId();
        }
        in.eventId = evt.eventId();
        try {
            in.eventJson = json.writeValueAsString(evt);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        in.receivedAt = Instant.now();
        if (fresh) {
            in.persist();
        }
    }

    @Transactional
    Optional<AudioReady> recordedInput(String arxivId) {
        return PublishInput.<PublishInput>findByIdOptional(arxivId).map(in -> {
            try {
                return json.readValue(in.eventJson, AudioReady.class);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("recorded input of " + arxivId + " is unreadable", e);
            }
        });
    }
}
