package dev.paperledge.audio.support;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** ffmpeg as an independent reference, where installed (Debian's ffmpeg package). */
public final class Ffmpeg {
    private Ffmpeg() {
    }

    public static boolean available() {
        try {
            Process p = new ProcessBuilder("ffmpeg", "-version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    /** Integrated loudness (LUFS) as ffmpeg's ebur128 filter measures it. */
    public static double integratedLoudness(Path file) throws Exception {
        Process p = new ProcessBuilder(List.of("ffmpeg", "-hide_banner", "-nostats", "-i", file.toString(),
                "-filter_complex", "ebur128", "-f", "null", "-")).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(120, TimeUnit.SECONDS);
        Matcher m = Pattern.compile("I:\\s+(-?[\\d.]+) LUFS").matcher(out);
        double last = Double.NaN;
        while (m.find()) {
            last = Double.parseDouble(m.group(1));
        }
        if (Double.isNaN(last)) {
            throw new IllegalStateException("no ebur128 summary in ffmpeg output: " + out);
        }
        return last;
    }
}
