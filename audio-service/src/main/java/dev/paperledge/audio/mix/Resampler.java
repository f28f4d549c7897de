package dev.paperledge.audio.mix;

import dev.paperledge.audio.speech.Pcm;

/**
 * Band-limited sample-rate conversion (windowed sinc, Blackman window): polyphase with precomputed
 * taps for rational ratios, table-driven otherwise. Engines answer at 8–48 kHz; the episode is
 * mixed at one rate; the listening check's recogniser takes 16 kHz.
 */
public final class Resampler {
    private static final int ZERO_CROSSINGS = 16;
    private static final int TABLE_RES = 512;
    private static final float[] TABLE = buildTable();

    private Resampler() {
    }

    private static float[] buildTable() {
        int n = ZERO_CROSSINGS * TABLE_RES;
        float[] t = new float[n + 2];
        for (int i = 0; i <= n; i++) {
            double x = i / (double) TABLE_RES; // in zero crossings
            double sinc = x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
            double w = 0.42 + 0.5 * Math.cos(Math.PI * x / ZERO_CROSSINGS) + 0.08 * Math.cos(2 * Math.PI * x / ZERO_CROSSINGS);
            t[i] = (float) (sinc * w);
        }
        return t;
    }

    private static float kernel(double x) {
        double ax = Math.abs(x) * TABLE_RES;
        int i = (int) ax;
        if (i >= ZERO_CROSSINGS * TABLE_RES) {
            return 0f;
        }
        float frac = (float) (ax - i);
        return TABLE[i] + frac * (TABLE[i + 1] - TABLE[i]);
    }

    /** Rational ratios with at most this many phases use precomputed polyphase filters. */
    private static final int MAX_PHASES = 1024;

    public static Pcm resample(Pcm in, int targetRate) {
        if (in.sampleRate() == targetRate || in.samples().length == 0) {
            return in.sampleRate() == targetRate ? in : Pcm.empty(targetRate);
        }
        int g = gcd(in.sampleRate(), targetRate);
        int up = targetRate / g;
        int down = in.sampleRate() / g;
        if (up <= MAX_PHASES) {
            return new Pcm(polyphase(in.samples(), up, down), targetRate);
        }
        return direct(in, targetRate);
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /** The same windowed sinc as {@link #kernel}, computed exactly. */
    private static double exactKernel(double x) {
        double ax = Math.abs(x);
        if (ax >= ZERO_CROSSINGS) {
            return 0;
        }
        double sinc = ax == 0 ? 1 : Math.sin(Math.PI * ax) / (Math.PI * ax);
        return sinc * (0.42 + 0.5 * Math.cos(Math.PI * ax / ZERO_CROSSINGS)
                + 0.08 * Math.cos(2 * Math.PI * ax / ZERO_CROSSINGS));
    }

    /**
     * Rational-ratio conversion (up/down in lowest terms): output n sits at input position
     * n·down/up, whose fractional part is one of {@code up} phases, so each phase's filter taps
     * are computed once instead of once per sample (MaryTTS's 48 kHz → 24 kHz, 24 kHz → the
     * recogniser's 16 kHz). Same kernel and cut-off as {@link #direct}.
     */
    private static float[] polyphase(float[] x, int up, int down) {
        double ratio = up / (double) down;
        double scale = Math.min(1.0, ratio);
        double halfWidth = ZERO_CROSSINGS / scale;
        int taps = (int) Math.ceil(2 * halfWidth) + 2;
        float[][] h = new float[up][taps];
        int[] offset = new int[up];
        for (int p = 0; p < up; p++) {
            double frac = p / (double) up;
            offset[p] = (int) Math.ceil(frac - halfWidth);
            for (int j = 0; j < taps; j++) {
                double d = frac - (offset[p] + j);
                h[p][j] = Math.abs(d) <= halfWidth ? (float) (exactKernel(d * scale) * scale) : 0f;
            }
        }
        int outLen = (int) Math.floor(x.length * ratio);
        float[] y = new float[outLen];
        for (int n = 0; n < outLen; n++) {
            long pos = (long) n * down;
            int base = (int) (pos / up);
            int p = (int) (pos % up);
            int first = base + offset[p];
            float[] hp = h[p];
            int j0 = Math.max(0, -first);
            int j1 = Math.min(taps, x.length - first);
            double acc = 0;
            for (int j = j0; j < j1; j++) {
                acc += x[first + j] * hp[j];
            }
            y[n] = (float) acc;
        }
        return y;
    }

    /** Any ratio: the kernel evaluated per sample from the table. */
    static Pcm direct(Pcm in, int targetRate) {
        float[] x = in.samples();
        double ratio = targetRate / (double) in.sampleRate();
        int outLen = (int) Math.floor(x.length * ratio);
        float[] y = new float[outLen];
        // Downsampling widens the kernel (lower cut-off) so nothing above the new Nyquist aliases.
        double scale = Math.min(1.0, ratio);
        double halfWidth = ZERO_CROSSINGS / scale;
        for (int n = 0; n < outLen; n++) {
            double t = n / ratio; // position in input samples
            int first = (int) Math.ceil(t - halfWidth);
            int last = (int) Math.floor(t + halfWidth);
            if (first < 0) {
                first = 0;
            }
            if (last >= x.length) {
                last = x.length - 1;
            }
            double acc = 0;
            for (int k = first; k <= last; k++) {
                acc += x[k] * kernel((t - k) * scale);
            }
            y[n] = (float) (acc * scale);
        }
        return new Pcm(y, targetRate);
    }
}
