package dev.paperledge.publish.support;

import java.io.ByteArrayOutputStream;

import javax.sound.sampled.AudioFormat;

import de.sciss.jump3r.lowlevel.LameEncoder;

/** A real MP3 for tests: a sine tone encoded with jump3r (LAME in Java). */
public final class TestMp3 {
    private TestMp3() {
    }

    public static byte[] sine(double seconds, double hz) {
        int rate = 22050;
        int samples = (int) (seconds * rate);
        byte[] pcm = new byte[samples * 2];
        for (int i = 0; i < samples; i++) {
            short v = (short) (Math.sin(2 * Math.PI * hz * i / rate) * 8000);
            pcm[2 * i] = (byte) v;
            pcm[2 * i + 1] = (byte) (v >> 8);
        }
        LameEncoder enc = new LameEncoder(new AudioFormat(rate, 16, 1, true, false), 32,
                LameEncoder.CHANNEL_MODE_MONO, LameEncoder.QUALITY_LOW, false);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[enc.getMP3BufferSize()];
            int chunk = enc.getPCMBufferSize();
            for (int off = 0; off < pcm.length; off += chunk) {
                int n = enc.encodeBuffer(pcm, off, Math.min(chunk, pcm.length - off), buf);
                out.write(buf, 0, n);
            }
            int n = enc.encodeFinish(buf);
            out.write(buf, 0, n);
            return out.toByteArray();
        } finally {
            enc.close();
        }
    }
}
