package dev.paperledge.audio.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mpatric.mp3agic.ID3v2;
import com.mpatric.mp3agic.ID3v2ChapterFrameData;
import com.mpatric.mp3agic.Mp3File;

import dev.paperledge.audio.check.CheckSettings;
import dev.paperledge.audio.check.ListeningCheck;
import dev.paperledge.audio.check.PocketsphinxRecognizer;
import dev.paperledge.audio.check.QualityReport;
import dev.paperledge.audio.mix.LoudnessMeter;
import dev.paperledge.audio.mix.Mp3Decoder;
import dev.paperledge.audio.speech.MaryTtsEngine;
import dev.paperledge.audio.speech.Pcm;
import dev.paperledge.audio.support.Ffmpeg;
import dev.paperledge.audio.support.WebVtt;
import dev.paperledge.contracts.EpisodeScript;
import dev.paperledge.contracts.EpisodeScript.Kind;
import dev.paperledge.contracts.EpisodeScript.Section;

/** Real MaryTTS synthesis of short scripts, checked from the decoded MP3 back. */
class EpisodeRendererMaryTest {
    static MaryTtsEngine mary;
    static EpisodeRenderer renderer;
    static RenderedEpisode episode;
    static final RenderSettings SETTINGS = RenderSettings.defaults();

    static final EpisodeScript SCRIPT = new EpisodeScript("2401.00001", 1, "Machine Learning - A Tiny Test Paper",
            "A tiny test.", List.of(
                    new Section(Kind.HOOK, "Introduction", "Hey PaperLedge learning crew, Ernis here. Today we look at a small model."),
                    new Section(Kind.FINDINGS, "What they found", "It scored 87.5% on the benchmark, e.g. 3x faster than before."),
                    new Section(Kind.SIGN_OFF, "Sign-off", "Thanks for listening. See you next time.")),
            "test");

    @BeforeAll
    static void synthesize() {
        mary = new MaryTtsEngine("cmu-slt-hsmm", 400);
        renderer = new EpisodeRenderer(mary, SETTINGS);
        episode = renderer.render(SCRIPT, new EpisodeRenderer.EpisodeInfo(SCRIPT.episodeTitle(), "PaperLedge", "2026",
                "Paper: https://arxiv.org/abs/2401.00001"));
    }

    @AfterAll
    static void close() {
        renderer.close();
    }

    @Test
    void theMp3DecodesToMonoAudioAsLongAsTheSectionsPlusPauses() {
        Pcm decoded = Mp3Decoder.decode(episode.mp3());
        assertThat(decoded.sampleRate()).isEqualTo(SETTINGS.sampleRate());
        double decodedMs = decoded.seconds() * 1000;
        // Expected: every cue's span + the pauses between them + jingles, as the timeline says.
        long lastCueEnd = episode.timeline().cues().get(episode.timeline().cues().size() - 1).endMs();
        double expected = lastCueEnd + 900 + 2260 + 300; // outro gap + outro jingle + tail
        assertThat(decodedMs).isCloseTo(expected, within(expected * 0.05));
        assertThat((double) episode.durationMs()).isCloseTo(decodedMs, within(decodedMs * 0.05));
        // And the speech itself is there: more than 0.2 s per word.
        assertThat(episode.speechMs()).isGreaterThan(episode.words() * 200L);
    }

    @Test
    void theDecodedEpisodeIsAtMinus16LufsWithTruePeakUnderMinus1() {
        Pcm decoded = Mp3Decoder.decode(episode.mp3());
        double lufs = LoudnessMeter.integratedLoudness(decoded.samples(), decoded.samples().length, decoded.sampleRate());
        assertThat(lufs).isCloseTo(-16.0, within(1.0));
        double tp = LoudnessMeter.toDb(LoudnessMeter.truePeak(decoded.samples(), decoded.samples().length));
        assertThat(tp).isLessThanOrEqualTo(-1.0);
        assertThat(episode.loudness().outputLufs()).isCloseTo(-16.0, within(0.5));
    }

