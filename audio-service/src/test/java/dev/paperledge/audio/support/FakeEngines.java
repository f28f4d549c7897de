package dev.paperledge.audio.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.paperledge.audio.speech.Pcm;
import dev.paperledge.audio.speech.SpeechEngine;
import dev.paperledge.audio.speech.SpeechException;

/** Test doubles for the renderer's failure rules: fast, deterministic stand-ins for a voice. */
public final class FakeEngines {
    private FakeEngines() {
    }

    /** A "voice" that hums 0.3 s per word (a real talker says about 0.35 s), recording what it was asked. */
    public static final class Hum implements SpeechEngine {
        public final List<String> texts = new CopyOnWriteArrayList<>();
        private final int maxChars;

        public Hum(int maxChars) {
            this.maxChars = maxChars;
        }

        @Override
        public String id() {
            return "hum";
        }

        @Override
        public int maxChunkChars() {
            return maxChars;
        }

        @Override
        public Pcm synthesize(String text) {
            texts.add(text);
            int words = text.split("\\s+").length;
            int rate = 16000;
            float[] x = new float[(int) (0.3 * words * rate)];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) (0.3 * Math.sin(2 * Math.PI * 180 * i / rate) * (0.6 + 0.4 * Math.sin(2 * Math.PI * 3 * i / rate)));
            }
            return new Pcm(x, rate);
        }
    }

    /** Returns far too little audio: 20 ms whatever the text. */
    public static final class Clipped implements SpeechEngine {
        @Override
        public String id() {
            return "clipped";
        }

        @Override
        public Pcm synthesize(String text) {
            float[] x = new float[320];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) Math.sin(i / 3.0) * 0.5f;
            }
            return new Pcm(x, 16000);
        }
    }

    /** Fails every request, as a speech server that is down would. */
    public static final class Broken implements SpeechEngine {
        @Override
        public String id() {
            return "broken";
        }

        @Override
        public Pcm synthesize(String text) {
            throw new SpeechException("speech server answered HTTP 503", true);
        }
    }

    /** Returns only silence. */
    public static final class Silent implements SpeechEngine {
        @Override
        public String id() {
            return "silent";
        }

        @Override
        public Pcm synthesize(String text) {
            return new Pcm(new float[16000], 16000);
        }
    }
}
