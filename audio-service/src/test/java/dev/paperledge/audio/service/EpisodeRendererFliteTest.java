package dev.paperledge.audio.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.paperledge.audio.mix.LoudnessMeter;
import dev.paperledge.audio.mix.Mp3Decoder;
import dev.paperledge.audio.speech.FliteEngine;
import dev.paperledge.audio.speech.Pcm;
import dev.paperledge.contracts.EpisodeScript;
import dev.paperledge.contracts.EpisodeScript.Kind;
import dev.paperledge.contracts.EpisodeScript.Section;

/**
 * Real flite synthesis (the fast engine; deploy/local/install-packages.sh installs it). Its voice
 * is far peakier than MaryTTS's, which is what mastering has to cope with here.
 */
class EpisodeRendererFliteTest {
    static EpisodeRenderer renderer;
    static RenderedEpisode episode;

    static final EpisodeScript SCRIPT = new EpisodeScript("2401.00002", 1, "Machine Learning - Another Tiny Paper",
            "A tiny test.", List.of(
                    new Section(Kind.HOOK, "Introduction", "Hey PaperLedge learning crew, Ernis here. Today: a faster way to rank documents."),
                    new Section(Kind.FINDINGS, "What they found", "Recall rose from 61.2% to 74.9%, at 2.5 ms per query."),
                    new Section(Kind.SIGN_OFF, "Sign-off", "That's it for today. Keep learning!")),
            "test");

    @BeforeAll
    static void synthesize() {
        boolean required = "true".equals(System.getenv("PAPERLEDGE_FLITE_REQUIRED"));
        if (!required) {
            Assumptions.assumeTrue(FliteEngine.available("flite"), "flite is not installed");
        }
        renderer = new EpisodeRenderer(new FliteEngine("flite", "rms", 60), RenderSettings.defaults());
        episode = renderer.render(SCRIPT, new EpisodeRenderer.EpisodeInfo(SCRIPT.episodeTitle(), "PaperLedge", "2026",
                "Paper: https://arxiv.org/abs/2401.00002"));
    }

    @AfterAll
    static void close() {
        if (renderer != null) {
            renderer.close();
        }
    }

    @Test
    void fliteSpeaksEveryCueAndTheEpisodeMeetsTheLoudnessNorm() {
        assertThat(episode.speechEngine()).isEqualTo("flite:rms");
        assertThat(episode.timeline().chapters()).extracting(c -> c.title())
                .containsExactly("Introduction", "What they found", "Sign-off");
        assertThat(episode.speechMs()).isGreaterThan(episode.words() * 200L);

        Pcm decoded = Mp3Decoder.decode(episode.mp3());
        assertThat(decoded.seconds() * 1000).isCloseTo(episode.durationMs(), within(episode.durationMs() * 0.05));
        double lufs = LoudnessMeter.integratedLoudness(decoded.samples(), decoded.samples().length, decoded.sampleRate());
        assertThat(lufs).isCloseTo(-16.0, within(1.0));
        double tp = LoudnessMeter.toDb(LoudnessMeter.truePeak(decoded.samples(), decoded.samples().length));
        assertThat(tp).isLessThanOrEqualTo(-1.0);
    }
}