    /** MaryTTS starts voicing at once (its first 10 ms within 16 dB of its speech): not a clipped start. */
    @Test
    void aCleanMaryEpisodePassesTheListeningCheck() {
        Path model = Path.of("/usr/share/pocketsphinx/model/en-us");
        if (!"true".equals(System.getenv("PAPERLEDGE_FLITE_REQUIRED"))) {
            Assumptions.assumeTrue(PocketsphinxRecognizer.available(PocketsphinxRecognizer.BINARY, model),
                    "pocketsphinx is not installed");
        }
        EpisodeScript script = new EpisodeScript("2401.00004", 1, "Machine Learning - Recap", "A recap.", List.of(
                new Section(Kind.TAKEAWAYS, "Key takeaways", "Let's recap the key takeaways. First, you do not "
                        + "need to update every weight to adapt a large model."),
                new Section(Kind.QUESTIONS, "Questions to ponder", "Here are a few questions to chew on. "
                        + "I would love to hear what you think.")),
                "test");
        try (ListeningCheck check = new ListeningCheck(new PocketsphinxRecognizer(PocketsphinxRecognizer.BINARY, model,
                java.time.Duration.ofSeconds(60)), CheckSettings.defaults(0.20));
                EpisodeRenderer checked = new EpisodeRenderer(mary, SETTINGS.withJingle(false), check, null)) {
            QualityReport q = checked.render(script, new EpisodeRenderer.EpisodeInfo(script.episodeTitle(), "PaperLedge",
                    "2026", "test")).quality();
            assertThat(q.passed()).isTrue();
            assertThat(q.engine()).isEqualTo("marytts:cmu-slt-hsmm");
            assertThat(q.sections()).allSatisfy(f -> {
                assertThat(f.clipped()).isFalse();
                assertThat(f.rerendered()).isFalse();
            });
        }
    }

