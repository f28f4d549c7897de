package dev.paperledge.audio.service;

import java.time.Instant;
import java.time.Year;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.paperledge.stage.failure.PermanentFailure;
import dev.paperledge.audio.check.QualityReport;
import dev.paperledge.audio.domain.Audio;
import dev.paperledge.audio.domain.AudioInput;
import dev.paperledge.audio.messaging.EventPublisher;
import dev.paperledge.contracts.AudioReady;
import dev.paperledge.contracts.EpisodeScript;
import dev.paperledge.contracts.ObjectKeys;
import dev.paperledge.contracts.RetryRequested;
import dev.paperledge.contracts.ScriptReady;
import dev.paperledge.contracts.Stage;
import dev.paperledge.contracts.StageFailed;
import dev.paperledge.stage.db.DatabaseUnavailable;
import dev.paperledge.stage.failure.StageFailureReported;
import dev.paperledge.stage.failure.UnexpectedFailures;
import dev.paperledge.stage.db.ProcessedEvent;
import dev.paperledge.stage.storage.ObjectStore;
import dev.paperledge.stage.storage.ObjectStoreUnavailable;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.faulttolerance.api.RetryWhen;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The audio stage: ScriptReady in, AudioReady (or StageFailed) out. Order of work: record the
 * input, render, write the objects under deterministic keys, persist the Audio row, emit and wait
 * for the broker's ack, then mark the event processed. A crash anywhere redoes the work and
 * re-emits the same event id, which downstream drops.
 */
@ApplicationScoped
public class AudioStage {
    private static final Logger LOG = Logger.getLogger(AudioStage.class);
    public static final String MIME = "audio/mpeg";

    private final EpisodeRenderer renderer;
    private final ObjectStore store;
    private final EventPublisher publisher;
    private final ObjectMapper json;
    private final AudioConfig config;
    private final MeterRegistry metrics;

    public AudioStage(EpisodeRenderer renderer, ObjectStore store, EventPublisher publisher, ObjectMapper json,
            AudioConfig config, MeterRegistry metrics) {
        this.renderer = renderer;
        this.store = store;
        this.publisher = publisher;
        this.json = json;
        this.config = config;
        this.metrics = metrics;
    }

    @Retry(maxRetries = -1, delay = 1, delayUnit = ChronoUnit.SECONDS, maxDuration = 5, durationUnit = ChronoUnit.MINUTES)
    @ExponentialBackoff(maxDelay = 20, maxDelayUnit = ChronoUnit.SECONDS)
    @RetryWhen(exception = DatabaseUnavailable.class)
    public void onScriptReady(ScriptReady event) {
        if (processed(event.eventId())) {
            LOG.infof("dropping duplicate %s", event.eventId());
            return;
        }
        recordInput(event);
        produce(event, 1, event.eventId());
    }

    @Retry(maxRetries = -1, delay = 1, delayUnit = ChronoUnit.SECONDS, maxDuration = 5, durationUnit = ChronoUnit.MINUTES)
    @ExponentialBackoff(maxDelay = 20, maxDelayUnit = ChronoUnit.SECONDS)
    @RetryWhen(exception = DatabaseUnavailable.class)
    public void onRetry(RetryRequested retry) {
        if (processed(retry.eventId())) {
            LOG.infof("dropping duplicate %s", retry.eventId());
            return;
        }
        ScriptReady event;
        try {
            event = retryInput(retry);
        } catch (PermanentFailure e) {
            fail(retry.arxivId(), retry.version(), retry.run(), retry.attempt(), e.code(), e.getMessage(), false);
            markProcessed(retry.eventId());
            return;
        }
        LOG.infof("retrying audio for %s v%d r%d (attempt %d)", retry.arxivId(), retry.version(), retry.run(),
                retry.attempt());
        produce(event, retry.attempt(), retry.eventId());
    }

