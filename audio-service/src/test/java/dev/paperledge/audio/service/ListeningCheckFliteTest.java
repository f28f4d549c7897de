package dev.paperledge.audio.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.paperledge.audio.check.CheckSettings;
import dev.paperledge.audio.check.ListeningCheck;
import dev.paperledge.audio.check.PocketsphinxRecognizer;
import dev.paperledge.audio.check.QualityReport;
import dev.paperledge.audio.check.SectionFigures;
import dev.paperledge.audio.speech.FliteEngine;
import dev.paperledge.audio.speech.SpeechEngine;
import dev.paperledge.audio.support.FaultyEngine;
import dev.paperledge.audio.support.JsonTranscripts;
import dev.paperledge.audio.support.FaultyEngine.Fault;
import dev.paperledge.contracts.EpisodeScript;
import dev.paperledge.contracts.EpisodeScript.Kind;
import dev.paperledge.contracts.EpisodeScript.Provenance;
import dev.paperledge.contracts.EpisodeScript.Section;

/**
 * The listening check with real parts: flite speaks, pocketsphinx listens. A clean episode passes;
 * a section damaged once (silence, noise) is rendered again and passes; one damaged every time
 * (noise, a dropout, a truncation, silence) fails the episode with a reason naming the section.
 */
class ListeningCheckFliteTest {
    static final String MODEL = "/usr/share/pocketsphinx/model/en-us";
    static ListeningCheck check;

    static final EpisodeScript SCRIPT = new EpisodeScript("2401.00003", 1, "Information Retrieval - A Small Ranker",
            "A tiny test.", List.of(
                    new Section(Kind.HOOK, "Introduction", "Hey PaperLedge learning crew, Ernis here. Today we look at "
                            + "a faster way to find the right documents when you search a very large library."),
                    new Section(Kind.FINDINGS, "What they found", "The authors trained a small ranking model and "
                            + "tested it on four public benchmarks. Recall rose from 61% to 75%, and every query "
                            + "took only a few milliseconds.", List.of(new Provenance("Recall rose from 61% to 75%, "
                                    + "and every query took only a few milliseconds.", "Results", "S4", 1,
                                    "Recall@100 improves from 61.2% to 74.9% at 2.5 ms per query."))),
                    new Section(Kind.SIGN_OFF, "Sign-off", "That is all for today. Thanks for listening, and keep "
                            + "on learning with us next time.")),
            "test");

    @BeforeAll
    static void ear() {
        if (!"true".equals(System.getenv("PAPERLEDGE_FLITE_REQUIRED"))) {
            Assumptions.assumeTrue(FliteEngine.available("flite"), "flite is not installed");
            Assumptions.assumeTrue(PocketsphinxRecognizer.available(PocketsphinxRecognizer.BINARY, Path.of(MODEL)),
                    "pocketsphinx is not installed");
        }
        check = new ListeningCheck(new PocketsphinxRecognizer(PocketsphinxRecognizer.BINARY, Path.of(MODEL),
                Duration.ofSeconds(60)), CheckSettings.defaults(0.15));
    }

    @AfterAll
    static void close() {
        if (check != null) {
            check.close();
        }
    }

    static RenderedEpisode render(SpeechEngine engine) {
        EpisodeRenderer renderer = new EpisodeRenderer(engine, RenderSettings.defaults().withJingle(false), check, null);
        try {
            return renderer.render(SCRIPT, new EpisodeRenderer.EpisodeInfo(SCRIPT.episodeTitle(), "PaperLedge", "2026",
                    "test"));
        } finally {
            // the check is shared by the tests; only the renderer's own pool goes
            new EpisodeRenderer(engine, RenderSettings.defaults()).close();
        }
    }

    static SpeechEngine flite() {
        return new FliteEngine("flite", "rms", 60);
    }

    static SpeechEngine damaged(Fault fault, int times) {
        // every chunk of section 2, however it is chunked
        return new FaultyEngine(flite(), fault, times, "authors", "benchmarks", "recall", "query", "milliseconds");
    }

    @Test
    void aCleanEpisodePassesWithFiguresForEverySection() {
        QualityReport q = render(flite()).quality();
        assertThat(q.passed()).isTrue();
        assertThat(q.recognizer()).isEqualTo("pocketsphinx:en-us");
        assertThat(q.sections()).extracting(SectionFigures::title)
                .containsExactly("Introduction", "What they found", "Sign-off");
        assertThat(q.sections()).allSatisfy(s -> {
            assertThat(s.flags()).isEmpty();
            assertThat(s.rerendered()).isFalse();
            assertThat(s.wer()).isLessThan(0.4);
            assertThat(s.longestSilenceMs()).isLessThan(1000);
            assertThat(s.heard()).isNotBlank();
        });
        assertThat(q.wer()).isLessThan(0.3);
        assertThat(q.checkMs()).isPositive();
    }

