package dev.paperledge.audio.mix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;

import org.junit.jupiter.api.Test;

class LoudnessMeterTest {

    static float[] sine(double freq, double amplitude, double phase, int rate, double seconds) {
        float[] x = new float[(int) (rate * seconds)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (amplitude * Math.sin(2 * Math.PI * freq * i / rate + phase));
        }
        return x;
    }

    @Test
    void aOneKilohertzSineAtMinus20DbfsReadsMinus23Lufs() {
        // BS.1770: a 997 Hz sine at full scale in one channel reads -3.01 LUFS.
        for (int rate : new int[] {24000, 44100, 48000}) {
            float[] x = sine(997, 0.1, 0, rate, 5);
            assertThat(LoudnessMeter.integratedLoudness(x, x.length, rate)).isCloseTo(-23.01, within(0.1));
        }
    }

    @Test
    void silenceIsGatedAway() {
        int rate = 24000;
        float[] x = new float[rate * 10];
        float[] tone = sine(997, 0.1, 0, rate, 5);
        System.arraycopy(tone, 0, x, 0, tone.length);
        assertThat(LoudnessMeter.integratedLoudness(x, x.length, rate)).isCloseTo(-23.01, within(0.2));
        assertThat(LoudnessMeter.integratedLoudness(new float[rate], rate, rate)).isInfinite();
    }

    @Test
    void truePeakFindsThePeakBetweenSamples() {
        // fs/4 with a 45° phase: every sample sits at 0.707 of the real peak.
        int rate = 48000;
        float[] x = sine(rate / 4.0, 0.5, Math.PI / 4, rate, 1);
        double samplePeak = 0;
        for (float v : x) {
            samplePeak = Math.max(samplePeak, Math.abs(v));
        }
        assertThat(samplePeak).isCloseTo(0.354, within(0.01));
        assertThat(LoudnessMeter.truePeak(x, x.length)).isCloseTo(0.5, within(0.02));
    }

    @Test
    void masteringReachesMinus16LufsUnderTheCeiling() {
        int rate = 24000;
        Random r = new Random(1);
        float[] x = new float[rate * 20];
        for (int i = 0; i < x.length; i++) { // speech-like: bursts of noisy tone with loud transients
            double env = Math.abs(Math.sin(2 * Math.PI * 1.5 * i / rate));
            x[i] = (float) (0.05 * env * (Math.sin(2 * Math.PI * 220 * i / rate) + 0.5 * r.nextGaussian()));
            if (i % 12000 == 0) {
                x[i] = 0.9f;
            }
        }
        Mastering.Result res = Mastering.master(x, x.length, rate, -16, -1);
        assertThat(res.outputLufs()).isCloseTo(-16, within(0.3));
        assertThat(res.truePeakDbtp()).isLessThanOrEqualTo(-1.0);
        assertThat(LoudnessMeter.integratedLoudness(x, x.length, rate)).isCloseTo(res.outputLufs(), within(0.01));
    }

    @Test
    void masteringReachesTheTargetOnPeakySpeechToo() {
        // A voice like flite's rms: a buzzy glottal pulse train through a resonance, so the peaks
        // stand far above the loudness and the limiter has to work hard at every pass.
        int rate = 24000;
        float[] x = new float[rate * 20];
        double y1 = 0, y2 = 0;
        double r = 0.995, w = 2 * Math.PI * 700 / rate;
        for (int i = 0; i < x.length; i++) {
            double pulse = i % (rate / 110) == 0 ? 1 : 0;
            double env = 0.5 + 0.5 * Math.sin(2 * Math.PI * 0.7 * i / rate);
            double y = pulse * env + 2 * r * Math.cos(w) * y1 - r * r * y2;
            y2 = y1;
            y1 = y;
            x[i] = (float) (0.01 * y);
        }
        Mastering.Result res = Mastering.master(x, x.length, rate, -16, -1);
        assertThat(res.outputLufs()).isCloseTo(-16, within(0.3));
        assertThat(res.truePeakDbtp()).isLessThanOrEqualTo(-1.0);
    }
}
