package dev.paperledge.audio.mix;

/** Walks MPEG audio frame headers: how many frames an MP3 holds and how long it plays. */
public final class Mp3Frames {
    private static final int[][] BITRATES = { // [mpeg1?][index] kbps, Layer III
            {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160, 0},
            {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 0}};
    private static final int[][] RATES = {{11025, 12000, 8000}, {0, 0, 0}, {22050, 24000, 16000}, {44100, 48000, 32000}};

    /** Frames counted, samples they carry and the sample rate. */
    public record Stats(int frames, long samples, int sampleRate) {
        public long durationMs() {
            return sampleRate == 0 ? 0 : Math.round(samples * 1000.0 / sampleRate);
        }
    }

    private Mp3Frames() {
    }

    public static Stats scan(byte[] data) {
        int pos = Mp3Decoder.id3v2Length(data);
        int frames = 0;
        long samples = 0;
        int rate = 0;
        while (pos + 4 <= data.length) {
            int b1 = data[pos + 1] & 0xff, b2 = data[pos + 2] & 0xff;
            if ((data[pos] & 0xff) != 0xff || (b1 & 0xe0) != 0xe0) {
                pos++;
                continue;
            }
            int version = (b1 >> 3) & 3; // 0: 2.5, 2: 2, 3: 1
            int layer = (b1 >> 1) & 3; // 1: Layer III
            int brIndex = b2 >> 4, srIndex = (b2 >> 2) & 3, padding = (b2 >> 1) & 1;
            if (version == 1 || layer != 1 || brIndex == 0 || brIndex == 15 || srIndex == 3) {
                pos++;
                continue;
            }
            boolean mpeg1 = version == 3;
            int sr = RATES[version][srIndex];
            int bitrate = BITRATES[mpeg1 ? 1 : 0][brIndex] * 1000;
            int perFrame = mpeg1 ? 1152 : 576;
            int length = (mpeg1 ? 144 : 72) * bitrate / sr + padding;
            if (length < 4) {
                pos++;
                continue;
            }
            frames++;
            samples += perFrame;
            rate = sr;
            pos += length;
        }
        return new Stats(frames, samples, rate);
    }
}
