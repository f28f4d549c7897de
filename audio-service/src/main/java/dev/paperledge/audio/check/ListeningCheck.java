package dev.paperledge.audio.check;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import dev.paperledge.audio.speech.Pcm;

/**
 * Listens to every rendered section with a {@link SpeechRecognizer} and judges it against what was
 * meant to be spoken and against the engine itself: word error above the engine's clean baseline
 * (and, when suspect, above the bare engine speaking the same words), noise where speech should be,
 * silence inside speech, a speaking rate far from the episode's, clipped chunk edges. Sections are recognised in parallel
 * on a pool of its own. Plain Java (no CDI) so the benchmark can drive it.
 */
public class ListeningCheck implements AutoCloseable {
    private final SpeechRecognizer recognizer;
    private final CheckSettings settings;
    private final ExecutorService pool;

    public ListeningCheck(SpeechRecognizer recognizer, CheckSettings settings) {
        this.recognizer = recognizer;
        this.settings = settings;
        int threads = Math.max(1, Math.min(settings.parallelism(), Runtime.getRuntime().availableProcessors()));
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "listen-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public SpeechRecognizer recognizer() {
        return recognizer;
    }

    public CheckSettings settings() {
        return settings;
    }

    /**
     * Figures for each section.
     *
     * @param takes       the sections to judge
     * @param medianSpw   the episode's median seconds per word (the voice's rate), or 0 to use these takes'
     * @param bareEngine  renders spoken text with the bare engine (no mixing, mastering or MP3), for
     *                    calibrating a suspect section; null to skip
     */
    public List<SectionFigures> check(List<SectionTake> takes, double medianSpw, Function<String, Pcm> bareEngine) {
        double median = medianSpw > 0 ? medianSpw : medianSecondsPerWord(takes);
        List<Future<SectionFigures>> futures = new ArrayList<>();
        for (SectionTake take : takes) {
            futures.add(pool.submit(() -> judge(take, median, bareEngine)));
        }
        List<SectionFigures> out = new ArrayList<>();
        for (Future<SectionFigures> f : futures) {
            try {
                out.add(f.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RecognizerException("interrupted while listening", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                throw new RecognizerException("listening failed: " + e.getCause(), e.getCause());
            }
        }
        return out;
    }

    public static double medianSecondsPerWord(List<SectionTake> takes) {
        double[] spw = takes.stream().mapToDouble(t -> t.seconds() / Math.max(1, t.words()))
                .sorted().toArray();
        if (spw.length == 0) {
            return 0;
        }
        return spw.length % 2 == 1 ? spw[spw.length / 2] : (spw[spw.length / 2 - 1] + spw[spw.length / 2]) / 2;
    }

    private SectionFigures judge(SectionTake take, double medianSpw, Function<String, Pcm> bareEngine) {
        List<String> meant = WordErrors.words(take.spokenText());
        List<String> heard = recognizer.recognize(take.listened());
        int errors = WordErrors.distance(meant, heard);
        double wer = meant.isEmpty() ? 0 : errors / (double) meant.size();
        List<String> flags = new ArrayList<>();
        Double bareWer = null;
        boolean overBaseline = wer > settings.baselineWer() + settings.marginWer()
                && errors - settings.baselineWer() * meant.size() >= settings.minExcessErrors();
        boolean amber = false;
        if (overBaseline) {
            if (settings.calibrate() && bareEngine != null) {
                // Suspect: is it the rendering, or are these words hard for this engine and this ear
                // (names, acronyms)? The bare engine speaking the same words answers that.
                List<String> bareHeard = recognizer.recognize(bareEngine.apply(take.spokenText()));
                int bareErrors = WordErrors.distance(meant, bareHeard);
                bareWer = bareErrors / (double) meant.size();
                if (wer > bareWer + settings.marginWer() && errors - bareErrors >= settings.minExcessErrors()) {
                    flags.add("wer");
                } else {
                    amber = true;
                }
            } else {
                flags.add("wer");
            }
        }
        if (Signal.noiseLike(take.audio().samples(), take.audio().sampleRate())) {
            flags.add("noise");
        }
        long silence = Signal.longestSilenceMs(take.audio().samples(), take.audio().sampleRate());
        if (silence > settings.maxSilenceMs()) {
            flags.add("silence");
        }
        double spw = take.seconds() / Math.max(1, take.words());
        double ratio = medianSpw > 0 ? spw / medianSpw : 1;
        if (take.words() >= settings.minWordsForRate()
                && (ratio > settings.rateTolerance() || ratio < 1 / settings.rateTolerance())) {
            flags.add("rate");
        }
        if (take.clipped()) {
            flags.add("clipped");
        }
        String verdict = !flags.isEmpty() ? SectionFigures.RED : amber ? SectionFigures.AMBER : SectionFigures.GREEN;
        return new SectionFigures(take.index(), take.title(), meant.size(), errors, round(wer), bareWer == null ? null
                : round(bareWer), round(take.seconds()), round(spw), round(ratio), silence, take.clipped(),
                List.copyOf(flags), false, List.of(), verdict, String.join(" ", heard));
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    /** CPU time of this process's finished child processes (the recogniser runs), in ms; -1 if unknown. */
    public static long childCpuMs() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields after the command: state(0) … cutime is field 16 of the line, index 13 here; cstime 14
            long ticks = Long.parseLong(f[13]) + Long.parseLong(f[14]);
            return ticks * 10; // USER_HZ is 100 on Linux
        } catch (Exception e) {
            return -1;
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
