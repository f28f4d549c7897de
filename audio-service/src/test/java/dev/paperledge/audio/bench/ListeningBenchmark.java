package dev.paperledge.audio.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import dev.paperledge.audio.check.CheckSettings;
import dev.paperledge.audio.check.ListeningCheck;
import dev.paperledge.audio.check.PocketsphinxRecognizer;
import dev.paperledge.audio.check.QualityReport;
import dev.paperledge.audio.check.SectionFigures;
import dev.paperledge.audio.check.WordErrors;
import dev.paperledge.audio.service.EpisodeRenderer;
import dev.paperledge.audio.service.RenderSettings;
import dev.paperledge.audio.service.RenderedEpisode;
import dev.paperledge.audio.speech.FliteEngine;
import dev.paperledge.audio.speech.MaryTtsEngine;
import dev.paperledge.audio.speech.SentenceSplitter;
import dev.paperledge.audio.speech.SpeechEngine;
import dev.paperledge.audio.speech.TextNormalizer;
import dev.paperledge.contracts.EpisodeScript;
import dev.paperledge.contracts.EpisodeScript.Kind;
import dev.paperledge.contracts.EpisodeScript.Section;

/**
 * The listening check on the show's own episodes: each seed script (shared/seed-episodes.txt, one
 * paragraph per section, cut at about {@code words} words) rendered by the whole stage with the
 * check, and each section also spoken by the bare engine (one call per chunk, no mixing, mastering
 * or MP3) and recognised the same way. Prints per episode: bare-engine vs episode word error, the
 * check's cost and the stage's real-time factor. Not a test: run it by hand (see the module README).
 *
 * <pre>
 * args: seed-episodes.txt [words=330] [episodes=8];  -Dengine=marytts (default) | flite;
 * -Dlisten=20 recognises about 20 s of each section (the service's default); default: all of it
 * </pre>
 */
public final class ListeningBenchmark {
    private static final Pattern DATE = Pattern.compile(
            "^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) [A-Z][a-z]{2} \\d{1,2}, \\d{4}$");

