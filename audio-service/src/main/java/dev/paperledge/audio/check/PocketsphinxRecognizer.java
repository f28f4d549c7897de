package dev.paperledge.audio.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.paperledge.audio.mix.Resampler;
import dev.paperledge.audio.mix.WavCodec;
import dev.paperledge.audio.speech.Pcm;

/**
 * Debian's {@code pocketsphinx_batch} (packages {@code pocketsphinx} and {@code pocketsphinx-en-us})
 * as a subprocess on 16 kHz mono 16-bit WAVs, bounded by a wall-clock timeout. One process hears a
 * whole list of clips, so the model (about 0.7 CPU-seconds to load) loads once per list, not once
 * per section. The decoder runs with lighter search settings than pocketsphinx's defaults (see
 * {@link #DEFAULT_OPTIONS}): measured on synthetic speech they cost about a third of the CPU at no
 * loss in word error.
 */
public class PocketsphinxRecognizer implements SpeechRecognizer {
    static final int RATE = 16000;
    /** The batch decoder: one model load for many clips. */
    public static final String BINARY = "pocketsphinx_batch";
    /**
     * Top 2 Gaussians per frame (not 4), at most 2,000 active HMMs per frame (not 30,000), no
     * second (flat-lexicon) pass, no spectral noise subtraction (the audio is synthetic and clean;
     * noise is judged by the signal checks). On five 20 s flite clips: word error 22 % at 0.08
     * CPU-seconds per audio second, against 29 % at 0.19 with the defaults.
     */
    public static final List<String> DEFAULT_OPTIONS = List.of("-topn", "2", "-maxhmmpf", "2000", "-fwdflat", "no",
            "-remove_noise", "no");
    private static final Pattern HYPOTHESIS = Pattern.compile("(.*)\\((c\\d+) [^)]*\\)\\s*");

    private final String binary;
    private final Path model;
    private final Duration timeout;
    private final List<String> options;

    /** With {@link #DEFAULT_OPTIONS}. */
    public PocketsphinxRecognizer(String binary, Path modelDir, Duration timeout) {
        this(binary, modelDir, timeout, DEFAULT_OPTIONS);
    }

    /**
     * @param binary   {@code pocketsphinx_batch} or a path to it
     * @param modelDir the folder holding {@code en-us/}, {@code en-us.lm.bin} and {@code cmudict-en-us.dict}
     * @param timeout  longest the recognition of one clip may take (a list gets this per clip)
     * @param options  decoder options passed as they are ({@code -topn 2 …}); empty: pocketsphinx's defaults
     */
    public PocketsphinxRecognizer(String binary, Path modelDir, Duration timeout, List<String> options) {
        this.binary = binary;
        this.model = modelDir;
        this.timeout = timeout;
        this.options = List.copyOf(options);
    }

    /** Whether the binary and the en-us model are installed here. */
    public static boolean available(String binary, Path modelDir) {
        if (!Files.isDirectory(modelDir.resolve("en-us")) || !Files.isRegularFile(modelDir.resolve("en-us.lm.bin"))) {
            return false;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator)) {
            if (binary.contains("/") ? Files.isExecutable(Path.of(binary)) : Files.isExecutable(Path.of(dir, binary))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String id() {
        return "pocketsphinx:" + model.getFileName();
    }

    @Override
    public List<String> recognize(Pcm audio) {
        return recognizeAll(List.of(audio)).get(0);
    }

    /** All clips in one process, in order; a clip the decoder found no words in gives an empty list. */
    @Override
    public List<List<String>> recognizeAll(List<Pcm> clips) {
        if (clips.isEmpty()) {
            return List.of();
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("listen-");
            StringBuilder ctl = new StringBuilder();
            double seconds = 0;
            for (int i = 0; i < clips.size(); i++) {
                Files.write(dir.resolve("c" + i + ".wav"), WavCodec.encode(Resampler.resample(clips.get(i), RATE)));
                ctl.append('c').append(i).append('\n');
                seconds += clips.get(i).seconds();
            }
            Path ctlFile = Files.writeString(dir.resolve("clips.ctl"), ctl);
            Path hyp = dir.resolve("heard.txt");
            Path log = dir.resolve("log.txt");
            List<String> command = new ArrayList<>(List.of(binary, "-adcin", "yes", "-adchdr", "44",
                    "-cepdir", dir.toString(), "-cepext", ".wav", "-ctl", ctlFile.toString(), "-hyp", hyp.toString(),
                    "-hmm", model.resolve("en-us").toString(),
                    "-lm", model.resolve("en-us.lm.bin").toString(),
                    "-dict", model.resolve("cmudict-en-us.dict").toString(),
                    "-logfn", "/dev/null"));
            command.addAll(options);
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            long limit = timeout.toMillis() * clips.size();
            if (!p.waitFor(limit, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new RecognizerException(String.format(Locale.ROOT,
                        "%s did not finish within %d s on %d clips (%.1f s of audio)", binary, limit / 1000,
                        clips.size(), seconds), null);
            }
            if (p.exitValue() != 0) {
                throw new RecognizerException(binary + " exited with " + p.exitValue() + ": "
                        + Files.readString(log).strip(), null);
            }
            if (!Files.exists(hyp)) {
                throw new RecognizerException(binary + " wrote no hypotheses: " + Files.readString(log).strip(), null);
            }
            Map<String, List<String>> byClip = new HashMap<>();
            for (String line : Files.readAllLines(hyp)) {
                Matcher m = HYPOTHESIS.matcher(line);
                if (m.matches()) {
                    byClip.put(m.group(2), words(m.group(1)));
                }
            }
            List<List<String>> heard = new ArrayList<>();
            for (int i = 0; i < clips.size(); i++) {
                heard.add(byClip.getOrDefault("c" + i, List.of()));
            }
            return heard;
        } catch (IOException e) {
            throw new RecognizerException("cannot run " + binary + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RecognizerException("interrupted while recognising", e);
        } finally {
            delete(dir);
        }
    }

    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        for (String w : text.strip().toLowerCase(Locale.ROOT).split("\\s+")) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        return words;
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        } catch (IOException ignored) {
            // a temp file left behind is harmless
        }
    }
}
