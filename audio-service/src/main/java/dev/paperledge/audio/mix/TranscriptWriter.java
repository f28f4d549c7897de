package dev.paperledge.audio.mix;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Writes the Podcasting 2.0 chapters JSON (version 1.2.0) and the WebVTT transcript. */
public final class TranscriptWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TranscriptWriter() {
    }

    /** {"version":"1.2.0","chapters":[{"startTime":0,"endTime":12.5,"title":"…"}, …]}, times in seconds. */
    public static String chaptersJson(Timeline timeline, String episodeTitle) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("version", "1.2.0");
        if (episodeTitle != null) {
            root.put("title", episodeTitle);
        }
        List<Map<String, Object>> chapters = new java.util.ArrayList<>();
        for (Timeline.Chapter c : timeline.chapters()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("startTime", c.startMs() / 1000.0);
            m.put("endTime", c.endMs() / 1000.0);
            m.put("title", c.title());
            chapters.add(m);
        }
        root.put("chapters", chapters);
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** WebVTT with one cue per spoken sentence (or sentence part), text as the script wrote it. */
    public static String webVtt(Timeline timeline) {
        StringBuilder sb = new StringBuilder("WEBVTT\n\n");
        int n = 1;
        for (Timeline.Cue cue : timeline.cues()) {
            sb.append(n++).append('\n')
                    .append(timestamp(cue.startMs())).append(" --> ").append(timestamp(cue.endMs())).append('\n')
                    .append(escape(cue.text())).append("\n\n");
        }
        return sb.toString();
    }

    static String timestamp(long ms) {
        long h = ms / 3_600_000, m = (ms / 60_000) % 60, s = (ms / 1000) % 60, f = ms % 1000;
        return String.format(java.util.Locale.ROOT, "%02d:%02d:%02d.%03d", h, m, s, f);
    }

    /** Cue text may not contain "-->" nor raw '&' and '<'; newlines would end the cue. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