    @Test
    void noiseInOneSectionIsCaughtAndASecondTakeThatIsCleanPasses() {
        FaultyEngine engine = (FaultyEngine) damaged(Fault.NOISE, 1);
        RenderedEpisode ep = render(engine);
        QualityReport q = ep.quality();
        assertThat(engine.damaged()).isGreaterThanOrEqualTo(1);
        assertThat(q.passed()).isTrue();
        SectionFigures found = q.sections().get(1);
        assertThat(found.rerendered()).isTrue();
        assertThat(found.firstTakeFlags()).contains("noise");
        assertThat(found.flags()).isEmpty();
        assertThat(found.verdict()).isEqualTo(SectionFigures.AMBER);
        assertThat(q.sections().get(0).rerendered()).isFalse();
        // The re-assembled episode's transcripts are timed as it ships, and the source survived the second take.
        JsonNode segments = JsonTranscripts.assertValidAndInStepWith(ep.transcriptJson(), ep.transcriptVtt());
        assertThat(segments.get(segments.size() - 1).path("endTime").asDouble() * 1000).isLessThan(ep.durationMs());
        List<String> sourced = new java.util.ArrayList<>();
        segments.forEach(seg -> {
            if (seg.has("source")) {
                sourced.add(seg.path("body").asText() + " <- " + seg.path("source").path("url").asText());
            }
        });
        assertThat(sourced).containsExactly("Recall rose from 61% to 75%, and every query took only a few "
                + "milliseconds. <- https://arxiv.org/html/2401.00003v1#S4");
    }

    @Test
    void noiseThatStaysFailsTheEpisodeNamingTheSection() {
        assertThatThrownBy(() -> render(damaged(Fault.NOISE, 100)))
                .isInstanceOf(ListeningCheckFailed.class)
                .hasMessageContaining("section 2 'What they found'").hasMessageContaining("noise")
                .satisfies(e -> {
                    QualityReport q = ((ListeningCheckFailed) e).report();
                    assertThat(q.passed()).isFalse();
                    assertThat(q.red()).extracting(SectionFigures::index).containsExactly(1);
                    assertThat(((ListeningCheckFailed) e).retryable()).isFalse();
                });
    }

    @Test
    void aDropoutToSilenceInsideASectionIsCaught() {
        assertThatThrownBy(() -> render(damaged(Fault.DROPOUT, 100)))
                .isInstanceOf(ListeningCheckFailed.class)
                .hasMessageContaining("section 2 'What they found'")
                .satisfies(e -> assertThat(((ListeningCheckFailed) e).report().sections().get(1).firstTakeFlags())
                        .contains("silence"));
    }

    @Test
    void aTruncatedSectionIsCaught() {
        assertThatThrownBy(() -> render(damaged(Fault.TRUNCATED, 100)))
                .isInstanceOf(ListeningCheckFailed.class)
                .hasMessageContaining("section 2 'What they found'").hasMessageContaining("clipped");
    }

    @Test
    void aFallbackEngineSpeaksTheSecondTake() {
        FaultyEngine broken = (FaultyEngine) damaged(Fault.NOISE, Integer.MAX_VALUE);
        SpeechEngine fallback = flite();
        RenderedEpisode ep;
        try (EpisodeRenderer renderer = new EpisodeRenderer(broken, RenderSettings.defaults().withJingle(false),
                new ListeningCheck(new PocketsphinxRecognizer(PocketsphinxRecognizer.BINARY, Path.of(MODEL),
                        Duration.ofSeconds(60)), CheckSettings.defaults(0.15)), fallback)) {
            ep = renderer.render(SCRIPT, new EpisodeRenderer.EpisodeInfo(SCRIPT.episodeTitle(), "PaperLedge", "2026",
                    "test"));
        }
        QualityReport q = ep.quality();
        assertThat(q.passed()).isTrue();
        assertThat(q.sections().get(1).rerendered()).isTrue();
        assertThat(q.sections().get(1).firstTakeFlags()).contains("noise");
        assertThat(q.sections().get(1).flags()).isEmpty();
    }

    @Test
    void aSectionReplacedBySilenceIsRenderedAgainAndPassesWhenTheSecondTakeSpeaks() {
        QualityReport q = render(damaged(Fault.SILENCE, 1)).quality();
        assertThat(q.passed()).isTrue();
        assertThat(q.sections().get(1).firstTakeFlags()).containsExactly("too-short");
        assertThat(q.sections().get(1).verdict()).isEqualTo(SectionFigures.AMBER);
    }

    @Test
    void aSectionThatStaysSilentFailsNamingIt() {
        assertThatThrownBy(() -> render(damaged(Fault.SILENCE, 100)))
                .isInstanceOf(RenderException.class)
                .hasMessageContaining("'What they found'")
                .satisfies(e -> assertThat(((RenderException) e).retryable()).isFalse());
    }
}
