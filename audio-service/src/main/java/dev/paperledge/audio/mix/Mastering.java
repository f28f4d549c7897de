package dev.paperledge.audio.mix;

/**
 * Brings a program to the podcast norm: a gain to the target integrated loudness, then a look-ahead
 * peak limiter so the true peak stays under the ceiling; repeated a few times because limiting
 * lowers the loudness a little. Works in place.
 */
public final class Mastering {
    /** What mastering did and measured at the end. */
    public record Result(double inputLufs, double outputLufs, double truePeakDbtp, double gainDb, int passes) {
    }

    private Mastering() {
    }

    /**
     * @param ceilingDbtp the true-peak limit, e.g. -1.0; the limiter aims a little lower because MP3
     *                    encoding adds overshoot
     */
    public static Result master(float[] x, int length, int rate, double targetLufs, double ceilingDbtp) {
        double input = LoudnessMeter.integratedLoudness(x, length, rate);
        if (Double.isInfinite(input)) {
            throw new IllegalArgumentException("the program is silent: nothing to normalise");
        }
        float[] original = java.util.Arrays.copyOf(x, length);
        // True peaks of the unprocessed program; the limiter's gain moves slowly, so scaling these by
        // the applied gain predicts the inter-sample peaks of every pass.
        float[] peaks = LoudnessMeter.peakEnvelope(original, length);
        double limitLinear = Math.pow(10, (ceilingDbtp - 1.0) / 20); // 1 dB of head-room for the encoder
        double gainDb = targetLufs - input;
        double out = input;
        double tp = 0;
        int pass = 0;
        double lastGain = Double.NaN;
        double lastOut = Double.NaN;
        while (pass < 8) {
            pass++;
            float g = (float) Math.pow(10, gainDb / 20);
            for (int i = 0; i < length; i++) {
                x[i] = original[i] * g;
            }
            limit(x, peaks, g, length, rate, (float) limitLinear);
            out = LoudnessMeter.integratedLoudness(x, length, rate);
            double miss = targetLufs - out;
            if (Math.abs(miss) < 0.2) {
                break;
            }
            // Limiting makes loudness grow slower than the gain (more so on peaky voices): step by
            // the slope seen between the last two passes (secant), plain steps until there are two.
            double slope = Double.isNaN(lastGain) || Math.abs(gainDb - lastGain) < 1e-6 ? 1
                    : Math.max(0.1, Math.min(1, (out - lastOut) / (gainDb - lastGain)));
            lastGain = gainDb;
            lastOut = out;
            gainDb += Math.min(12, miss / slope);
        }
        tp = LoudnessMeter.truePeak(x, length);
        if (tp > limitLinear) {
            // A peak the limiter still let through (its gain moved within the window): scale down just enough.
            float s = (float) (limitLinear / tp);
            for (int i = 0; i < length; i++) {
                x[i] *= s;
            }
            out = LoudnessMeter.integratedLoudness(x, length, rate);
            tp = LoudnessMeter.truePeak(x, length);
        }
        return new Result(input, out, LoudnessMeter.toDb(tp), gainDb, pass);
    }

    /**
     * Look-ahead limiter: the gain needed by every sample within the next few milliseconds is
     * applied before it arrives (attack = look-ahead), then released smoothly. {@code truePeaks}
     * times {@code gain} is the true-peak envelope of {@code x}.
     */
    static void limit(float[] x, float[] truePeaks, float gain, int length, int rate, float ceiling) {
        int look = Math.max(1, rate / 200); // 5 ms
        double releaseCoef = Math.exp(-1.0 / (0.08 * rate)); // 80 ms
        boolean any = false;
        for (int i = 0; i < length && !any; i++) {
            any = need(x, truePeaks, gain, i, ceiling) < 1f;
        }
        if (!any) {
            return;
        }
        // Required gain per sample and its running minimum over the look-ahead window, streamed:
        // only the window is kept (a ring and a monotonic deque), not three arrays of the program's
        // length per pass (an hour-long program's worth of memory on a 512 MB heap).
        int ring = look + 2;
        float[] needs = new float[ring];
        int[] dq = new int[ring];
        int head = 0;
        int size = 0;
        double g = 1.0;
        double attackStep = 1.0 / look;
        for (int j = 0; j < length + look; j++) {
            if (j < length) {
                float n = need(x, truePeaks, gain, j, ceiling); // x[j] is not yet scaled: j is ahead of i
                needs[j % ring] = n;
                while (size > 0 && needs[dq[(head + size - 1) % ring] % ring] >= n) {
                    size--;
                }
                dq[(head + size) % ring] = j;
                size++;
            }
            int i = j - look;
            if (i < 0) {
                continue;
            }
            while (dq[head] < i) {
                head = (head + 1) % ring;
                size--;
            }
            double target = needs[dq[head] % ring];
            float needI = needs[i % ring];
            if (target < g) {
                // Ramp down linearly over the look-ahead so the peak sees the full reduction.
                g = Math.max(target, g - attackStep);
                if (needI < g) {
                    g = needI;
                }
            } else {
                g = target + (g - target) * releaseCoef;
            }
            x[i] *= (float) g;
        }
    }

    private static float need(float[] x, float[] truePeaks, float gain, int i, float ceiling) {
        float a = Math.max(Math.abs(x[i]), truePeaks[i] * gain) * 1.01f;
        return a > ceiling ? ceiling / a : 1f;
    }
}
