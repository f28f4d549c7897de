package dev.paperledge.audio.speech;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;

import marytts.LocalMaryInterface;
import marytts.exceptions.MaryConfigurationException;
import marytts.exceptions.SynthesisException;

/**
 * MaryTTS in-process (pure Java, LGPL). One {@link LocalMaryInterface} per process: creating it
 * loads the voice (seconds), after which it serves concurrent requests.
 */
public class MaryTtsEngine implements SpeechEngine {
    private final LocalMaryInterface mary;
    private final String voice;
    private final String effects;
    private final int maxChunkChars;

    public MaryTtsEngine(String voice, int maxChunkChars) {
        this(voice, maxChunkChars, "");
    }

    /**
     * @param effects MaryTTS audio effects applied to every sentence (e.g. {@code F0Add(f0Add:-70.0)}
     *                for a lower voice), empty for none; Maven Central serves one English voice
     *                (cmu-slt-hsmm), so a second host is that voice made distinct this way
     */
    public MaryTtsEngine(String voice, int maxChunkChars, String effects) {
        try {
            this.mary = new LocalMaryInterface();
        } catch (MaryConfigurationException e) {
            throw new SpeechException("MaryTTS could not start: " + e.getMessage(), false, e);
        }
        if (!mary.getAvailableVoices().contains(voice)) {
            throw new SpeechException("MaryTTS voice '" + voice + "' is not installed; available: "
                    + mary.getAvailableVoices(), false);
        }
        mary.setVoice(voice);
        this.effects = effects == null ? "" : effects.strip();
        if (!this.effects.isEmpty()) {
            mary.setAudioEffects(this.effects);
        }
        this.voice = voice;
        this.maxChunkChars = maxChunkChars;
    }

    @Override
    public String id() {
        return "marytts:" + voice + (effects.isEmpty() ? "" : "+" + effects);
    }

    @Override
    public int maxChunkChars() {
        return maxChunkChars;
    }

    @Override
    public Pcm synthesize(String text) {
        try (AudioInputStream ais = mary.generateAudio(text)) {
            AudioFormat f = ais.getFormat();
            if (f.getEncoding() != AudioFormat.Encoding.PCM_SIGNED || f.getSampleSizeInBits() != 16) {
                throw new SpeechException("MaryTTS returned unsupported audio " + f, false);
            }
            byte[] bytes = readFully(ais);
            return Pcm.fromPcm16(bytes, 0, bytes.length, f.getChannels(), f.isBigEndian(), (int) f.getSampleRate());
        } catch (SynthesisException e) {
            throw new SpeechException("MaryTTS failed on \"" + abbreviate(text) + "\": " + e.getMessage(), false, e);
        } catch (IOException e) {
            throw new SpeechException("MaryTTS audio could not be read: " + e.getMessage(), false, e);
        } catch (RuntimeException e) {
            if (e instanceof SpeechException) {
                throw e;
            }
            throw new SpeechException("MaryTTS failed on \"" + abbreviate(text) + "\": " + e, false, e);
        }
    }

    /** MaryTTS's stream returns only the first 8,192 bytes from readAllBytes(): read in a loop. */
    static byte[] readFully(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
        byte[] buf = new byte[1 << 15];
        int n;
        while ((n = in.read(buf, 0, buf.length)) != -1) {
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
