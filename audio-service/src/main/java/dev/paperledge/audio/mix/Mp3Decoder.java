package dev.paperledge.audio.mix;

import de.sciss.jump3r.mp3.MP3Data;
import de.sciss.jump3r.mp3.VBRTag;
import de.sciss.jump3r.mpg.Common;
import de.sciss.jump3r.mpg.Interface;
import de.sciss.jump3r.mpg.MPGLib;

import dev.paperledge.audio.speech.Pcm;

/**
 * Decodes an MP3 (with or without an ID3v2 tag) to mono PCM with jump3r's mpg123 port. Used for
 * speech servers that answer in MP3 and to check our own output.
 */
public final class Mp3Decoder {
    private Mp3Decoder() {
    }

    public static boolean looksLikeMp3(byte[] data) {
        if (data.length >= 3 && data[0] == 'I' && data[1] == 'D' && data[2] == '3') {
            return true;
        }
        return data.length >= 2 && (data[0] & 0xff) == 0xff && (data[1] & 0xe0) == 0xe0;
    }

    /** Bytes of a leading ID3v2 tag (0 if none). */
    public static int id3v2Length(byte[] data) {
        if (data.length < 10 || data[0] != 'I' || data[1] != 'D' || data[2] != '3') {
            return 0;
        }
        int size = ((data[6] & 0x7f) << 21) | ((data[7] & 0x7f) << 14) | ((data[8] & 0x7f) << 7) | (data[9] & 0x7f);
        boolean footer = (data[5] & 0x10) != 0;
        return 10 + size + (footer ? 10 : 0);
    }

    public static Pcm decode(byte[] data) {
        MPGLib mpg = new MPGLib();
        Interface intf = new Interface();
        Common common = new Common();
        mpg.setModules(intf, common);
        intf.setModules(new VBRTag(), common);
        MPGLib.mpstr_tag state = mpg.hip_decode_init();

        int offset = Math.min(id3v2Length(data), data.length);
        short[] left = new short[1152 * 4];
        short[] right = new short[1152 * 4];
        MP3Data info = new MP3Data();
        // About 3 samples per byte at our 64 kbps / 24 kHz (12 per byte only at 32 kbps / 48 kHz): start
        // there and let it grow. The listening check decodes whole episodes; 12 per byte reserved
        // 190 MB for a 4 MB episode and ran a 512 MB heap out.
        FloatBuffer pcm = new FloatBuffer(Math.max(1024, (data.length - offset) * 4));
        final int step = 1024;
        int pos = offset;
        while (true) {
            int len = Math.min(step, data.length - pos);
            byte[] chunk = new byte[Math.max(len, 0)];
            if (len > 0) {
                System.arraycopy(data, pos, chunk, 0, len);
                pos += len;
            }
            int n = mpg.hip_decode1_headers(state, chunk, Math.max(len, 0), left, right, info);
            while (n > 0) {
                append(pcm, left, right, n, info.stereo);
                n = mpg.hip_decode1_headers(state, new byte[0], 0, left, right, info);
            }
            if (n < 0) {
                throw new IllegalArgumentException("MP3 stream is corrupt at byte " + pos);
            }
            if (len <= 0) {
                break;
            }
        }
        mpg.hip_decode_exit(state);
        if (!info.header_parsed || info.samplerate <= 0) {
            throw new IllegalArgumentException("no MP3 frames found");
        }
        return new Pcm(pcm.toArray(), info.samplerate);
    }

    private static void append(FloatBuffer pcm, short[] left, short[] right, int n, int channels) {
        for (int i = 0; i < n; i++) {
            float v = channels == 2 ? (left[i] + right[i]) / 65536f : left[i] / 32768f;
            pcm.add(v);
        }
    }
}
