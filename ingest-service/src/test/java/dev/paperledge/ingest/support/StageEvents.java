package dev.paperledge.ingest.support;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.reactive.messaging.Channel;

import dev.paperledge.contracts.AudioReady;
import dev.paperledge.contracts.CloudEvents;
import dev.paperledge.contracts.EpisodePublished;
import dev.paperledge.contracts.ObjectKeys;
import dev.paperledge.contracts.PaperSummary;
import dev.paperledge.contracts.ScriptReady;
import dev.paperledge.contracts.Stage;
import dev.paperledge.contracts.StageFailed;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Sends the later stages' events to the real test broker exactly as script-, audio- and
 * publish-service do (CloudEvents envelope, arXiv ID as key), since those services do not run here.
 */
@ApplicationScoped
public class StageEvents {
    static final PaperSummary SUMMARY = new PaperSummary("T", List.of("A"), "abs", "cs.CL",
            "Computation and Language", null, "https://arxiv.org/abs/x");

    @Inject
    @Channel("test-scripts-out")
    MutinyEmitter<ScriptReady> scripts;
    @Inject
    @Channel("test-audio-out")
    MutinyEmitter<AudioReady> audio;
    @Inject
    @Channel("test-published-out")
    MutinyEmitter<EpisodePublished> published;
    @Inject
    @Channel("test-failures-out")
    MutinyEmitter<StageFailed> failures;

    public ScriptReady scriptReady(String id, int version, int run) {
        ScriptReady e = new ScriptReady(id, version, run, SUMMARY, "t", "d", ObjectKeys.script(id, version, run,
                "script.json"), ObjectKeys.script(id, version, run, "script.md"), 1200, "offline",
                Instant.now(), new ScriptReady.Explanation(3.5, 0, List.of("Introduction", "Method", "Results"),
                        List.of("LoRA"), false));
        return send(e);
    }

    /** Sends a script-ready event as given (e.g. one that should be refused). */
    public ScriptReady send(ScriptReady e) {
        scripts.sendMessageAndAwait(CloudEvents.message(e, "script-service"));
        return e;
    }

    public AudioReady audioReady(String id, int version, int run) {
        AudioReady e = new AudioReady(id, version, run, SUMMARY, "t", "d", ObjectKeys.audio(id, version, run,
                "episode.mp3"), 61_000, 1000, "audio/mpeg", null, null, "marytts", Instant.now(),
                ObjectKeys.audio(id, version, run, "quality.json"),
                new AudioReady.Listening("pocketsphinx:en-us", true, 0.2, 0.25, List.of(
                        new AudioReady.SectionCheck("The problem", "green", 0.18, null, 300, false, List.of()),
                        new AudioReady.SectionCheck("What they found", "amber", 0.3, 0.27, 420, true, List.of()))));
        audio.sendMessageAndAwait(CloudEvents.message(e, "audio-service"));
        return e;
    }

    public EpisodePublished published(String id, int version, int run, String episodeUrl) {
        EpisodePublished e = new EpisodePublished(id, version, run, "urn:paperledge:" + id, episodeUrl, "\"r1\"",
                Instant.now());
        return send(e);
    }

    /** Sends an episode-published event as given. */
    public EpisodePublished send(EpisodePublished e) {
        published.sendMessageAndAwait(CloudEvents.message(e, "publish-service"));
        return e;
    }

    public StageFailed failed(String id, int version, int run, Stage stage, int attempt, String reason) {
        StageFailed e = new StageFailed(id, version, run, stage, reason, attempt, true, Instant.now());
        failures.sendMessageAndAwait(CloudEvents.message(e, stage.id() + "-service"));
        return e;
    }
}
