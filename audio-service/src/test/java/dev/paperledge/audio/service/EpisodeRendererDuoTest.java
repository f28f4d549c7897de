package dev.paperledge.audio.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.paperledge.audio.mix.LoudnessMeter;
import dev.paperledge.audio.mix.Mp3Decoder;
import dev.paperledge.audio.mix.Timeline;
import dev.paperledge.audio.speech.FliteEngine;
import dev.paperledge.audio.speech.MaryTtsEngine;
import dev.paperledge.audio.speech.Pcm;
import dev.paperledge.contracts.EpisodeScript;
import dev.paperledge.contracts.EpisodeScript.Host;
import dev.paperledge.contracts.EpisodeScript.Kind;
import dev.paperledge.contracts.EpisodeScript.Line;
import dev.paperledge.contracts.EpisodeScript.Section;

/**
 * A real two-voice episode: the host's lines in one flite voice, the co-host's in another. The
 * transcripts say who speaks; the two voices are measurably different in the rendered MP3 (median
 * pitch per speaker); the episode still meets −16 LUFS.
 */
class EpisodeRendererDuoTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static EpisodeRenderer renderer;
    static RenderedEpisode episode;

    static Section section(Kind kind, String title, Line... lines) {
        return new Section(kind, title, String.join(" ", Arrays.stream(lines).map(Line::text).toList()), List.of(),
                List.of(lines));
    }

    static final EpisodeScript DUO = new EpisodeScript("2401.00003", 1, "Machine Learning - A Tiny Duo",
            "Ernis and Sam unpack a tiny paper.", List.of(
                    section(Kind.HOOK, "The problem",
                            new Line("Ernis", "Hey PaperLedge learning crew, Ernis here, and I've got Sam with me today."),
                            new Line("Sam", "Hi everyone, great to be here. So what are they up against?"),
                            new Line("Ernis", "Search engines rank millions of documents, and doing it fast is hard.")),
                    section(Kind.FINDINGS, "What they found",
                            new Line("Sam", "And does it hold up?"),
                            new Line("Ernis", "Recall rose from sixty one percent to seventy five percent."),
                            new Line("Sam", "Plus, every query took less than three milliseconds.")),
                    section(Kind.SIGN_OFF, "Sign-off",
                            new Line("Ernis", "That's all for this episode, learning crew. Until next time, keep learning!"),
                            new Line("Sam", "Thanks for listening, everyone!"))),
            "test", EpisodeScript.DUO, List.of(new Host("Ernis", Host.HOST), new Host("Sam", Host.COHOST)));

    @BeforeAll
    static void synthesize() {
        if (!"true".equals(System.getenv("PAPERLEDGE_FLITE_REQUIRED"))) {
            Assumptions.assumeTrue(FliteEngine.available("flite"), "flite is not installed");
        }
        FliteEngine cohost = new FliteEngine("flite", "slt", 60);
        renderer = new EpisodeRenderer(new FliteEngine("flite", "rms", 60), RenderSettings.defaults(), null, null,
                new dev.paperledge.audio.speech.TextNormalizer(), () -> cohost);
        episode = renderer.render(DUO, new EpisodeRenderer.EpisodeInfo(DUO.episodeTitle(), "PaperLedge", "2026",
                "Paper: https://arxiv.org/abs/2401.00003"));
    }

    @AfterAll
    static void close() {
        if (renderer != null) {
            renderer.close();
        }
    }

    @Test
    void bothHostsAreNamedInTheTranscriptsInTheirOrder() throws Exception {
        List<String> expected = new ArrayList<>();
        DUO.sections().forEach(s -> s.lines().forEach(l -> expected.add(l.speaker())));
        List<String> cueSpeakers = episode.timeline().cues().stream().map(Timeline.Cue::speaker).toList();
        // A line may be several cues (one per sentence): the cues' speakers, runs collapsed, are the lines'.
        List<String> runs = new ArrayList<>();
        for (String s : cueSpeakers) {
            if (runs.isEmpty() || !runs.get(runs.size() - 1).equals(s)) {
                runs.add(s);
            }
        }
        assertThat(runs).isEqualTo(collapse(expected));

        String vtt = episode.transcriptVtt();
        assertThat(vtt).contains("<v Ernis>Hey PaperLedge learning crew, Ernis here").contains("<v Sam>Hi everyone")
                .contains("</v>");
        JsonNode segments = JSON.readTree(episode.transcriptJson()).path("segments");
        List<String> jsonSpeakers = new ArrayList<>();
        segments.forEach(s -> jsonSpeakers.add(s.path("speaker").asText()));
        assertThat(jsonSpeakers).isEqualTo(cueSpeakers).contains("Ernis", "Sam");
    }

    @Test
    void theTwoVoicesAreMeasurablyDifferentAndTheEpisodeMeetsTheLoudnessNorm() {
        Pcm decoded = Mp3Decoder.decode(episode.mp3());
        Map<String, List<Double>> pitches = new LinkedHashMap<>();
        for (Timeline.Cue cue : episode.timeline().cues()) {
            int from = (int) (cue.startMs() * decoded.sampleRate() / 1000);
            int to = (int) Math.min(decoded.samples().length, cue.endMs() * decoded.sampleRate() / 1000);
            pitches.computeIfAbsent(cue.speaker(), k -> new ArrayList<>())
                    .addAll(Pitch.voicedF0(decoded.samples(), from, to, decoded.sampleRate()));
        }
        double ernis = Pitch.median(pitches.get("Ernis"));
        double sam = Pitch.median(pitches.get("Sam"));
        System.out.printf("duo voices: Ernis (flite rms) median f0 %.0f Hz over %d frames, Sam (flite slt) %.0f Hz over %d frames%n",
                ernis, pitches.get("Ernis").size(), sam, pitches.get("Sam").size());
        assertThat(pitches.get("Ernis")).hasSizeGreaterThan(50);
        assertThat(pitches.get("Sam")).hasSizeGreaterThan(50);
        assertThat(Math.abs(sam - ernis) / Math.min(sam, ernis)).as("relative pitch difference").isGreaterThan(0.25);

        double lufs = LoudnessMeter.integratedLoudness(decoded.samples(), decoded.samples().length, decoded.sampleRate());
        assertThat(lufs).isCloseTo(-16.0, within(1.0));
    }

    @Test
    void theListeningCheckHearsBothVoicesAndPassesAnHonestDuo() {
        java.nio.file.Path model = java.nio.file.Path.of("/usr/share/pocketsphinx/model/en-us");
        Assumptions.assumeTrue(dev.paperledge.audio.check.PocketsphinxRecognizer.available(
                dev.paperledge.audio.check.PocketsphinxRecognizer.BINARY, model)
                || "true".equals(System.getenv("PAPERLEDGE_FLITE_REQUIRED")), "pocketsphinx is not installed");
        var check = new dev.paperledge.audio.check.ListeningCheck(new dev.paperledge.audio.check.PocketsphinxRecognizer(
                dev.paperledge.audio.check.PocketsphinxRecognizer.BINARY, model, java.time.Duration.ofSeconds(60)),
                dev.paperledge.audio.check.CheckSettings.defaults(0.15));
        FliteEngine cohost = new FliteEngine("flite", "slt", 60);
        try (EpisodeRenderer checked = new EpisodeRenderer(new FliteEngine("flite", "rms", 60),
                RenderSettings.defaults().withJingle(false), check, null, new dev.paperledge.audio.speech.TextNormalizer(),
                () -> cohost)) {
            RenderedEpisode e = checked.render(DUO, new EpisodeRenderer.EpisodeInfo(DUO.episodeTitle(), "PaperLedge", "2026", "t"));
            assertThat(e.quality().passed()).isTrue();
            assertThat(e.quality().sections()).hasSize(3).allSatisfy(f -> assertThat(f.verdict()).isNotEqualTo("red"));
            System.out.printf("duo listening check: word error %.1f %% over %d sections%n", 100 * e.quality().wer(),
                    e.quality().sections().size());
        }
    }

    /**
     * Maven Central serves one English MaryTTS voice, so the default co-host is that voice lowered by
     * an audio effect: it must sound different (pitch) and stay as intelligible (a real recogniser).
     */
    @Test
    void theDefaultMaryTtsCoHostVoiceSoundsUnlikeTheHostAndIsAsIntelligible() {
        java.nio.file.Path model = java.nio.file.Path.of("/usr/share/pocketsphinx/model/en-us");
        Assumptions.assumeTrue(dev.paperledge.audio.check.PocketsphinxRecognizer.available(dev.paperledge.audio.check.PocketsphinxRecognizer.BINARY, model)
                || "true".equals(System.getenv("PAPERLEDGE_FLITE_REQUIRED")), "pocketsphinx is not installed");
        var ear = new dev.paperledge.audio.check.PocketsphinxRecognizer(dev.paperledge.audio.check.PocketsphinxRecognizer.BINARY, model,
                java.time.Duration.ofSeconds(60));
        MaryTtsEngine host = new MaryTtsEngine("cmu-slt-hsmm", 400);
        MaryTtsEngine cohost = new MaryTtsEngine("cmu-slt-hsmm", 400, "F0Add(f0Add:-70.0)");
        List<String> sentences = List.of(
                "Recall rose from sixty one percent to seventy five percent on every benchmark they tried.",
                "So how does it actually work? Walk me through it.",
                "The authors freeze the large model and train a small set of extra weights for each new task.",
                "Thanks for listening, everyone, and see you next time.");
        int errorsHost = 0;
        int errorsCohost = 0;
        int words = 0;
        List<Double> fHost = new ArrayList<>();
        List<Double> fCohost = new ArrayList<>();
        for (String sentence : sentences) {
            List<String> meant = dev.paperledge.audio.check.WordErrors.words(sentence);
            Pcm a = host.synthesize(sentence);
            Pcm b = cohost.synthesize(sentence);
            fHost.addAll(Pitch.voicedF0(a.samples(), 0, a.samples().length, a.sampleRate()));
            fCohost.addAll(Pitch.voicedF0(b.samples(), 0, b.samples().length, b.sampleRate()));
            errorsHost += dev.paperledge.audio.check.WordErrors.distance(meant, ear.recognize(a));
            errorsCohost += dev.paperledge.audio.check.WordErrors.distance(meant, ear.recognize(b));
            words += meant.size();
        }
        double fa = Pitch.median(fHost);
        double fb = Pitch.median(fCohost);
        System.out.printf("MaryTTS duo: host %s median f0 %.0f Hz, WER %.1f %%; co-host %s %.0f Hz, WER %.1f %% (%d words)%n",
                host.id(), fa, 100.0 * errorsHost / words, cohost.id(), fb, 100.0 * errorsCohost / words, words);
        assertThat(Math.abs(fa - fb) / Math.min(fa, fb)).as("relative pitch difference").isGreaterThan(0.25);
        assertThat((double) errorsCohost / words).as("co-host word error").isLessThanOrEqualTo((double) errorsHost / words + 0.10);
    }

    private static List<String> collapse(List<String> speakers) {
        List<String> out = new ArrayList<>();
        for (String s : speakers) {
            if (out.isEmpty() || !out.get(out.size() - 1).equals(s)) {
                out.add(s);
            }
        }
        return out;
    }

    /** Fundamental frequency of voiced 40 ms frames by normalised autocorrelation (70–400 Hz). */
    static final class Pitch {
        static List<Double> voicedF0(float[] x, int from, int to, int rate) {
            int frame = rate * 40 / 1000;
            int minLag = rate / 400;
            int maxLag = rate / 70;
            List<Double> out = new ArrayList<>();
            for (int start = from; start + frame + maxLag < to; start += frame / 2) {
                double energy = 0;
                for (int i = 0; i < frame; i++) {
                    energy += x[start + i] * x[start + i];
                }
                if (energy / frame < 1e-4) {
                    continue; // silence
                }
                double best = 0;
                int bestLag = -1;
                for (int lag = minLag; lag <= maxLag; lag++) {
                    double num = 0;
                    double e2 = 0;
                    for (int i = 0; i < frame; i++) {
                        num += x[start + i] * x[start + i + lag];
                        e2 += x[start + i + lag] * x[start + i + lag];
                    }
                    double r = num / Math.sqrt(energy * e2 + 1e-12);
                    if (r > best) {
                        best = r;
                        bestLag = lag;
                    }
                }
                if (best > 0.6 && bestLag > 0) {
                    out.add(rate / (double) bestLag);
                }
            }
            return out;
        }

        static double median(List<Double> values) {
            double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return v.length == 0 ? Double.NaN : v[v.length / 2];
        }
    }
}
