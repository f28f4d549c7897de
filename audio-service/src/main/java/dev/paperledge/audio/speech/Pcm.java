package dev.paperledge.audio.speech;

/**
 * Mono audio as floating-point samples in [-1, 1] at a sample rate. Every engine returns this;
 * the mixer resamples it to the episode's rate.
 */
public record Pcm(float[] samples, int sampleRate) {

    public Pcm {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive: " + sampleRate);
        }
    }

    public static Pcm empty(int sampleRate) {
        return new Pcm(new float[0], sampleRate);
    }

    public double seconds() {
        return samples.length / (double) sampleRate;
    }

    /** Interleaved little/big-endian signed 16-bit PCM, downmixed to mono. */
    public static Pcm fromPcm16(byte[] data, int offset, int length, int channels, boolean bigEndian, int sampleRate) {
        int frameBytes = 2 * channels;
        int frames = length / frameBytes;
        float[] out = new float[frames];
        for (int f = 0; f < frames; f++) {
            float sum = 0;
            int base = offset + f * frameBytes;
            for (int c = 0; c < channels; c++) {
                int i = base + 2 * c;
                int v = bigEndian ? (data[i] << 8) | (data[i + 1] & 0xff) : (data[i + 1] << 8) | (data[i] & 0xff);
                sum += (short) v / 32768f;
            }
            out[f] = sum / channels;
        }
        return new Pcm(out, sampleRate);
    }
}
