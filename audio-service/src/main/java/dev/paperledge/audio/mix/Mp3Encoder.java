package dev.paperledge.audio.mix;

import java.io.ByteArrayOutputStream;

import javax.sound.sampled.AudioFormat;

import de.sciss.jump3r.lowlevel.LameEncoder;

/**
 * Mono CBR MP3 through jump3r (a pure-Java LAME port). Samples are fed block by block, so a caller
 * can stream a program into it without first building a 16-bit copy of the whole episode.
 */
public final class Mp3Encoder implements AutoCloseable {
    private final LameEncoder lame;
    private final ByteArrayOutputStream out;
    private final byte[] pcmBlock;
    private final byte[] mp3Block;
    private int pcmFill;

    /**
     * @param sampleRate input rate; use a rate MPEG audio supports (24000, 32000, 44100, 48000, …)
     * @param bitrateKbps constant bitrate, e.g. 64
     * @param quality LAME's algorithm quality, 0 (best, slowest) … 9 (fastest)
     */
    public Mp3Encoder(int sampleRate, int bitrateKbps, int quality, int expectedBytes) {
        AudioFormat in = new AudioFormat(sampleRate, 16, 1, true, false);
        this.lame = new LameEncoder(in, bitrateKbps, LameEncoder.CHANNEL_MODE_MONO, quality, false);
        this.out = new ByteArrayOutputStream(Math.max(1 << 16, expectedBytes));
        this.pcmBlock = new byte[lame.getPCMBufferSize()];
        this.mp3Block = new byte[Math.max(lame.getMP3BufferSize(), 1 << 16)];
    }

    public int effectiveSampleRate() {
        return lame.getEffectiveSampleRate();
    }

    /** Adds samples (float [-1, 1], clipped to 16 bits). */
    public void write(float[] samples, int from, int to) {
        for (int i = from; i < to; i++) {
            short s = WavCodec.toShort(samples[i]);
            pcmBlock[pcmFill++] = (byte) s;
            pcmBlock[pcmFill++] = (byte) (s >> 8);
            if (pcmFill == pcmBlock.length) {
                flushBlock();
            }
        }
    }

    private void flushBlock() {
        int n = lame.encodeBuffer(pcmBlock, 0, pcmFill, mp3Block);
        if (n < 0) {
            throw new IllegalStateException("MP3 encoder error " + n);
        }
        out.write(mp3Block, 0, n);
        pcmFill = 0;
    }

    /** Flushes the encoder and returns the MP3 frames (no tags). */
    public byte[] finish() {
        if (pcmFill > 0) {
            flushBlock();
        }
        int n = lame.encodeFinish(mp3Block);
        if (n > 0) {
            out.write(mp3Block, 0, n);
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        lame.close();
    }
}
