package dev.paperledge.audio.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import dev.paperledge.audio.check.CheckSettings;
import dev.paperledge.audio.check.ListeningCheck;
import dev.paperledge.audio.check.PocketsphinxRecognizer;
import dev.paperledge.audio.service.EpisodeRenderer;
import dev.paperledge.audio.service.RenderSettings;
import dev.paperledge.audio.service.RenderedEpisode;
import dev.paperledge.audio.speech.FliteEngine;
import dev.paperledge.audio.speech.MaryTtsEngine;
import dev.paperledge.audio.speech.Pcm;
import dev.paperledge.audio.speech.SpeechEngine;
import dev.paperledge.audio.speech.TextNormalizer;
import dev.paperledge.contracts.EpisodeScript;

/**
 * Speed of the audio stage on a 1,100-word script, against the bare engine on the same text in the
 * same process. Not a test: run it by hand (see the module README).
 *
 * <pre>
 * args: [words=1100] [runs=2] [out.mp3]
 * -Dengine=marytts (default) | flite (Debian's flite, voice rms); -Dbare=false skips the bare run;
 * -Drate=16000 renders at another program rate;
 * -Dcheck=true adds the listening check (pocketsphinx, about 20 s of each section heard; -Dlisten=0: all)
 * </pre>
 */
public final class AudioStageBenchmark {
    public static void main(String[] args) throws Exception {
        int words = args.length > 0 ? Integer.parseInt(args[0]) : 1100;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        boolean bare = !"false".equals(System.getProperty("bare"));
        Path out = Path.of(args.length > 2 ? args[2] : "target/benchmark-episode.mp3");
        EpisodeScript script = BenchmarkScript.script("2106.09685", words);
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "script: %d words in %d sections; %d cores; max heap %d MB%n",
                script.wordCount(), script.sections().size(), cores, Runtime.getRuntime().maxMemory() >> 20);

        long t = System.nanoTime();
        SpeechEngine engine = "flite".equals(System.getProperty("engine"))
                ? new FliteEngine("flite", "rms", 120)
                : new MaryTtsEngine("cmu-slt-hsmm", 400);
        engine.warmUp();
        System.out.printf(Locale.ROOT, "engine %s start-up + warm-up: %.1f s%n", engine.id(), secs(t));

        TextNormalizer normalizer = new TextNormalizer();
        // Bare engine: each section's normalised text in one call, one thread: what a naive stage does.
        t = System.nanoTime();
        long cpu = cpuNanos();
        double bareAudio = 0;
        for (EpisodeScript.Section s : bare ? script.sections() : java.util.List.<EpisodeScript.Section>of()) {
            Pcm pcm = engine.synthesize(normalizer.normalize(s.text()));
            bareAudio += pcm.seconds();
        }
        double bareWall = secs(t);
        double bareCpu = (cpuNanos() - cpu) / 1e9;
        System.out.printf(Locale.ROOT, "bare engine (one call per section, 1 thread): %.1f s wall, %.1f s CPU for %.1f s of audio -> RTF %.3f wall, %.3f CPU%n",
                bareWall, bareCpu, bareAudio, bareWall / bareAudio, bareCpu / bareAudio);

        ListeningCheck check = !"true".equals(System.getProperty("check")) ? null
                : new ListeningCheck(new PocketsphinxRecognizer(PocketsphinxRecognizer.BINARY,
                        Path.of("/usr/share/pocketsphinx/model/en-us"), java.time.Duration.ofSeconds(300)),
                        CheckSettings.defaults(engine.id().startsWith("flite") ? 0.15 : 0.20)
                                .withListenSeconds(Double.parseDouble(System.getProperty("listen", "20"))));
        try (EpisodeRenderer renderer = new EpisodeRenderer(engine,
                RenderSettings.defaults().withSampleRate(Integer.getInteger("rate", RenderSettings.defaults().sampleRate())),
                check, null)) {
            RenderedEpisode ep = null;
            for (int r = 1; r <= runs; r++) {
                t = System.nanoTime();
                cpu = cpuNanos();
                long children = ListeningCheck.childCpuMs();
                ep = renderer.render(script, new EpisodeRenderer.EpisodeInfo(script.episodeTitle(), "PaperLedge", "2026",
                        "https://arxiv.org/abs/2106.09685"));
                double wall = secs(t);
                double cpuSecs = (cpuNanos() - cpu) / 1e9;
                double childSecs = (ListeningCheck.childCpuMs() - children) / 1000.0;
                double audio = ep.durationMs() / 1000.0;
                System.out.printf(Locale.ROOT,
                        "stage run %d: %.1f s wall, %.1f s CPU (CPU/cores %.3f RTF) for %.1f s episode (%.1f s speech) -> RTF %.3f (synthesis %.1f s, mastering+MP3+tags %.1f s); %.1f LUFS, %.1f dBTP, %d bytes%n",
                        r, wall, cpuSecs, cpuSecs / cores / audio, audio, ep.speechMs() / 1000.0, wall / audio, ep.synthesisMs() / 1000.0,
                        ep.encodingMs() / 1000.0, ep.loudness().outputLufs(), ep.loudness().truePeakDbtp(), ep.mp3().length);
                System.out.printf(Locale.ROOT, "  CPU: %.1f s in the JVM + %.1f s in subprocesses (engine, recogniser) = "
                        + "%.1f s (%.3f CPU-seconds per audio second; over %d cores at best RTF %.3f)%n", cpuSecs,
                        childSecs, cpuSecs + childSecs, (cpuSecs + childSecs) / audio, cores,
                        (cpuSecs + childSecs) / cores / audio);
                System.out.println("  memory after run " + r + ": " + procStatus("VmRSS") + " RSS, " + procStatus("VmHWM")
                        + " peak");
                if (ep.quality() != null) {
                    System.out.printf(Locale.ROOT,
                            "  listening check: %.1f s wall (RTF %.3f), %.1f s recogniser CPU (%.1f s per audio minute), "
                                    + "word error %.1f%%, verdicts %s, passed %s%n",
                            ep.checkMs() / 1000.0, ep.checkMs() / 1000.0 / audio, ep.quality().checkCpuMs() / 1000.0,
                            ep.quality().checkCpuMs() / 1000.0 / audio * 60, 100 * ep.quality().wer(),
                            ep.quality().sections().stream().map(x -> x.verdict().substring(0, 1))
                                    .reduce("", String::concat), ep.quality().passed());
                }
            }
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.write(out, ep.mp3());
            System.out.println("episode written to " + out.toAbsolutePath());
        }
        System.out.println("memory: " + procStatus("VmHWM") + " peak RSS, " + procStatus("VmRSS") + " RSS now");
        engine.close();
        System.exit(0);
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double secs(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static String procStatus(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key + ":")) {
                    return line.substring(key.length() + 1).strip();
                }
            }
        } catch (Exception e) {
            return "n/a";
        }
        return "n/a";
    }
}
