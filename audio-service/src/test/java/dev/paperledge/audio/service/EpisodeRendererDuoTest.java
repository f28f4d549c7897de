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
import dev.paperledge.audio.speech.SpeechEngine;
import dev.paperledge.contracts.EpisodeScript;
import dev.paperledge.contracts.EpisodeScript.Host;
import dev.paperledge.contracts.EpisodeScript.Kind;
import dev.paperledge.contracts.EpisodeScript.Line;
import dev.paperledge.contracts.EpisodeScript.Section;

/**
 * A real two-voice episode: the host's lines in one flite voice, the co-host's in another (or on
 * MaryTTS). The transcripts say who speaks; the two voices are measurably different in the rendered
 * MP3 (median pitch per speaker); a turn change holds the turn pause; the listening check judges each
 * speaker against the speaker's own engine; the episode still meets −16 LUFS.
 */
class EpisodeRendererDuoTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final java.nio.file.Path MODEL = java.nio.file.Path.of("/usr/share/pocketsphinx/model/en-us");
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
        Map<String, List<Double>> pitches = Pitch.perSpeaker(decoded, episode.timeline());
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
        var check = listeningCheck(dev.paperledge.audio.check.CheckSettings.defaults(0.15));
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
     * Where the speaker changes the episode holds a silence of about {@code turn-pause-ms}, measured
     * in the decoded MP3 between the two cues' times; a pause inside one speaker's turn is shorter.
     */
    @Test
    void aTurnChangeHoldsTheTurnPauseAndAPauseWithinATurnIsShorter() {
        Pcm decoded = Mp3Decoder.decode(episode.mp3());
        int turnPause = RenderSettings.defaults().turnPauseMs();
        List<Timeline.Cue> cues = episode.timeline().cues();
        List<Long> turns = new ArrayList<>();
        List<Long> within = new ArrayList<>();
        for (int i = 1; i < cues.size(); i++) {
            Timeline.Cue before = cues.get(i - 1);
            Timeline.Cue after = cues.get(i);
            if (after.startMs() - before.endMs() >= RenderSettings.defaults().sectionPauseMs()) {
                continue; // a new section: the section pause, not a turn
            }
            long silence = Silence.longestMs(decoded, before.endMs() - 100, after.startMs() + 100);
            (before.speaker().equals(after.speaker()) ? within : turns).add(silence);
        }
        System.out.printf("duo pauses (longest run under -50 dBFS): at turn changes %s ms, within a turn %s ms "
                + "(turn-pause-ms %d)%n", turns, within, turnPause);
        assertThat(turns).hasSize(5).allSatisfy(ms -> assertThat(ms).isBetween(turnPause - 40L, turnPause + 120L));
        assertThat(within).isNotEmpty()
                .allSatisfy(ms -> assertThat(ms).isLessThan(turns.stream().mapToLong(Long::longValue).min().orElseThrow()));
    }

    /**
     * The host on flite, the co-host on MaryTTS (PAPERLEDGE_AUDIO_COHOST_ENGINE=marytts): both voices
     * are heard in the episode, each speaker's words are judged against the baseline of the engine
     * that spoke them, the check passes and the episode meets −16 LUFS.
     */
    @Test
    void aDuoOnTwoEnginesIsJudgedPerEngineAndPasses() {
        var check = listeningCheck(dev.paperledge.audio.check.CheckSettings.defaults(0.15)
                        .withEngineBaselines(Map.of("flite", 0.15, "marytts", 0.20)));
        MaryTtsEngine mary = new MaryTtsEngine("cmu-slt-hsmm", 400);
        try (EpisodeRenderer mixed = new EpisodeRenderer(new FliteEngine("flite", "rms", 60), RenderSettings.defaults(),
                check, null, new dev.paperledge.audio.speech.TextNormalizer(), () -> mary)) {
            RenderedEpisode e = mixed.render(DUO, new EpisodeRenderer.EpisodeInfo(DUO.episodeTitle(), "PaperLedge",
                    "2026", "t"));
            var q = e.quality();
            assertThat(q.passed()).isTrue();
            assertThat(q.speakers()).extracting(s -> s.speaker(), s -> s.engine(), s -> s.baselineWer())
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("Ernis", "flite:rms", 0.15),
                            org.assertj.core.groups.Tuple.tuple("Sam", "marytts:cmu-slt-hsmm", 0.20));
            assertThat(q.speakers()).allSatisfy(s -> {
                assertThat(s.words()).isGreaterThan(10);
                assertThat(s.verdict()).isNotEqualTo("red");
            });
            // The section figures lay every word on one speaker.
            assertThat(q.sections()).allSatisfy(f -> assertThat(f.speakers().stream()
                    .mapToInt(dev.paperledge.audio.check.SpeakerFigures::words).sum()).isEqualTo(f.words()));

            Pcm decoded = Mp3Decoder.decode(e.mp3());
            Map<String, List<Double>> pitches = Pitch.perSpeaker(decoded, e.timeline());
            double ernis = Pitch.median(pitches.get("Ernis"));
            double sam = Pitch.median(pitches.get("Sam"));
            double lufs = LoudnessMeter.integratedLoudness(decoded.samples(), decoded.samples().length,
                    decoded.sampleRate());
            System.out.printf("mixed-engine duo: Ernis (flite rms) %.0f Hz, word error %.1f %%; Sam (MaryTTS) %.0f Hz, "
                    + "word error %.1f %%; %.1f LUFS%n", ernis, 100 * q.speakers().get(0).wer(), sam,
                    100 * q.speakers().get(1).wer(), lufs);
            assertThat(pitches.get("Ernis")).hasSizeGreaterThan(50);
            assertThat(pitches.get("Sam")).hasSizeGreaterThan(50);
            assertThat(Math.abs(sam - ernis) / Math.min(sam, ernis)).as("relative pitch difference").isGreaterThan(0.25);
            assertThat(lufs).isCloseTo(-16.0, within(1.0));
        }
    }

    /** Two long host lines and two short co-host questions: the host has most of the words. */
    static final EpisodeScript HOST_HEAVY = new EpisodeScript("2401.00005", 1, "Machine Learning - Mostly Ernis",
            "Ernis explains, Sam asks.", List.of(
                    section(Kind.HOOK, "The problem",
                            new Line("Sam", "So what problem are they trying to solve here?"),
                            new Line("Ernis", "Search engines have to rank millions of documents for every query. "
                                    + "Doing that quickly is hard, because the best ranking models are large and slow. "
                                    + "The authors want a ranking that is nearly as good and many times faster.")),
                    section(Kind.FINDINGS, "What they found",
                            new Line("Sam", "And does it actually hold up in practice?"),
                            new Line("Ernis", "Recall rose from sixty one percent to seventy five percent. "
                                    + "Every query took less than three milliseconds on a single machine. "
                                    + "That is fast enough to use on a real search engine today."))),
            "test", EpisodeScript.DUO, List.of(new Host("Ernis", Host.HOST), new Host("Sam", Host.COHOST)));

    /**
     * The co-host's voice comes out garbled (played backwards: speech-like, but no words) while the
     * host's is clean. The co-host has few words, so the episode's word error stays inside the bounds
     * a section is judged by; the check still fails on the co-host's own figures, and says so.
     */
    @Test
    void oneSpeakerOutOfBoundsFailsTheCheckEvenWhenTheAveragePasses() {
        // Without the bare-engine comparison: the bare co-host engine is as garbled, so it would excuse it.
        var settings = dev.paperledge.audio.check.CheckSettings.defaults(0.15).withoutCalibration();
        var check = listeningCheck(settings);
        Backwards garbled = new Backwards(new FliteEngine("flite", "slt", 60));
        try (EpisodeRenderer checked = new EpisodeRenderer(new FliteEngine("flite", "rms", 60),
                RenderSettings.defaults().withJingle(false), check, null, new dev.paperledge.audio.speech.TextNormalizer(),
                () -> garbled)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> checked.render(HOST_HEAVY,
                    new EpisodeRenderer.EpisodeInfo(HOST_HEAVY.episodeTitle(), "PaperLedge", "2026", "t")))
                    .isInstanceOf(ListeningCheckFailed.class)
                    .hasMessageContaining("Sam (flite:slt-backwards) word error")
                    .satisfies(t -> {
                        var q = ((ListeningCheckFailed) t).report();
                        var sam = q.speakers().stream().filter(s -> s.speaker().equals("Sam")).findFirst().orElseThrow();
                        var ernis = q.speakers().stream().filter(s -> s.speaker().equals("Ernis")).findFirst()
                                .orElseThrow();
                        System.out.printf("garbled co-host: episode word error %.1f %%; Ernis %.1f %% of %d words (%s), "
                                + "Sam %.1f %% of %d words (%s)%n", 100 * q.wer(), 100 * ernis.wer(), ernis.words(),
                                ernis.verdict(), 100 * sam.wer(), sam.words(), sam.verdict());
                        assertThat(q.passed()).isFalse();
                        // The average alone would pass: under the baseline plus the margin.
                        assertThat(q.wer()).isLessThanOrEqualTo(settings.baselineWer() + settings.marginWer());
                        assertThat(sam.verdict()).isEqualTo("red");
                        assertThat(sam.wer()).isGreaterThan(sam.baselineWer() + settings.marginWer());
                        assertThat(ernis.verdict()).isNotEqualTo("red");
                        assertThat(q.sections()).allSatisfy(f -> assertThat(f.rerendered()).isTrue());
                    });
        }
    }

    /** A real voice played backwards: the loudness and spectrum of speech, none of its words. */
    record Backwards(SpeechEngine voice) implements SpeechEngine {
        @Override
        public String id() {
            return voice.id() + "-backwards";
        }

        @Override
        public Pcm synthesize(String text) {
            Pcm forwards = voice.synthesize(text);
            float[] x = forwards.samples().clone();
            for (int i = 0, j = x.length - 1; i < j; i++, j--) {
                float t = x[i];
                x[i] = x[j];
                x[j] = t;
            }
            return new Pcm(x, forwards.sampleRate());
        }
    }

    /** The longest run of 5 ms frames under -50 dBFS (RMS) between two times. */
    static final class Silence {
        static long longestMs(Pcm pcm, long fromMs, long toMs) {
            int rate = pcm.sampleRate();
            float[] x = pcm.samples();
            int frame = rate * 5 / 1000;
            double threshold = Math.pow(10, -50 / 20.0);
            int from = (int) Math.max(0, fromMs * rate / 1000);
            int to = (int) Math.min(x.length, toMs * rate / 1000);
            int run = 0;
            int longest = 0;
            for (int start = from; start + frame <= to; start += frame) {
                double energy = 0;
                for (int i = start; i < start + frame; i++) {
                    energy += x[i] * x[i];
                }
                run = Math.sqrt(energy / frame) < threshold ? run + 1 : 0;
                longest = Math.max(longest, run);
            }
            return longest * 5L;
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

    /** A listening check by the real recogniser (the test is skipped where pocketsphinx is not installed). */
    static dev.paperledge.audio.check.ListeningCheck listeningCheck(dev.paperledge.audio.check.CheckSettings settings) {
        Assumptions.assumeTrue(dev.paperledge.audio.check.PocketsphinxRecognizer.available(
                dev.paperledge.audio.check.PocketsphinxRecognizer.BINARY, MODEL)
                || "true".equals(System.getenv("PAPERLEDGE_FLITE_REQUIRED")), "pocketsphinx is not installed");
        return new dev.paperledge.audio.check.ListeningCheck(new dev.paperledge.audio.check.PocketsphinxRecognizer(
                dev.paperledge.audio.check.PocketsphinxRecognizer.BINARY, MODEL, java.time.Duration.ofSeconds(60)),
                settings);
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
        /** Each speaker's voiced frames over the speaker's cues. */
        static Map<String, List<Double>> perSpeaker(Pcm decoded, Timeline timeline) {
            Map<String, List<Double>> pitches = new LinkedHashMap<>();
            for (Timeline.Cue cue : timeline.cues()) {
                int from = (int) (cue.startMs() * decoded.sampleRate() / 1000);
                int to = (int) Math.min(decoded.samples().length, cue.endMs() * decoded.sampleRate() / 1000);
                pitches.computeIfAbsent(cue.speaker(), k -> new ArrayList<>())
                        .addAll(voicedF0(decoded.samples(), from, to, decoded.sampleRate()));
            }
            return pitches;
        }

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
