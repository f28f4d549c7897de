package dev.paperledge.publish.rest;

import java.util.ArrayList;
import java.util.List;

/** Turns a WebVTT transcript into the cues a reader sees on the episode page. */
public final class Transcripts {
    private Transcripts() {
    }

    /** One cue: when it starts ({@code mm:ss} or {@code h:mm:ss}) and what is said. */
    public record Cue(String start, String text) {
    }

    public static List<Cue> cues(String vtt) {
        List<Cue> cues = new ArrayList<>();
        if (vtt == null) {
            return cues;
        }
        String[] blocks = vtt.replace("\r\n", "\n").replace('\r', '\n').split("\n\\s*\n");
        for (String block : blocks) {
            String[] lines = block.strip().split("\n");
            int timing = -1;
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].contains("-->")) {
                    timing = i;
                    break;
                }
            }
            if (timing < 0) {
                continue; // header, NOTE, STYLE, REGION
            }
            StringBuilder text = new StringBuilder();
            for (int i = timing + 1; i < lines.length; i++) {
                String t = lines[i].replaceAll("<[^>]*>", "").strip();
                if (!t.isEmpty()) {
                    text.append(text.length() > 0 ? " " : "").append(unescape(t));
                }
            }
            if (text.length() > 0) {
                cues.add(new Cue(shortTime(lines[timing].split("-->")[0].strip()), text.toString()));
            }
        }
        return cues;
    }

    private static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&nbsp;", " ").replace("&lrm;", "")
                .replace("&rlm;", "").replace("&amp;", "&");
    }

    /** {@code 00:01:02.500} → {@code 1:02}; {@code 01:00:00.000} → {@code 1:00:00}. */
    static String shortTime(String t) {
        String noMillis = t.split("\\.")[0];
        String[] p = noMillis.split(":");
        if (p.length == 3 && Integer.parseInt(p[0]) == 0) {
            return Integer.parseInt(p[1]) + ":" + p[2];
        }
        if (p.length == 3) {
            return Integer.parseInt(p[0]) + ":" + p[1] + ":" + p[2];
        }
        return Integer.parseInt(p[0]) + ":" + p[1];
    }
}
