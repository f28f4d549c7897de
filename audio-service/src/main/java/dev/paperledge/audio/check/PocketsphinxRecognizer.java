package dev.paperledge.audio.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import dev.paperledge.audio.mix.Resampler;
import dev.paperledge.audio.mix.WavCodec;
import dev.paperledge.audio.speech.Pcm;

/**
 * Debian's {@code pocketsphinx_continuous} (packages {@code pocketsphinx} and
 * {@code pocketsphinx-en-us}) as a subprocess on a 16 kHz mono 16-bit WAV, bounded by a wall-clock
 * timeout. Each call starts a process (about 0.5 s of model loading), so calls run in parallel.
 */
public class PocketsphinxRecognizer implements SpeechRecognizer {
    static final int RATE = 16000;

    private final String binary;
    private final Path model;
    private final Duration timeout;

    /**
     * @param binary   {@code pocketsphinx_continuous} or a path to it
     * @param modelDir the folder holding {@code en-us/}, {@code en-us.lm.bin} and {@code cmudict-en-us.dict}
     * @param timeout  longest a single recognition may take
     */
    public PocketsphinxRecognizer(String binary, Path modelDir, Duration timeout) {
        this.binary = binary;
        this.model = modelDir;
        this.timeout = timeout;
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
        Path wav = null;
        Path out = null;
        try {
            wav = Files.createTempFile("listen-", ".wav");
            out = Files.createTempFile("listen-", ".txt");
            Files.write(wav, WavCodec.encode(Resampler.resample(audio, RATE)));
            Process p = new ProcessBuilder(binary, "-infile", wav.toString(),
                    "-hmm", model.resolve("en-us").toString(),
                    "-lm", model.resolve("en-us.lm.bin").toString(),
                    "-dict", model.resolve("cmudict-en-us.dict").toString(),
                    "-logfn", "/dev/null")
                    .redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new RecognizerException(String.format(Locale.ROOT,
                        "%s did not finish within %d s on %.1f s of audio", binary, timeout.toSeconds(), audio.seconds()),
                        null);
            }
            if (p.exitValue() != 0) {
                throw new RecognizerException(binary + " exited with " + p.exitValue() + ": "
                        + Files.readString(out).strip(), null);
            }
            List<String> words = new ArrayList<>();
            for (String line : Files.readAllLines(out)) {
                for (String w : line.strip().toLowerCase(Locale.ROOT).split("\\s+")) {
                    if (!w.isEmpty()) {
                        words.add(w);
                    }
                }
            }
            return words;
        } catch (IOException e) {
            throw new RecognizerException("cannot run " + binary + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RecognizerException("interrupted while recognising", e);
        } finally {
            delete(wav);
            delete(out);
        }
    }

    private static void delete(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a temp file left behind is harmless
            }
        }
    }
}
