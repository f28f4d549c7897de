package dev.paperledge.audio.support;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A strict little WebVTT reader for tests: header, cue ids, timings, text; fails on anything else. */
public final class WebVtt {
    public record Cue(String id, long startMs, long endMs, String text) {
    }

    private static final Pattern TIMING = Pattern.compile("(\\d{2,}):(\\d{2}):(\\d{2})\\.(\\d{3}) --> (\\d{2,}):(\\d{2}):(\\d{2})\\.(\\d{3})");

    private WebVtt() {
    }

    public static List<Cue> parse(String vtt) {
        String[] blocks = vtt.replace("\r\n", "\n").split("\n\n+");
        if (!blocks[0].startsWith("WEBVTT")) {
            throw new IllegalArgumentException("missing WEBVTT header");
        }
        List<Cue> cues = new ArrayList<>();
        for (int b = 1; b < blocks.length; b++) {
            if (blocks[b].isBlank()) {
                continue;
            }
            String[] lines = blocks[b].split("\n");
            int i = 0;
            String id = null;
            if (!lines[0].contains("-->")) {
                id = lines[0];
                i = 1;
            }
            Matcher m = TIMING.matcher(lines[i]);
            if (!m.matches()) {
                throw new IllegalArgumentException("bad timing line: " + lines[i]);
            }
            long start = ms(m, 1), end = ms(m, 5);
            if (end <= start) {
                throw new IllegalArgumentException("cue ends before it starts: " + lines[i]);
            }
            StringBuilder text = new StringBuilder();
            for (int k = i + 1; k < lines.length; k++) {
                if (lines[k].contains("-->")) {
                    throw new IllegalArgumentException("cue text contains -->");
                }
                text.append(k > i + 1 ? "\n" : "").append(lines[k]);
            }
            if (text.length() == 0) {
                throw new IllegalArgumentException("empty cue " + id);
            }
            cues.add(new Cue(id, start, end, text.toString()));
        }
        return cues;
    }

    private static long ms(Matcher m, int g) {
        return Long.parseLong(m.group(g)) * 3_600_000 + Long.parseLong(m.group(g + 1)) * 60_000
                + Long.parseLong(m.group(g + 2)) * 1000 + Long.parseLong(m.group(g + 3));
    }
}
