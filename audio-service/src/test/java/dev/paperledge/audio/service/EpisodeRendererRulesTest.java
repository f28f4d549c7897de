package dev.paperledge.audio.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.paperledge.audio.speech.SpeechEngine;
import dev.paperledge.audio.support.FakeEngines;
import dev.paperledge.audio.support.WebVtt;
import dev.paperledge.contracts.EpisodeScript;
import dev.paperledge.contracts.EpisodeScript.Kind;
import dev.paperledge.contracts.EpisodeScript.Section;

/** Never a silent success: the renderer's failure rules, with fast stand-in engines. */
class EpisodeRendererRulesTest {
    static final EpisodeRenderer.EpisodeInfo INFO = new EpisodeRenderer.EpisodeInfo("t", "PaperLedge", "2026", "c");

    static EpisodeScript script(Section... sections) {
        return new EpisodeScript("2401.00010", 1, "t", "d", List.of(sections), "test");
    }

    static RenderedEpisode render(SpeechEngine engine, EpisodeScript s) {
        try (EpisodeRenderer r = new EpisodeRenderer(engine, RenderSettings.defaults().withJingle(false))) {
            return r.render(s, INFO);
        }
    }

    @Test
    void anEmptySectionIsLeftOutOfTheEpisodeAndItsChapters() {
        RenderedEpisode ep = render(new FakeEngines.Hum(400), script(new Section(Kind.HOOK, "Intro", "Hello there, crew."),
                new Section(Kind.ANALOGY, "Analogy", "   "), new Section(Kind.SIGN_OFF, "Bye", "See you soon.")));
        assertThat(ep.timeline().chapters()).extracting(c -> c.title()).containsExactly("Intro", "Bye");
    }

    @Test
    void aScriptWithNothingToSayFails() {
        assertThatThrownBy(() -> render(new FakeEngines.Hum(400), script(new Section(Kind.HOOK, "Intro", ""))))
                .isInstanceOf(RenderException.class).hasMessageContaining("no text to speak");
    }

    @Test
    void aFiveThousandCharacterSentenceBecomesShortCuesAndEngineChunks() {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (sb.length() < 5000) {
            sb.append("the adapter learns part ").append(++i).append(i % 4 == 0 ? ", while " : " and ");
        }
        FakeEngines.Hum hum = new FakeEngines.Hum(300);
        RenderedEpisode ep = render(hum, script(new Section(Kind.METHOD, "Method", sb.toString() + "done.")));
        List<WebVtt.Cue> cues = WebVtt.parse(ep.transcriptVtt());
        assertThat(cues.size()).isGreaterThan(20);
        assertThat(cues).allSatisfy(c -> assertThat(c.text().length()).isLessThanOrEqualTo(240));
        assertThat(hum.texts).allSatisfy(t -> assertThat(t.length()).isLessThanOrEqualTo(300));
        assertThat(ep.words()).isGreaterThan(800);
    }

    @Test
    void audioTooShortForItsTextFailsTheStage() {
        assertThatThrownBy(() -> render(new FakeEngines.Clipped(), script(new Section(Kind.HOOK, "Intro",
                "This sentence has quite a few words in it, surely more than one."))))
                .isInstanceOf(RenderException.class).hasMessageContaining("too short to be speech")
                .hasMessageContaining("section 'Intro'");
    }

    @Test
    void anEngineReturningSilenceFailsTheStage() {
        assertThatThrownBy(() -> render(new FakeEngines.Silent(), script(new Section(Kind.HOOK, "Intro", "Hello crew."))))
                .isInstanceOf(RenderException.class).hasMessageContaining("too short");
    }

    @Test
    void anEngineErrorFailsTheStageAndKeepsItsRetryability() {
        assertThatThrownBy(() -> render(new FakeEngines.Broken(), script(new Section(Kind.HOOK, "Intro", "Hello crew."))))
                .isInstanceOf(RenderException.class).hasMessageContaining("HTTP 503")
                .satisfies(e -> assertThat(((RenderException) e).retryable()).isTrue());
    }
}