    @Test
    void ffmpegAgreesOnTheLoudness(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Ffmpeg.available(), "ffmpeg is not installed: reference check skipped");
        Path f = dir.resolve("episode.mp3");
        Files.write(f, episode.mp3());
        assertThat(Ffmpeg.integratedLoudness(f)).isCloseTo(-16.0, within(1.0));
    }

    @Test
    void chaptersFollowTheSectionsInOrderAndTime(@TempDir Path dir) throws Exception {
        JsonNode json = new ObjectMapper().readTree(episode.chaptersJson());
        assertThat(json.get("version").asText()).isEqualTo("1.2.0");
        JsonNode chapters = json.get("chapters");
        assertThat(chapters).hasSize(3);
        assertThat(chapters.get(0).get("title").asText()).isEqualTo("Introduction");
        assertThat(chapters.get(1).get("title").asText()).isEqualTo("What they found");
        assertThat(chapters.get(2).get("title").asText()).isEqualTo("Sign-off");
        assertThat(chapters.get(0).get("startTime").asDouble()).isZero();
        List<WebVtt.Cue> cues = WebVtt.parse(episode.transcriptVtt());
        // Section 2 starts where its first sentence is spoken.
        WebVtt.Cue firstOfFindings = cues.stream().filter(c -> c.text().startsWith("It scored")).findFirst().orElseThrow();
        assertThat(chapters.get(1).get("startTime").asDouble() * 1000).isCloseTo(firstOfFindings.startMs(), within(1.0));
        for (int i = 1; i < chapters.size(); i++) {
            assertThat(chapters.get(i).get("startTime").asDouble()).isGreaterThan(chapters.get(i - 1).get("startTime").asDouble());
            assertThat(chapters.get(i - 1).get("endTime").asDouble()).isEqualTo(chapters.get(i).get("startTime").asDouble());
        }

        // The same chapters as ID3 CHAP frames, read back by mp3agic from the file.
        Path f = dir.resolve("episode.mp3");
        Files.write(f, episode.mp3());
        Mp3File mp3 = new Mp3File(f);
        ID3v2 tag = mp3.getId3v2Tag();
        assertThat(tag.getTitle()).isEqualTo("Machine Learning - A Tiny Test Paper");
        assertThat(tag.getArtist()).isEqualTo("PaperLedge");
        assertThat(tag.getAlbum()).isEqualTo("PaperLedge");
        assertThat(tag.getYear()).isEqualTo("2026");
        assertThat(tag.getComment()).contains("https://arxiv.org/abs/2401.00001");
        List<ID3v2ChapterFrameData> chaps = tag.getChapters();
        assertThat(chaps).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(chaps.get(i).getStartTime()).isEqualTo((int) Math.round(chapters.get(i).get("startTime").asDouble() * 1000));
        }
        assertThat(tag.getChapterTOC()).hasSize(1);
        assertThat(tag.getChapterTOC().get(0).getChildren()).containsExactly("ch0", "ch1", "ch2");
        assertThat(mp3.getSampleRate()).isEqualTo(24000);
        assertThat(mp3.getChannelMode()).isEqualTo("Mono");
    }

    @Test
    void theTranscriptParsesWithOneTimedCuePerSentence() {
        List<WebVtt.Cue> cues = WebVtt.parse(episode.transcriptVtt());
        assertThat(cues).extracting(WebVtt.Cue::text).containsExactly(
                "Hey PaperLedge learning crew, Ernis here.", "Today we look at a small model.",
                "It scored 87.5% on the benchmark, e.g. 3x faster than before.",
                "Thanks for listening.", "See you next time.");
        for (int i = 1; i < cues.size(); i++) {
            assertThat(cues.get(i).startMs()).isGreaterThanOrEqualTo(cues.get(i - 1).endMs());
        }
        assertThat(cues.get(cues.size() - 1).endMs()).isLessThan(episode.durationMs());
    }

    @Test
    void nonEnglishWordsAreSpokenNotDropped() {
        EpisodeScript script = new EpisodeScript("2401.00002", 1, "t", "d", List.of(new Section(Kind.QUOTE, "Quote",
                "The café in Zürich served crème brûlée; the Straße was naïve. 深度学习 means deep learning.")), "test");
        RenderedEpisode ep = renderer.render(script, new EpisodeRenderer.EpisodeInfo("t", "PaperLedge", "2026", "c"));
        assertThat(ep.words()).isGreaterThanOrEqualTo(13);
        assertThat(ep.speechMs()).isGreaterThan(ep.words() * 150L);
        assertThat(WebVtt.parse(ep.transcriptVtt()).get(1).text()).isEqualTo("深度学习 means deep learning.");
    }

    @Test
    void aSectionOfOnlySymbolsFailsTheStageWithAReason() {
        EpisodeScript script = new EpisodeScript("2401.00003", 1, "t", "d", List.of(
                new Section(Kind.HOOK, "Intro", "Hello there."),
                new Section(Kind.FINDINGS, "Findings", "*** ||| ^^^ ___ {} [] \\\\ ` ~~")), "test");
        assertThatThrownBy(() -> renderer.render(script, new EpisodeRenderer.EpisodeInfo("t", "a", "2026", "c")))
                .isInstanceOf(RenderException.class)
                .hasMessageContaining("section 'Findings' has no words")
                .satisfies(e -> assertThat(((RenderException) e).retryable()).isFalse());
    }

    @Test
    void speakableSymbolsAreReadAsWords() {
        EpisodeScript script = new EpisodeScript("2401.00004", 1, "t", "d", List.of(
                new Section(Kind.FINDINGS, "Findings", "% & + = @ #")), "test");
        RenderedEpisode ep = renderer.render(script, new EpisodeRenderer.EpisodeInfo("t", "a", "2026", "c"));
        assertThat(ep.words()).isEqualTo(6); // percent and plus equals at number
        assertThat(ep.durationMs()).isGreaterThan(1000);
    }
}
