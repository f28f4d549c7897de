package dev.paperledge.audio.mix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

import dev.paperledge.audio.speech.Pcm;

class Mp3RoundTripTest {

    @Test
    void encodedAudioDecodesBackToTheSameLengthAndLevel() {
        int rate = 24000;
        float[] x = LoudnessMeterTest.sine(440, 0.3, 0, rate, 3);
        byte[] mp3;
        try (Mp3Encoder enc = new Mp3Encoder(rate, 64, 7, 0)) {
            enc.write(x, 0, x.length);
            mp3 = enc.finish();
        }
        Mp3Frames.Stats stats = Mp3Frames.scan(mp3);
        assertThat(stats.sampleRate()).isEqualTo(rate);
        assertThat((double) stats.durationMs()).isCloseTo(3000, within(150.0));
        Pcm back = Mp3Decoder.decode(mp3);
        assertThat(back.sampleRate()).isEqualTo(rate);
        assertThat(back.seconds()).isCloseTo(3.0, within(0.15));
        double in = LoudnessMeter.integratedLoudness(x, x.length, rate);
        double out = LoudnessMeter.integratedLoudness(back.samples(), back.samples().length, rate);
        // jump3r's encode+decode path loses about 0.45 dB on a pure tone; speech episodes are checked against -16 ±1 LU.
        assertThat(out).isCloseTo(in, within(0.6));
    }

    @Test
    void resamplingKeepsPitchAndLevel() {
        float[] x = LoudnessMeterTest.sine(440, 0.3, 0, 48000, 2);
        Pcm y = Resampler.resample(new Pcm(x, 48000), 24000);
        assertThat(y.samples()).hasSize(48000);
        assertThat(LoudnessMeter.integratedLoudness(y.samples(), y.samples().length, 24000))
                .isCloseTo(LoudnessMeter.integratedLoudness(x, x.length, 48000), within(0.1));
        // zero crossings per second stay 880
        int crossings = 0;
        for (int i = 1000; i < 25000; i++) {
            if ((y.samples()[i - 1] < 0) != (y.samples()[i] < 0)) {
                crossings++;
            }
        }
        assertThat(crossings).isBetween(875, 885);
    }

    @Test
    void garbageIsNotMistakenForAnMp3() {
        assertThatThrownBy(() -> Mp3Decoder.decode("<html>Service Unavailable</html>".getBytes()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Mp3Frames.scan(new byte[100]).frames()).isZero();
    }

    @Test
    void wavRoundTrip() {
        float[] x = LoudnessMeterTest.sine(300, 0.5, 0, 22050, 1);
        Pcm back = WavCodec.decode(WavCodec.encode(new Pcm(x, 22050)));
        assertThat(back.sampleRate()).isEqualTo(22050);
        assertThat(back.samples()).hasSize(x.length);
        assertThat(back.samples()[100]).isCloseTo(x[100], within(0.001f));
    }
}
