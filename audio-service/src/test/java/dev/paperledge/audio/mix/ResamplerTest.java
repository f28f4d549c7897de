package dev.paperledge.audio.mix;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.paperledge.audio.speech.Pcm;

class ResamplerTest {

    static Pcm speechLike(int rate, double seconds) {
        Random r = new Random(3);
        float[] x = new float[(int) (rate * seconds)];
        for (int i = 0; i < x.length; i++) {
            double t = i / (double) rate;
            x[i] = (float) (0.3 * Math.sin(2 * Math.PI * 180 * t) + 0.1 * Math.sin(2 * Math.PI * 2300 * t)
                    + 0.02 * r.nextGaussian());
        }
        return new Pcm(x, rate);
    }

    @Test
    void polyphaseMatchesTheDirectKernelAtTheRatesWeUse() {
        int[][] pairs = {{48000, 24000}, {24000, 16000}, {22050, 24000}, {16000, 24000}, {44100, 16000}};
        for (int[] p : pairs) {
            Pcm in = speechLike(p[0], 0.5);
            float[] fast = Resampler.resample(in, p[1]).samples();
            float[] ref = Resampler.direct(in, p[1]).samples();
            assertThat(fast).hasSameSizeAs(ref);
            double maxDiff = 0;
            for (int i = 0; i < ref.length; i++) {
                maxDiff = Math.max(maxDiff, Math.abs(fast[i] - ref[i]));
            }
            assertThat(maxDiff).as("%d -> %d", p[0], p[1]).isLessThan(2e-3);
        }
    }

    @Test
    void downsamplingRemovesWhatTheNewRateCannotCarry() {
        int rate = 24000;
        float[] x = new float[rate];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.5 * Math.sin(2 * Math.PI * 10000 * i / (double) rate)); // above 8 kHz
        }
        float[] y = Resampler.resample(new Pcm(x, rate), 16000).samples();
        double rms = 0;
        for (int i = 1000; i < y.length - 1000; i++) {
            rms += y[i] * (double) y[i];
        }
        assertThat(Math.sqrt(rms / (y.length - 2000))).isLessThan(0.01);
    }
}
