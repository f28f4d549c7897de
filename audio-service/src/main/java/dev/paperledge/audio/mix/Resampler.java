package dev.paperledge.audio.mix;

import dev.paperledge.audio.speech.Pcm;

/**
 * Band-limited sample-rate conversion (windowed sinc, Blackman window, table-driven). Engines
 * answer at 8–48 kHz; the episode is mixed at one rate.
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

    public static Pcm resample(Pcm in, int targetRate) {
        if (in.sampleRate() == targetRate || in.samples().length == 0) {
            return in.sampleRate() == targetRate ? in : Pcm.empty(targetRate);
        }
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
