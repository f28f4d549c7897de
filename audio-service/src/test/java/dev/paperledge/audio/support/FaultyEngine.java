package dev.paperledge.audio.support;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import dev.paperledge.audio.speech.Pcm;
import dev.paperledge.audio.speech.SpeechEngine;

/**
 * A real engine whose answers for chunks containing any of the trigger words are damaged, the first
 * {@code times} times such a chunk is asked for: the failures a listening check must catch.
 */
public final class FaultyEngine implements SpeechEngine {

    public enum Fault {
        /** All of it digital silence, as long as the speech would have been (a server sending zeroed PCM). */
        SILENCE,
        /** The middle 60 % dropped out to silence. */
        DROPOUT,
        /** White noise at the speech's level instead of the speech. */
        NOISE,
        /** Cut off at 45 %, mid-sound. */
        TRUNCATED
    }

    private final SpeechEngine real;
    private final List<String> triggers;
    private final Fault fault;
    private final int times;
    private final AtomicInteger damaged = new AtomicInteger();

    public FaultyEngine(SpeechEngine real, Fault fault, int times, String... triggers) {
        this.real = real;
        this.triggers = Arrays.stream(triggers).map(t -> t.toLowerCase(Locale.ROOT)).toList();
        this.fault = fault;
        this.times = times;
    }

    /** How many answers were damaged. */
    public int damaged() {
        return damaged.get();
    }

    @Override
    public String id() {
        return real.id();
    }

    @Override
    public int maxChunkChars() {
        return real.maxChunkChars();
    }

    @Override
    public Pcm synthesize(String text) {
        Pcm pcm = real.synthesize(text);
        String lower = text.toLowerCase(Locale.ROOT);
        if (triggers.stream().noneMatch(lower::contains) || damaged.getAndIncrement() >= times) {
            return pcm;
        }
        float[] x = pcm.samples().clone();
        int n = x.length;
        switch (fault) {
            case SILENCE -> Arrays.fill(x, 0f);
            case DROPOUT -> Arrays.fill(x, (int) (n * 0.2), (int) (n * 0.8), 0f);
            case NOISE -> {
                double rms = 0;
                for (float v : x) {
                    rms += v * (double) v;
                }
                rms = Math.sqrt(rms / Math.max(1, n));
                Random r = new Random(7);
                for (int i = 0; i < n; i++) {
                    x[i] = (float) Math.max(-1, Math.min(1, r.nextGaussian() * rms * 2));
                }
            }
            case TRUNCATED -> {
                // Cut where the sound is loudest around 45 %: mid-word, never in a pause.
                int from = (int) (n * 0.40);
                int to = (int) (n * 0.50);
                int cut = from;
                for (int i = from; i < to; i++) {
                    if (Math.abs(x[i]) > Math.abs(x[cut])) {
                        cut = i;
                    }
                }
                x = Arrays.copyOf(x, cut);
            }
        }
        return new Pcm(x, pcm.sampleRate());
    }

    @Override
    public void close() {
        real.close();
    }
}
