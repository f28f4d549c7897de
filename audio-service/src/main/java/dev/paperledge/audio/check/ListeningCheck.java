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
 * silence inside speech, a speaking rate far from the episode's, clipped chunk edges. Sections are
 * recognised in parallel on a pool of its own, each thread's share of them by one recogniser run.
 * Plain Java (no CDI) so the benchmark can drive it.
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
        List<List<String>> heard = hear(takes.stream().map(SectionTake::listened).toList());
        // Suspect sections: is it the rendering, or are these words hard for this engine and this ear
        // (names, acronyms)? The bare engine speaking the same words answers that; all suspects'
        // bare renderings are heard together, like the sections.
        List<Integer> suspects = new ArrayList<>();
        for (int i = 0; i < takes.size(); i++) {
            SectionTake take = takes.get(i);
            int[] perWord = WordErrors.errorsPerWord(WordErrors.words(take.spokenText()), heard.get(i));
            // In a duo, one voice may be out of bounds while the section as a whole is not.
            if (overBaseline(perWord.length, sum(perWord), sectionBaseline(take))
                    || bySpeaker(take, perWord).stream().anyMatch(p -> overBaseline(p.words(), p.errors(), p.baseline()))) {
                suspects.add(i);
            }
        }
        List<List<String>> bareHeard = new ArrayList<>(java.util.Collections.nCopies(takes.size(), null));
        if (settings.calibrate() && bareEngine != null && !suspects.isEmpty()) {
            List<Future<Pcm>> bare = new ArrayList<>();
            for (int i : suspects) {
                String text = takes.get(i).spokenText();
                bare.add(pool.submit(() -> bareEngine.apply(text)));
            }
            List<List<String>> heardBare = hear(await(bare));
            for (int k = 0; k < suspects.size(); k++) {
                bareHeard.set(suspects.get(k), heardBare.get(k));
            }
        }
        List<Future<SectionFigures>> futures = new ArrayList<>();
        for (int i = 0; i < takes.size(); i++) {
            SectionTake take = takes.get(i);
            List<String> words = heard.get(i);
            List<String> bare = bareHeard.get(i);
            futures.add(pool.submit(() -> judge(take, words, bare, median)));
        }
        return await(futures);
    }

    /** More wrong words than a clean rendering by this engine would give, by the margin. */
    private boolean overBaseline(int words, int errors, double baseline) {
        double wer = words == 0 ? 0 : errors / (double) words;
        return wer > baseline + settings.marginWer() && errors - baseline * words >= settings.minExcessErrors();
    }

    /** More wrong words than the bare engine gave on the same words, by the margin. */
    private boolean worseThanBare(int words, int errors, int bareErrors) {
        return errors / (double) words > bareErrors / (double) words + settings.marginWer()
                && errors - bareErrors >= settings.minExcessErrors();
    }

    /** One speaker's words of a section and the errors laid on them. */
    private record Part(String speaker, String engine, double baseline, int words, int errors) {
        Part plus(Part o) {
            return new Part(speaker, engine, baseline, words + o.words, errors + o.errors);
        }
    }

    /** A take's words per speaker (in order of first words), with the errors laid on each word. */
    private List<Part> bySpeaker(SectionTake take, int[] perWord) {
        java.util.Map<String, Part> parts = new java.util.LinkedHashMap<>();
        int at = 0;
        for (SpeakerWords run : take.speakers()) {
            int end = Math.min(perWord.length, at + run.words());
            int errors = 0;
            for (int k = at; k < end; k++) {
                errors += perWord[k];
            }
            parts.merge(run.speaker(), new Part(run.speaker(), run.engine(), settings.baselineFor(run.engine()),
                    end - at, errors), Part::plus);
            at = end;
        }
        return List.copyOf(parts.values());
    }

    /** The section's baseline: its speakers' engines' baselines, weighed by their words. */
    private double sectionBaseline(SectionTake take) {
        double weighed = 0;
        int words = 0;
        for (SpeakerWords run : take.speakers()) {
            weighed += settings.baselineFor(run.engine()) * run.words();
            words += run.words();
        }
        return words == 0 ? settings.baselineWer() : weighed / words;
    }

    private static int sum(int[] counts) {
        return java.util.Arrays.stream(counts).sum();
    }

    /** A speaker's figures and verdict: red out of bounds of the engine's baseline, unless the bare engine did as badly. */
    private SpeakerFigures speaker(String name, String engine, double baseline, int words, int errors, Integer bareErrors) {
        String verdict = !overBaseline(words, errors, baseline) ? SectionFigures.GREEN
                : bareErrors != null && !worseThanBare(words, errors, bareErrors) ? SectionFigures.AMBER
                        : SectionFigures.RED;
        return new SpeakerFigures(name, engine, words, errors, round(words == 0 ? 0 : errors / (double) words), baseline,
                bareErrors, bareErrors == null || words == 0 ? null : round(bareErrors / (double) words), verdict);
    }

    /**
     * Each speaker over the whole episode: a voice may stay inside the bounds in every section and
     * still be out of bounds over all its words (the bare engine's figures count where measured, the
     * words as heard elsewhere). Red as well when one of its sections' figures is red.
     */
    public List<SpeakerFigures> speakers(List<SectionFigures> sections) {
        java.util.Map<String, List<SpeakerFigures>> of = new java.util.LinkedHashMap<>();
        sections.forEach(s -> s.speakers().forEach(f -> of.computeIfAbsent(f.speaker(), k -> new ArrayList<>()).add(f)));
        List<SpeakerFigures> out = new ArrayList<>();
        of.forEach((name, figures) -> {
            int words = 0;
            int errors = 0;
            int bareErrors = 0;
            boolean bare = false;
            for (SpeakerFigures f : figures) {
                words += f.words();
                errors += f.wordErrors();
                bare |= f.bareWordErrors() != null;
                bareErrors += f.bareWordErrors() != null ? f.bareWordErrors() : f.wordErrors();
            }
            SpeakerFigures all = speaker(name, figures.get(0).engine(), figures.get(0).baselineWer(), words, errors,
                    bare ? bareErrors : null);
            boolean redSection = figures.stream().anyMatch(SpeakerFigures::red);
            out.add(redSection && !all.red() ? new SpeakerFigures(all.speaker(), all.engine(), all.words(),
                    all.wordErrors(), all.wer(), all.baselineWer(), all.bareWordErrors(), all.bareWer(),
                    SectionFigures.RED) : all);
        });
        return out;
    }

    /**
     * What the recogniser hears in each clip: the clips are shared out over one recogniser run per
     * thread of the pool (longest first, each to the run with the least audio so far), so the model
     * loads once per run, not once per section.
     */
    private List<List<String>> hear(List<Pcm> clips) {
        int runs = Math.max(1, Math.min(clips.size(), Math.min(settings.parallelism(),
                Runtime.getRuntime().availableProcessors())));
        List<List<Integer>> shares = new ArrayList<>();
        long[] load = new long[runs];
        for (int r = 0; r < runs; r++) {
            shares.add(new ArrayList<>());
        }
        List<Integer> longestFirst = new ArrayList<>();
        for (int i = 0; i < clips.size(); i++) {
            longestFirst.add(i);
        }
        longestFirst.sort((a, b) -> Double.compare(clips.get(b).seconds(), clips.get(a).seconds()));
        for (int i : longestFirst) {
            int least = 0;
            for (int r = 1; r < runs; r++) {
                if (load[r] < load[least]) {
                    least = r;
                }
            }
            shares.get(least).add(i);
            load[least] += clips.get(i).samples().length;
        }
        List<Future<List<List<String>>>> futures = new ArrayList<>();
        for (List<Integer> share : shares) {
            List<Pcm> mine = share.stream().map(clips::get).toList();
            futures.add(pool.submit(() -> recognizer.recognizeAll(mine)));
        }
        List<List<List<String>>> results = await(futures);
        List<List<String>> heard = new ArrayList<>(java.util.Collections.nCopies(clips.size(), List.<String>of()));
        for (int r = 0; r < runs; r++) {
            for (int k = 0; k < shares.get(r).size(); k++) {
                heard.set(shares.get(r).get(k), results.get(r).get(k));
            }
        }
        return heard;
    }

    private static <T> List<T> await(List<Future<T>> futures) {
        List<T> out = new ArrayList<>();
        for (Future<T> f : futures) {
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

    /** @param bareHeard what the recogniser heard of the bare engine on the same words; null: not calibrated */
    private SectionFigures judge(SectionTake take, List<String> heard, List<String> bareHeard, double medianSpw) {
        List<String> meant = WordErrors.words(take.spokenText());
        int[] perWord = WordErrors.errorsPerWord(meant, heard);
        int[] barePerWord = bareHeard == null ? null : WordErrors.errorsPerWord(meant, bareHeard);
        int errors = sum(perWord);
        double wer = meant.isEmpty() ? 0 : errors / (double) meant.size();
        List<String> flags = new ArrayList<>();
        Double bareWer = null;
        boolean amber = false;
        if (overBaseline(meant.size(), errors, sectionBaseline(take))) {
            if (barePerWord != null) {
                int bareErrors = sum(barePerWord);
                bareWer = bareErrors / (double) meant.size();
                if (worseThanBare(meant.size(), errors, bareErrors)) {
                    flags.add("wer");
                } else {
                    amber = true;
                }
            } else {
                flags.add("wer");
            }
        }
        // Each voice against its own engine's baseline: one speaker out of bounds flags the section.
        List<Part> parts = bySpeaker(take, perWord);
        List<Part> bareParts = barePerWord == null ? null : bySpeaker(take, barePerWord);
        List<SpeakerFigures> speakers = new ArrayList<>();
        for (int k = 0; k < parts.size(); k++) {
            Part p = parts.get(k);
            SpeakerFigures f = speaker(p.speaker(), p.engine(), p.baseline(), p.words(), p.errors(),
                    bareParts == null ? null : bareParts.get(k).errors());
            if (f.red() && !flags.contains("wer")) {
                flags.add("wer");
            }
            amber |= SectionFigures.AMBER.equals(f.verdict());
            speakers.add(f);
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
                List.copyOf(flags), false, List.of(), verdict, String.join(" ", heard), List.copyOf(speakers));
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
