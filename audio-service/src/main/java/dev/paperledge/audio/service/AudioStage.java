package dev.paperledge.audio.service;

import java.time.Instant;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.List;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.paperledge.audio.check.QualityReport;
import dev.paperledge.audio.domain.Audio;
import dev.paperledge.audio.domain.AudioRecords;
import dev.paperledge.audio.messaging.EventPublisher;
import dev.paperledge.contracts.AudioReady;
import dev.paperledge.contracts.EpisodeScript;
import dev.paperledge.contracts.ObjectKeys;
import dev.paperledge.contracts.ScriptReady;
import dev.paperledge.contracts.Stage;
import dev.paperledge.stage.failure.PermanentFailure;
import dev.paperledge.stage.runner.Outcome;
import dev.paperledge.stage.runner.RetryableFailure;
import dev.paperledge.stage.runner.StageHandler;
import dev.paperledge.stage.storage.ObjectStore;
import dev.paperledge.stage.storage.ObjectStoreUnavailable;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The audio stage: ScriptReady in, AudioReady (or StageFailed) out. Order of work: record the
 * input, render, write the objects under deterministic keys, persist the Audio row, emit and wait
 * for the broker's ack, then mark the event processed. A crash anywhere redoes the work and
 * re-emits the same event id, which downstream drops.
 */
/**
 * The audio stage's own work, one ScriptReady in, AudioReady out: read the script, render and check
 * it, write the objects under deterministic keys, keep the Audio row, send AudioReady and wait for the
 * broker's ack. The stage kit's runner does the rest (dedupe, the recorded input a retry reruns, the
 * database retry, one StageFailed per failure, outcome metrics). A crash anywhere redoes the work and
 * re-sends the same event id, which publish drops.
 */
@ApplicationScoped
public class AudioStage implements StageHandler<ScriptReady> {
    private static final Logger LOG = Logger.getLogger(AudioStage.class);
    public static final String MIME = "audio/mpeg";

    private final EpisodeRenderer renderer;
    private final ObjectStore store;
    private final EventPublisher publisher;
    private final ObjectMapper json;
    private final AudioConfig config;
    private final MeterRegistry metrics;
    private final AudioRecords rows;

    public AudioStage(EpisodeRenderer renderer, ObjectStore store, EventPublisher publisher, ObjectMapper json,
            AudioConfig config, MeterRegistry metrics, AudioRecords rows) {
        this.renderer = renderer;
        this.store = store;
        this.publisher = publisher;
        this.json = json;
        this.config = config;
        this.metrics = metrics;
        this.rows = rows;
    }

    @Override
    public Stage stage() {
        return Stage.AUDIO;
    }

    @Override
    public Class<ScriptReady> inputType() {
        return ScriptReady.class;
    }

    @Override
    public String whenNoInput() {
        return "retry the script stage instead";
    }

    @Override
    public Outcome handle(ScriptReady event, int attempt) {
        EpisodeScript script = readScript(event);
        EpisodeRenderer.EpisodeInfo info = episodeInfo(event, script);
        RenderedEpisode ep;
        try {
            ep = renderer.render(script, info);
        } catch (ListeningCheckFailed e) {
            // Never published; the figures stay beside where the episode would have been, for the operator.
            storeQualityQuietly(event, e.report());
            countVerdicts(e.report());
            throw new PermanentFailure(e.code(), e.getMessage(), e);
        } catch (RenderException e) {
            if (e.retryable()) {
                throw new RetryableFailure(e.code(), e.getMessage(), e);
            }
            throw new PermanentFailure(e.code(), e.getMessage(), e);
        }
        AudioReady ready = store(event, script, ep, info.title());
        publisher.audioReady(ready);
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
        return Outcome.success();
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
            throw new RetryableFailure("object-store", "the object store holds " + stored + " bytes for " + audioKey
                    + " but " + ep.mp3().length + " were written; retry the paper once the store is sound", null);
        }
        Instant now = Instant.now();
        Audio a = new Audio();
        a.arxivId = id;
        a.version = event.version();
        a.run = event.run();
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
        rows.save(a);
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

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return "";
    }
}