    public static void main(String[] args) throws Exception {
        List<EpisodeScript> scripts = seeds(Path.of(args[0]), args.length > 1 ? Integer.parseInt(args[1]) : 330);
        int episodes = Math.min(scripts.size(), args.length > 2 ? Integer.parseInt(args[2]) : 8);
        boolean flite = "flite".equals(System.getProperty("engine"));
        SpeechEngine engine = flite ? new FliteEngine("flite", "rms", 120) : new MaryTtsEngine("cmu-slt-hsmm", 400);
        engine.warmUp();
        double baseline = flite ? 0.15 : 0.20;
        PocketsphinxRecognizer ear = new PocketsphinxRecognizer(PocketsphinxRecognizer.BINARY,
                Path.of("/usr/share/pocketsphinx/model/en-us"), Duration.ofSeconds(300));
        TextNormalizer normalizer = new TextNormalizer();
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "engine %s, %d cores, %d episodes of about %s words%n", engine.id(), cores,
                episodes, args.length > 1 ? args[1] : "330");
        double sumBare = 0, sumEp = 0, sumCheckCpu = 0, sumAudio = 0, sumStage = 0, sumStageNoCheck = 0;
        try (ListeningCheck check = new ListeningCheck(ear,
                CheckSettings.defaults(baseline).withListenSeconds(Double.parseDouble(System.getProperty("listen", "0"))));
                EpisodeRenderer renderer = new EpisodeRenderer(engine, RenderSettings.defaults(), check, null)) {
            for (int e = 0; e < episodes; e++) {
                EpisodeScript script = scripts.get(e);
                long t = System.nanoTime();
                RenderedEpisode ep = renderer.render(script, new EpisodeRenderer.EpisodeInfo(script.episodeTitle(),
                        "PaperLedge", "2026", "bench"));
                double wall = (System.nanoTime() - t) / 1e9;
                QualityReport q = ep.quality();
                // The bare engine on the same words, every section, recognised by the same ear.
                int bareErrors = 0, words = 0;
                for (Section s : script.sections()) {
                    String spoken = spoken(normalizer, s.text());
                    StringBuilder heard = new StringBuilder();
                    for (String chunk : SentenceSplitter.pieces(spoken, engine.maxChunkChars())) {
                        heard.append(String.join(" ", ear.recognize(engine.synthesize(chunk)))).append(' ');
                    }
                    List<String> meant = WordErrors.words(spoken);
                    bareErrors += WordErrors.distance(meant, WordErrors.words(heard.toString()));
                    words += meant.size();
                }
                double bareWer = bareErrors / (double) Math.max(1, words);
                double audio = ep.durationMs() / 1000.0;
                long flagged = q.sections().stream().filter(SectionFigures::rerendered).count();
                System.out.printf(Locale.ROOT,
                        "%-70.70s %4d words %6.1f s | WER bare %5.1f%% episode %5.1f%% | verdicts %s | re-rendered %d | "
                                + "check %5.1f s wall, %5.1f s recogniser CPU (%.1f s CPU per audio minute) | stage RTF %.3f "
                                + "(without the check %.3f)%n",
                        script.episodeTitle(), words, audio, 100 * bareWer, 100 * q.wer(),
                        q.sections().stream().map(s -> s.verdict().substring(0, 1)).reduce("", String::concat), flagged,
                        ep.checkMs() / 1000.0, q.checkCpuMs() / 1000.0, q.checkCpuMs() / 1000.0 / audio * 60,
                        wall / audio, (wall - ep.checkMs() / 1000.0) / audio);
                sumBare += bareWer;
                sumEp += q.wer();
                sumCheckCpu += q.checkCpuMs() / 1000.0;
                sumAudio += audio;
                sumStage += wall;
                sumStageNoCheck += wall - ep.checkMs() / 1000.0;
            }
        }
        System.out.printf(Locale.ROOT, "MEAN over %d: WER bare %.1f%%, episode %.1f%%; check %.1f s CPU per audio minute; "
                + "stage RTF %.3f (without the check %.3f)%n", episodes, 100 * sumBare / episodes, 100 * sumEp / episodes,
                sumCheckCpu / sumAudio * 60, sumStage / sumAudio, sumStageNoCheck / sumAudio);
        System.out.println("memory: peak RSS " + peakRss());
        engine.close();
        System.exit(0);
    }

    /** The section's text as the stage speaks it (sentences, cue pieces, normalised, speakable only). */
    static String spoken(TextNormalizer normalizer, String text) {
        List<String> out = new ArrayList<>();
        for (String sentence : SentenceSplitter.sentences(text)) {
            for (String piece : SentenceSplitter.pieces(sentence, 240)) {
                String s = normalizer.normalize(piece);
                if (TextNormalizer.speakable(s)) {
                    out.add(s);
                }
            }
        }
        return String.join(" ", out);
    }

    /** The seed episodes: a title line after a date line, then one paragraph per line until the next date. */
    static List<EpisodeScript> seeds(Path file, int maxWords) throws Exception {
        List<String> lines = Files.readAllLines(file);
        List<EpisodeScript> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!DATE.matcher(lines.get(i).strip()).matches() || i + 1 >= lines.size()
                    || DATE.matcher(lines.get(i + 1).strip()).matches()) {
                continue;
            }
            String title = lines.get(i + 1).strip();
            List<Section> sections = new ArrayList<>();
            int words = 0;
            int j = i + 2;
            while (j < lines.size() && DATE.matcher(lines.get(j).strip()).matches()) {
                j++;
            }
            for (; j < lines.size() && !DATE.matcher(lines.get(j).strip()).matches() && words < maxWords; j++) {
                String p = lines.get(j).strip();
                if (p.split("\\s+").length < 4) {
                    continue;
                }
                sections.add(new Section(Kind.HOOK, "Part " + (sections.size() + 1), p));
                words += p.split("\\s+").length;
            }
            if (!sections.isEmpty()) {
                out.add(new EpisodeScript("seed-" + out.size(), 1, title, "", sections, "seed"));
            }
            while (j < lines.size() && !DATE.matcher(lines.get(j).strip()).matches()) {
                j++; // the rest of this episode
            }
            i = j - 1;
        }
        return out;
    }

    private static String peakRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return line.substring(6).strip();
                }
            }
        } catch (Exception e) {
            return "n/a";
        }
        return "n/a";
    }
}
