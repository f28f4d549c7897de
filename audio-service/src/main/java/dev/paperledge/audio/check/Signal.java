package dev.paperledge.audio.check;

import java.util.Arrays;

/** Level figures of rendered speech: silence runs inside it and abrupt (clipped) edges. */
public final class Signal {
    static final int FRAME_MS = 20;
    static final int EDGE_MS = 10;
    /** A frame this far under the section's loud frames (the 90th percentile) counts as silence. */
    static final double SILENCE_BELOW_DB = 40;
    /**
     * An end this close to the chunk's speech level means the audio was cut mid-sound. Engines end
     * quietly: flite's last 10 ms measured under -55 dB, MaryTTS's under -31 dB.
     */
    static final double CLIPPED_END_DB = -15;
    /**
     * The same for the start, looser: MaryTTS starts voicing at once, its first 10 ms measured up to
     * -15.6 dB under its speech level ("Let's recap…", "I would love…"); flite's under -65 dB.
     */
    static final double CLIPPED_START_DB = -8;

    private Signal() {
    }

    static double rms(float[] x, int from, int to) {
        if (to <= from) {
            return 0;
        }
        double s = 0;
        for (int i = from; i < to; i++) {
            s += x[i] * (double) x[i];
        }
        return Math.sqrt(s / (to - from));
    }

    /**
     * Longest run of silent frames between the first and the last sounding frame, in ms: a pause we
     * inserted is short, a lost stretch of speech is long.
     */
    public static long longestSilenceMs(float[] x, int rate) {
        int frame = Math.max(1, rate * FRAME_MS / 1000);
        int n = x.length / frame;
        if (n == 0) {
            return 0;
        }
        double[] level = new double[n];
        for (int f = 0; f < n; f++) {
            level[f] = rms(x, f * frame, (f + 1) * frame);
        }
        double[] sorted = level.clone();
        Arrays.sort(sorted);
        double loud = sorted[(int) Math.floor(0.9 * (n - 1))];
        if (loud <= 1e-6) {
            return (long) n * FRAME_MS; // nothing sounds at all
        }
        double floor = Math.max(loud * Math.pow(10, -SILENCE_BELOW_DB / 20), 1e-5);
        int first = 0;
        while (first < n && level[first] < floor) {
            first++;
        }
        int last = n - 1;
        while (last > first && level[last] < floor) {
            last--;
        }
        int longest = 0;
        int run = 0;
        for (int f = first; f <= last; f++) {
            run = level[f] < floor ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return (long) longest * FRAME_MS;
    }

    /**
     * Whether the sounding part is noise rather than speech: voiced speech crosses zero rarely
     * (its energy is under 1 kHz), hiss and static cross it at nearly every other sample. Judged on
     * the median zero-crossing rate of the loud frames.
     */
    public static boolean noiseLike(float[] x, int rate) {
        int frame = Math.max(1, rate * FRAME_MS / 1000);
        int n = x.length / frame;
        if (n == 0) {
            return false;
        }
        double[] level = new double[n];
        double[] zcr = new double[n];
        for (int f = 0; f < n; f++) {
            level[f] = rms(x, f * frame, (f + 1) * frame);
            int crossings = 0;
            for (int i = f * frame + 1; i < (f + 1) * frame; i++) {
                if ((x[i] >= 0) != (x[i - 1] >= 0)) {
                    crossings++;
                }
            }
            zcr[f] = crossings / (double) frame;
        }
        double[] sorted = level.clone();
        Arrays.sort(sorted);
        double loud = sorted[(int) Math.floor(0.9 * (n - 1))];
        double[] loudZcr = java.util.stream.IntStream.range(0, n).filter(f -> level[f] >= loud * 0.3)
                .mapToDouble(f -> zcr[f]).sorted().toArray();
        return loudZcr.length > 0 && loudZcr[loudZcr.length / 2] > NOISE_ZCR;
    }

    /** Median zero-crossing rate of loud frames above which a section is noise (speech: ~0.05-0.15). */
    static final double NOISE_ZCR = 0.3;

    /** Whether the first 10 ms of an engine's raw output already sound at speech level. */
    public static boolean clippedStart(float[] x, int rate) {
        int edge = Math.max(1, rate * EDGE_MS / 1000);
        return x.length > 4 * edge && abrupt(rms(x, 0, edge), activeRms(x), CLIPPED_START_DB);
    }

    /** Whether the last 10 ms of an engine's raw output still sound at speech level (cut mid-word). */
    public static boolean clippedEnd(float[] x, int rate) {
        int edge = Math.max(1, rate * EDGE_MS / 1000);
        return x.length > 4 * edge && abrupt(rms(x, x.length - edge, x.length), activeRms(x), CLIPPED_END_DB);
    }

    private static boolean abrupt(double edge, double active, double thresholdDb) {
        return active > 1e-4 && 20 * Math.log10(Math.max(edge, 1e-9) / active) > thresholdDb;
    }

    /** RMS over the samples that are not near-silent (the speech itself, not the pauses around it). */
    private static double activeRms(float[] x) {
        double s = 0;
        int n = 0;
        for (float v : x) {
            if (Math.abs(v) >= 0.004f) {
                s += v * (double) v;
                n++;
            }
        }
        return n == 0 ? 0 : Math.sqrt(s / n);
    }
}
