package dev.paperledge.audio.speech;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.paperledge.audio.mix.WavCodec;

/**
 * Debian's flite as a subprocess ({@code apt-get install flite}); the {@code rms} voice measured the
 * most intelligible here. Optional: the service only creates it when configured.
 */
public class FliteEngine implements SpeechEngine {
    private final String binary;
    private final String voice;
    private final long timeoutSeconds;

    public FliteEngine(String binary, String voice, long timeoutSeconds) {
        this.binary = binary;
        this.voice = voice;
        this.timeoutSeconds = timeoutSeconds;
        if (!available(binary)) {
            throw new SpeechException("flite is not installed (looked for '" + binary + "'); install it with "
                    + "'apt-get install flite' or choose another speech engine", false);
        }
    }

    /** Whether the flite binary runs here. */
    public static boolean available(String binary) {
        try {
            Process p = new ProcessBuilder(binary, "-lv").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public String id() {
        return "flite:" + voice;
    }

    @Override
    public int maxChunkChars() {
        return 1000;
    }

    @Override
    public Pcm synthesize(String text) {
        Path wav = null;
        Path txt = null;
        try {
            wav = Files.createTempFile("flite-", ".wav");
            txt = Files.createTempFile("flite-", ".txt");
            Files.writeString(txt, text);
            Process p = new ProcessBuilder(List.of(binary, "-voice", voice, "-f", txt.toString(), "-o", wav.toString()))
                    .redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new SpeechException("flite did not finish within " + timeoutSeconds + " s", true);
            }
            if (p.exitValue() != 0) {
                throw new SpeechException("flite exited with " + p.exitValue() + ": " + log.strip(), false);
            }
            return WavCodec.decode(Files.readAllBytes(wav));
        } catch (IOException | IllegalArgumentException e) {
            throw new SpeechException("flite failed: " + e.getMessage(), false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SpeechException("interrupted while flite was speaking", true, e);
        } finally {
            deleteQuietly(wav);
            deleteQuietly(txt);
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a temp file left behind is harmless
            }
        }
    }
}
