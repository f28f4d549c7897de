package dev.paperledge.audio.mix;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import dev.paperledge.audio.speech.Pcm;

/**
 * Reads RIFF/WAVE (PCM 8/16/24/32-bit integer or 32-bit float, any channel count, downmixed to
 * mono) and writes 16-bit mono WAV. Tolerates the 0xFFFFFFFF sizes streaming servers write.
 */
public final class WavCodec {
    private WavCodec() {
    }

    public static boolean looksLikeWav(byte[] data) {
        return data.length >= 12 && data[0] == 'R' && data[1] == 'I' && data[2] == 'F' && data[3] == 'F'
                && data[8] == 'W' && data[9] == 'A' && data[10] == 'V' && data[11] == 'E';
    }

    public static Pcm decode(byte[] data) {
        if (!looksLikeWav(data)) {
            throw new IllegalArgumentException("not a RIFF/WAVE file");
        }
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int pos = 12;
        int format = -1, channels = 0, rate = 0, bits = 0;
        while (pos + 8 <= data.length) {
            String id = new String(data, pos, 4, java.nio.charset.StandardCharsets.US_ASCII);
            long size = b.getInt(pos + 4) & 0xffffffffL;
            int body = pos + 8;
            if (id.equals("fmt ")) {
                format = b.getShort(body) & 0xffff;
                channels = b.getShort(body + 2) & 0xffff;
                rate = b.getInt(body + 4);
                bits = b.getShort(body + 14) & 0xffff;
                if (format == 0xFFFE && size >= 26) { // WAVE_FORMAT_EXTENSIBLE: the sub-format's first two bytes
                    format = b.getShort(body + 24) & 0xffff;
                }
            } else if (id.equals("data")) {
                if (format < 0) {
                    throw new IllegalArgumentException("WAV data chunk before fmt chunk");
                }
                long available = data.length - body;
                int len = (int) Math.min(size, available);
                return samples(b, body, len, format, channels, rate, bits);
            }
            pos = (int) Math.min((long) data.length, body + size + (size & 1));
        }
        throw new IllegalArgumentException("WAV without a data chunk");
    }

    private static Pcm samples(ByteBuffer b, int off, int len, int format, int channels, int rate, int bits) {
        if (channels < 1 || rate <= 0) {
            throw new IllegalArgumentException("WAV with " + channels + " channels at " + rate + " Hz");
        }
        int bytesPer = bits / 8;
        if (!((format == 1 && (bits == 8 || bits == 16 || bits == 24 || bits == 32)) || (format == 3 && bits == 32))) {
            throw new IllegalArgumentException("unsupported WAV encoding: format " + format + ", " + bits + " bits");
        }
        int frames = len / (bytesPer * channels);
        float[] out = new float[frames];
        for (int f = 0; f < frames; f++) {
            float sum = 0;
            for (int c = 0; c < channels; c++) {
                int i = off + (f * channels + c) * bytesPer;
                float v;
                if (format == 3) {
                    v = b.getFloat(i);
                } else if (bits == 8) {
                    v = ((b.get(i) & 0xff) - 128) / 128f;
                } else if (bits == 16) {
                    v = b.getShort(i) / 32768f;
                } else if (bits == 24) {
                    int x = (b.get(i) & 0xff) | ((b.get(i + 1) & 0xff) << 8) | (b.get(i + 2) << 16);
                    v = x / 8388608f;
                } else {
                    v = b.getInt(i) / 2147483648f;
                }
                sum += v;
            }
            out[f] = sum / channels;
        }
        return new Pcm(out, rate);
    }

    /** 16-bit mono little-endian WAV. */
    public static byte[] encode(Pcm pcm) {
        int n = pcm.samples().length;
        ByteBuffer b = ByteBuffer.allocate(44 + 2 * n).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + 2 * n)
                .put("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16)
                .putShort((short) 1).putShort((short) 1).putInt(pcm.sampleRate()).putInt(pcm.sampleRate() * 2)
                .putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(2 * n);
        for (float s : pcm.samples()) {
            b.putShort(toShort(s));
        }
        return b.array();
    }

    static short toShort(float s) {
        float v = s * 32767f;
        if (v > 32767f) {
            v = 32767f;
        } else if (v < -32768f) {
            v = -32768f;
        }
        return (short) Math.round(v);
    }

}