    /**
     * The script event a retry reruns: the one recorded when it first came; else the one the retry
     * carries (the record the stage dead-lettered before it could record it), recorded now as a first
     * delivery would.
     */
    private ScriptReady retryInput(RetryRequested retry) {
        AudioInput recorded = QuarkusTransaction.requiringNew()
                .call(() -> AudioInput.find(retry.arxivId(), retry.version(), retry.run()));
        if (recorded != null) {
            return readEvent(recorded.eventJson, "the recorded script event");
        }
        if (retry.input() == null) {
            throw new PermanentFailure("no-input",
                    "retry requested but the audio stage never received a script for this production", null);
        }
        ScriptReady event = readEvent(retry.input(), "the dead-lettered script event the retry carries");
        if (!retry.arxivId().equals(event.arxivId()) || retry.version() != event.version() || retry.run() != event.run()) {
            throw new PermanentFailure("bad-input", String.format(
                    "the retry of %s v%d r%d carries the script event of %s v%d r%d; ask for the retry again",
                    retry.arxivId(), retry.version(), retry.run(), event.arxivId(), event.version(), event.run()), null);
        }
        recordInput(event);
        return event;
    }

    private ScriptReady readEvent(String eventJson, String what) {
        try {
            ScriptReady event = json.readValue(eventJson, ScriptReady.class);
            if (event == null) {
                throw new PermanentFailure("bad-input", what + " is empty (JSON null)", null);
            }
            return event;
        } catch (JsonProcessingException e) {
            throw new PermanentFailure("bad-input", what + " cannot be read: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The last word on an exception that escaped the stage (and its retries on a database outage),
     * called by the consumers: logs it and reports {@code StageFailed(retryable)} with a reason a
     * person can act on, so the paper never stays neither running nor failed. A failure the stage
     * reported itself ({@link StageFailureReported}) is not reported again.
     */
    public void failUnexpected(String arxivId, int version, int run, int attempt, RuntimeException e) {
        if (UnexpectedFailures.reported(e)) {
            return;
        }
        metrics.counter("paperledge.stage.outcomes", "stage", Stage.AUDIO.id(), "outcome", "failure", "reason",
                "unexpected").increment();
        UnexpectedFailures.report(Stage.AUDIO, arxivId, version, run, attempt, e, publisher::stageFailed);
    }

    private void produce(ScriptReady event, int attempt, String dedupeId) {
        Timer.Sample sample = Timer.start(metrics);
        String outcome = null; // stays null for an error the stage does not handle: failUnexpected counts it
        String reason = "none";
        try {
            EpisodeScript script = readScript(event);
            EpisodeRenderer.EpisodeInfo info = episodeInfo(event, script);
            RenderedEpisode ep = renderer.render(script, info);
            AudioReady ready = store(event, script, ep, info.title());
            publisher.audioReady(ready);
            markProcessed(dedupeId);
            outcome = "success";
            LOG.infof("voiced %s v%d r%d: %d ms, %d bytes, %.1f LUFS, %.1f dBTP, rendered in %d ms", event.arxivId(),
                    event.version(), event.run(), ep.durationMs(), ready.byteSize(), ep.loudness().outputLufs(),
                    ep.loudness().truePeakDbtp(), ep.synthesisMs() + ep.encodingMs());
            metrics.summary("paperledge.speech.rtf").record(
                    (ep.synthesisMs() + ep.encodingMs() + ep.checkMs()) / (double) Math.max(1, ep.durationMs()));
            countVerdicts(ep.quality());
            if (ep.quality() != null && ep.quality().checkCpuMs() >= 0) {
                metrics.summary("paperledge.audio.check.cpu.per.audio.second").record(
                        ep.quality().checkCpuMs() / 1000.0 / Math.max(0.1, ep.quality().audioSeconds()));
            }
        } catch (PermanentFailure e) {
            outcome = "failure";
            reason = e.code();
            fail(event.arxivId(), event.version(), event.run(), attempt, e.code(), e.getMessage(), false);
            markProcessed(dedupeId);
        } catch (ListeningCheckFailed e) {
            // Never published; the figures stay beside where the episode would have been, for the operator.
            outcome = "failure";
            reason = e.code();
            storeQualityQuietly(event, e.report());
            countVerdicts(e.report());
            fail(event.arxivId(), event.version(), event.run(), attempt, e.code(), e.getMessage(), false);
            markProcessed(dedupeId);
        } catch (RenderException e) {
            outcome = "failure";
            reason = e.code();
            fail(event.arxivId(), event.version(), event.run(), attempt, e.code(), e.getMessage(), e.retryable());
            if (e.retryable()) {
                throw new StageFailureReported(e);
            }
            markProcessed(dedupeId);
        } catch (ObjectStoreUnavailable e) {
            outcome = "failure";
            reason = "object-store";
            fail(event.arxivId(), event.version(), event.run(), attempt, reason, e.getMessage(), true);
            throw new StageFailureReported(e);
        } finally {
            if (outcome != null) {
                sample.stop(metrics.timer("paperledge.stage.duration", "stage", Stage.AUDIO.id(), "outcome", outcome));
                metrics.counter("paperledge.stage.outcomes", "stage", Stage.AUDIO.id(), "outcome", outcome, "reason",
                        reason).increment();
            }
        }
    }

    private EpisodeScript readScript(ScriptReady event) {
        if (event.scriptKey() == null || event.scriptKey().isBlank()) {
            throw new PermanentFailure("bad-input", "the ScriptReady event names no script object", null);
        }
        // An event is not trusted to point anywhere: only the paper's own script objects are read.
        String own = ObjectKeys.script(event.arxivId(), event.version(), event.run(), "");
        if (!event.scriptKey().startsWith(own) || event.scriptKey().contains("..") || event.scriptKey().contains("//")) {
            throw new PermanentFailure("bad-input", "the ScriptReady event for " + event.arxivId() + " names the object "
                    + event.scriptKey() + ", outside the paper's own " + own, null);
        }
        byte[] data = store.get(event.scriptKey()).orElseThrow(() -> new PermanentFailure("script-missing",
                "script object " + event.scriptKey() + " does not exist", null));
        try {
            return json.readValue(data, EpisodeScript.class);
        } catch (java.io.IOException e) {
            throw new PermanentFailure("bad-script", "script object " + event.scriptKey()
                    + " is not an EpisodeScript JSON: " + e.getMessage(), e);
        }
    }

    private EpisodeRenderer.EpisodeInfo episodeInfo(ScriptReady event, EpisodeScript script) {
        String title = firstNonBlank(event.episodeTitle(), script.episodeTitle(),
                event.paper() != null ? event.paper().episodeTitle() : null, event.arxivId());
        String link = event.paper() != null && event.paper().absUrl() != null ? event.paper().absUrl()
                : "https://arxiv.org/abs/" + event.arxivId();
        return new EpisodeRenderer.EpisodeInfo(title, config.album(), String.valueOf(Year.now(ZoneOffset.UTC).getValue()),
                "Paper: " + link);
    }

    private AudioReady store(ScriptReady event, EpisodeScript script, RenderedEpisode ep, String title) {
        String id = event.arxivId();
        String audioKey = ObjectKeys.audio(id, event.version(), event.run(), "episode.mp3");
        String chaptersKey = ObjectKeys.audio(id, event.version(), event.run(), "chapters.json");
        String transcriptKey = ObjectKeys.audio(id, event.version(), event.run(), "transcript.vtt");
        String jsonTranscriptKey = ObjectKeys.audio(id, event.version(), event.run(), "transcript.json");
        store.put(chaptersKey, ep.chaptersJson().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "application/json+chapters");
        store.put(transcriptKey, ep.transcriptVtt().getBytes(java.nio.charset.StandardCharsets.UTF_8), "text/vtt");
        store.put(jsonTranscriptKey, ep.transcriptJson().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "application/json");
        String qualityKey = ep.quality() == null ? null : putQuality(event, ep.quality());
        AudioReady.Listening listening = ep.quality() == null ? null : listening(ep.quality());
        String listeningJson = toJson(listening);
        store.put(audioKey, ep.mp3(), MIME);
        long stored = store.stat(audioKey).map(ObjectStore.ObjectInfo::size).orElse(-1L);
        if (stored != ep.mp3().length) {
            throw new ObjectStoreUnavailable("object store holds " + stored + " bytes for " + audioKey + " but "
                    + ep.mp3().length + " were written", null);
        }
        Instant now = Instant.now();
        QuarkusTransaction.requiringNew().run(() -> {
            Audio a = Audio.find(id, event.version(), event.run());
            if (a == null) {
                a = new Audio();
                a.arxivId = id;
                a.version = event.version();
                a.run = event.run();
            }
            a.audioKey = audioKey;
            a.chaptersKey = chaptersKey;
            a.transcriptKey = transcriptKey;
            a.jsonTranscriptKey = jsonTranscriptKey;
            a.durationMs = ep.durationMs();
            a.byteSize = ep.mp3().length;
            a.mimeType = MIME;
            a.speechEngine = ep.speechEngine();
            a.wordCount = ep.words();
            a.loudnessLufs = ep.loudness().outputLufs();
            a.truePeakDbtp = ep.loudness().truePeakDbtp();
            a.renderMs = ep.synthesisMs() + ep.encodingMs();
            a.voicedAt = now;
            a.qualityKey = qualityKey;
            a.listeningJson = listeningJson;
            a.persist();
        });
        return new AudioReady(id, event.version(), event.run(), event.paper(),
                title, firstNonBlank(event.description(), ""), audioKey, ep.durationMs(), ep.mp3().length, MIME, chaptersKey, transcriptKey,
                ep.speechEngine(), now, qualityKey, listening, jsonTranscriptKey, script.format(),
                script.hosts().isEmpty() ? List.of(new EpisodeScript.Host(config.speaker(), EpisodeScript.Host.HOST))
                        : script.hosts());
    }

    /** Sections heard, by verdict (green, amber, red): how often the check passes, doubts and fails. */
    private void countVerdicts(QualityReport quality) {
        if (quality != null) {
            quality.sections().forEach(s -> metrics.counter("paperledge.audio.check.sections", "verdict", s.verdict())
                    .increment());
        }
    }

    /** The brief per-section figures that travel in audio.ready. */
    static AudioReady.Listening listening(QualityReport q) {
        return new AudioReady.Listening(q.recognizer(), q.passed(), q.wer(), q.baselineWer(), q.sections().stream()
                .map(s -> new AudioReady.SectionCheck(s.title(), s.verdict(), s.wer(), s.bareWer(),
                        s.longestSilenceMs(), s.rerendered(), s.flags()))
                .toList());
    }

    private String putQuality(ScriptReady event, QualityReport quality) {
        String key = ObjectKeys.audio(event.arxivId(), event.version(), event.run(), "quality.json");
        try {
            store.put(key, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(quality), "application/json");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return key;
    }

    private void storeQualityQuietly(ScriptReady event, QualityReport quality) {
        try {
            putQuality(event, quality);
        } catch (ObjectStoreUnavailable e) {
            LOG.warnf("could not store the failed listening check's figures for %s: %s", event.arxivId(),
                    e.getMessage());
        }
    }

    private String toJson(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void fail(String arxivId, int version, int run, int attempt, String code, String reason, boolean retryable) {
        LOG.warnf("audio failed for %s v%d r%d (attempt %d, %s): %s", arxivId, version, run, attempt,
                retryable ? "retryable" : "permanent", reason);
        publisher.stageFailed(new StageFailed(arxivId, version, run, Stage.AUDIO, reason, attempt, retryable,
                Instant.now()));
    }

    private void recordInput(ScriptReady event) {
        String eventJson;
        try {
            eventJson = json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        QuarkusTransaction.requiringNew().run(() -> {
            AudioInput in = AudioInput.find(event.arxivId(), event.version(), event.run());
            if (in == null) {
                in = new AudioInput();
                in.arxivId = event.arxivId();
                in.version = event.version();
                in.run = event.run();
            }
            in.eventJson = eventJson;
            in.receivedAt = Instant.now();
            in.persist();
        });
    }

    private boolean processed(String eventId) {
        return QuarkusTransaction.requiringNew().call(() -> ProcessedEvent.seen(eventId));
    }

    private void markProcessed(String eventId) {
        QuarkusTransaction.requiringNew().run(() -> ProcessedEvent.record(eventId));
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return "";
    }
}
