package dev.paperledge.audio.mix;

/**
 * ITU-R BS.1770-4 / EBU R128 measurements of a mono signal: integrated loudness (K-weighting, 400 ms
 * blocks with 75 % overlap, absolute gate at -70 LUFS, relative gate at -10 LU) and true peak
 * (4x oversampling with a windowed-sinc interpolator).
 */
public final class LoudnessMeter {
    private LoudnessMeter() {
    }

    /** Integrated loudness in LUFS; {@link Double#NEGATIVE_INFINITY} for silence. */
    public static double integratedLoudness(float[] x, int length, int rate) {
        return integratedLoudness(x, 0, length, rate);
    }

    /** Integrated loudness of {@code x[from, to)}. */
    public static double integratedLoudness(float[] x, int from, int to, int rate) {
        double[] z = blockPowers(x, from, to, rate);
        double absGate = Math.pow(10, (-70 + 0.691) / 10);
        double sum = 0;
        int count = 0;
        for (double p : z) {
            if (p > absGate) {
                sum += p;
                count++;
            }
        }
        if (count == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        double relGate = (sum / count) * Math.pow(10, -10 / 10.0);
        sum = 0;
        count = 0;
        for (double p : z) {
            if (p > absGate && p > relGate) {
                sum += p;
                count++;
            }
        }
        return count == 0 ? Double.NEGATIVE_INFINITY : -0.691 + 10 * Math.log10(sum / count);
    }

    /**
     * Mean square of the K-weighted signal in each 400 ms block, hopping 100 ms. Streams: only one
     * energy value per 100 ms is kept, never a filtered copy of the program.
     */
    static double[] blockPowers(float[] x, int from, int to, int rate) {
        int length = to - from;
        int hop = (int) Math.round(0.1 * rate);
        int hops = length / hop;
        if (hops < 4) {
            return new double[0];
        }
        double[] hopEnergy = new double[hops];
        double f0 = 1681.974450955533, g = 3.999843853973347, q = 0.7071752369554196;
        double k = Math.tan(Math.PI * f0 / rate);
        double vh = Math.pow(10, g / 20);
        double vb = Math.pow(vh, 0.4996667741545416);
        double a0 = 1 + k / q + k * k;
        double b0 = (vh + vb * k / q + k * k) / a0, b1 = 2 * (k * k - vh) / a0, b2 = (vh - vb * k / q + k * k) / a0;
        double a1 = 2 * (k * k - 1) / a0, a2 = (1 - k / q + k * k) / a0;
        double f1 = 38.13547087602444, q1 = 0.5003270373238773;
        double k1 = Math.tan(Math.PI * f1 / rate);
        double d0 = 1 + k1 / q1 + k1 * k1;
        double c1 = 2 * (k1 * k1 - 1) / d0, c2 = (1 - k1 / q1 + k1 * k1) / d0;

        double x1 = 0, x2 = 0, y1 = 0, y2 = 0, u1 = 0, u2 = 0, w1 = 0, w2 = 0;
        int limit = hops * hop;
        for (int i = 0; i < limit; i++) {
            double in = x[from + i];
            double s1 = b0 * in + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
            x2 = x1;
            x1 = in;
            y2 = y1;
            y1 = s1;
            double s2 = s1 - 2 * u1 + u2 - c1 * w1 - c2 * w2;
            u2 = u1;
            u1 = s1;
            w2 = w1;
            w1 = s2;
            hopEnergy[i / hop] += s2 * s2;
        }
        double[] z = new double[hops - 3];
        for (int j = 0; j < z.length; j++) {
            z[j] = (hopEnergy[j] + hopEnergy[j + 1] + hopEnergy[j + 2] + hopEnergy[j + 3]) / (4.0 * hop);
        }
        return z;
    }

    private static final int OVERSAMPLE = 4;
    private static final int TAPS_PER_PHASE = 12;
    private static final float[][] PHASES = truePeakPhases();

    private static float[][] truePeakPhases() {
        float[][] h = new float[OVERSAMPLE][TAPS_PER_PHASE];
        int total = OVERSAMPLE * TAPS_PER_PHASE;
        double centre = (total - 1) / 2.0;
        for (int i = 0; i < total; i++) {
            double t = (i - centre) / OVERSAMPLE;
            double sinc = t == 0 ? 1 : Math.sin(Math.PI * t) / (Math.PI * t);
            double w = 0.5 - 0.5 * Math.cos(2 * Math.PI * (i + 0.5) / total);
            h[i % OVERSAMPLE][i / OVERSAMPLE] = (float) (sinc * w);
        }
        return h;
    }

    /** Highest absolute value of the 4x-oversampled signal, linear. */
    public static double truePeak(float[] x, int length) {
        double peak = 0;
        for (int i = 0; i < length; i++) {
            peak = Math.max(peak, Math.abs(x[i]));
        }
        for (int n = 0; n < length + TAPS_PER_PHASE / 2; n++) {
            peak = Math.max(peak, oversampledPeakAt(x, length, n));
        }
        return peak;
    }

    /**
     * Per sample, the largest magnitude of the 4x-oversampled signal around it (the sample itself
     * and the inter-sample points next to it), aligned with the input. A limiter that respects this
     * envelope keeps the true peak, not just the sample peak, under its ceiling.
     */
    public static float[] peakEnvelope(float[] x, int length) {
        float[] env = new float[length];
        for (int i = 0; i < length; i++) {
            env[i] = Math.abs(x[i]);
        }
        // The polyphase filter delays by half its length: output n describes the input near n - delay.
        int delay = TAPS_PER_PHASE / 2;
        for (int n = 0; n < length + delay; n++) {
            float a = oversampledPeakAt(x, length, n);
            for (int k = n - delay; k <= n - delay + 1; k++) {
                if (k >= 0 && k < length && a > env[k]) {
                    env[k] = a;
                }
            }
        }
        return env;
    }

    /** Largest magnitude of the four interpolation phases of filter output n (delayed by half the taps). */
    private static float oversampledPeakAt(float[] x, int length, int n) {
        float a = 0;
        for (int p = 0; p < OVERSAMPLE; p++) {
            float[] h = PHASES[p];
            double acc = 0;
            for (int t = 0; t < TAPS_PER_PHASE; t++) {
                int idx = n - t;
                if (idx >= 0 && idx < length) {
                    acc += h[t] * x[idx];
                }
            }
            a = Math.max(a, (float) Math.abs(acc));
        }
        return a;
    }

    public static double toDb(double linear) {
        return 20 * Math.log10(Math.max(linear, 1e-12));
    }
}
