package dev.paperledge.audio.mix;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Writes the Podcasting 2.0 chapters JSON (version 1.2.0), the WebVTT transcript and the Podcasting
 * 2.0 JSON transcript (version 1.0.0).
 */
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
            Map<String, Object> m = span(c.startMs(), c.endMs());
            m.put("title", c.title());
            if (c.url() != null) {
                m.put("url", c.url());
            }
            chapters.add(m);
        }
        root.put("chapters", chapters);
        return write(root);
    }

    /**
     * {"version":"1.0.0","segments":[{"startTime":1.2,"endTime":4.5,"speaker":"Ernis","body":"…",
     * "source":{"section":"…","paragraph":0,"text":"…","url":"…"}}, …]}: one segment per WebVTT cue,
     * same times (seconds), the body as the script wrote it; {@code source} only on a line from the
     * paper, its {@code text} the paper's sentence verbatim.
     */
    public static String json(Timeline timeline) {
        List<Map<String, Object>> segments = new java.util.ArrayList<>();
        for (Timeline.Cue cue : timeline.cues()) {
            Map<String, Object> m = span(cue.startMs(), cue.endMs());
            m.put("speaker", cue.speaker());
            m.put("body", cue.text());
            Timeline.Source s = cue.source();
            if (s != null) {
                Map<String, Object> source = new LinkedHashMap<>();
                source.put("section", s.section());
                source.put("paragraph", s.paragraph());
                source.put("text", s.text());
                if (s.url() != null) {
                    source.put("url", s.url());
                }
                m.put("source", source);
            }
            segments.add(m);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("version", "1.0.0");
        root.put("segments", segments);
        return write(root);
    }

    /** A chapter's or segment's start and end, in seconds as Podcasting 2.0 wants them. */
    private static Map<String, Object> span(long startMs, long endMs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("startTime", startMs / 1000.0);
        m.put("endTime", endMs / 1000.0);
        return m;
    }

    private static String write(Map<String, Object> root) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** WebVTT with one cue per spoken sentence (or sentence part), text as the script wrote it. */
    public static String webVtt(Timeline timeline) {
        // With more than one speaker, every cue names its speaker in a voice span (<v Ernis>…</v>).
        boolean voices = timeline.cues().stream().map(Timeline.Cue::speaker).distinct().count() > 1;
        StringBuilder sb = new StringBuilder("WEBVTT\n\n");
        int n = 1;
        for (Timeline.Cue cue : timeline.cues()) {
            sb.append(n++).append('\n')
                    .append(timestamp(cue.startMs())).append(" --> ").append(timestamp(cue.endMs())).append('\n');
            if (voices) {
                sb.append("<v ").append(escape(cue.speaker()).replace(">", "")).append('>').append(escape(cue.text()))
                        .append("</v>");
            } else {
                sb.append(escape(cue.text()));
            }
            sb.append("\n\n");
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
