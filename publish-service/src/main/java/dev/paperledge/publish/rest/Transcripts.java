package dev.paperledge.publish.rest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Turns an episode's transcript into the lines a reader sees on the episode page: from the
 * Podcasting 2.0 JSON transcript when there is one (speaker, times and, for a line taken from the
 * paper, its source passage), else from the WebVTT cues.
 */
public final class Transcripts {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern VOICE = Pattern.compile("^<v(?:\\.[^ >]*)?\\s+([^>]+)>");

    private Transcripts() {
    }

    /**
     * Where a line comes from in the paper.
     *
     * @param paragraph the paragraph's index in the section, 0-based as in the script's provenance
     * @param url       the passage's address, or null when the transcript gave none or not an http(s) one
     */
    public record Source(String section, Integer paragraph, String text, String url) {
        /** For readers, counting from one: "3 Method, paragraph 3" (index 2), "3 Method", or "the paper". */
        public String label() {
            String s = section == null || section.isBlank() ? "the paper" : section;
            return paragraph == null || paragraph < 0 ? s : s + ", paragraph " + (paragraph + 1);
        }
    }

    /**
     * One line of the transcript.
     *
     * @param startTime seconds from the start
     * @param endTime   seconds from the start; at least {@code startTime}
     * @param speaker   who says it, or null
     * @param source    where it comes from in the paper, or null
     */
    public record Line(double startTime, double endTime, String speaker, String body, Source source) {
        /** {@code 1:02} or {@code 1:00:00}. */
        public String start() {
            return clock(startTime);
        }

        /** The start in seconds as the page's script and media fragments read it ({@code 62.5}). */
        public String startSeconds() {
            return seconds(startTime);
        }

        public String endSeconds() {
            return seconds(endTime);
        }
    }

    /** The JSON transcript could not be used. */
    public static final class Unusable extends IllegalArgumentException {
        Unusable(String message) {
            super(message);
        }
    }

    /**
     * Reads a Podcasting 2.0 JSON transcript ({@code {"version", "segments": [{"startTime",
     * "endTime", "speaker", "body", "source"?}]}}). Text is kept as text (the page escapes it); a
     * source URL that is not http(s) is dropped.
     *
     * @throws Unusable when the document is not that shape (the page then shows the WebVTT)
     */
    public static List<Line> fromJson(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new Unusable("not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject() || !root.path("segments").isArray()) {
            throw new Unusable("no segments array");
        }
        List<Line> lines = new ArrayList<>();
        double previousStart = 0;
        for (JsonNode s : root.path("segments")) {
            int n = lines.size() + 1;
            if (!s.isObject() || !s.path("startTime").isNumber() || !s.path("endTime").isNumber()) {
                throw new Unusable("segment " + n + " has no numeric startTime/endTime");
            }
            double start = s.path("startTime").asDouble();
            double end = s.path("endTime").asDouble();
            if (!Double.isFinite(start) || !Double.isFinite(end) || start < 0 || end < start || start < previousStart) {
                throw new Unusable("segment " + n + " has times out of order (" + start + " to " + end + ")");
            }
            previousStart = start;
            String body = text(s.path("body"));
            if (body == null) {
                throw new Unusable("segment " + n + " has no body");
            }
            lines.add(new Line(start, end, text(s.path("speaker")), body, source(s.path("source"))));
        }
        return lines;
    }

    private static Source source(JsonNode s) {
        if (!s.isObject()) {
            return null;
        }
        String text = text(s.path("text"));
        String section = text(s.path("section"));
        if (text == null && section == null) {
            return null;
        }
        Integer paragraph = s.path("paragraph").canConvertToInt() && s.path("paragraph").isIntegralNumber()
                ? s.path("paragraph").asInt() : null;
        return new Source(section, paragraph, text, webUrl(text(s.path("url"))));
    }

    private static String text(JsonNode n) {
        if (!n.isTextual() || n.asText().isBlank()) {
            return null;
        }
        return n.asText().strip();
    }

    /** An absolute http(s) URL with a host, else null (no {@code javascript:} or relative links). */
    static String webUrl(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI u = new URI(url);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("https") || scheme.equals("http")) && u.getHost() != null ? url : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** The WebVTT cues as lines (voice spans {@code <v Name>} give the speaker; no sources). */
    public static List<Line> fromVtt(String vtt) {
        List<Line> lines = new ArrayList<>();
        if (vtt == null) {
            return lines;
        }
        String[] blocks = vtt.replace("\r\n", "\n").replace('\r', '\n').split("\n\\s*\n");
        for (String block : blocks) {
            String[] rows = block.strip().split("\n");
            int timing = -1;
            for (int i = 0; i < rows.length; i++) {
                if (rows[i].contains("-->")) {
                    timing = i;
                    break;
                }
            }
            if (timing < 0) {
                continue; // header, NOTE, STYLE, REGION
            }
            StringBuilder text = new StringBuilder();
            String speaker = null;
            for (int i = timing + 1; i < rows.length; i++) {
                Matcher voice = VOICE.matcher(rows[i].strip());
                if (speaker == null && voice.find()) {
                    speaker = unescape(voice.group(1).strip());
                }
                String t = rows[i].replaceAll("<[^>]*>", "").strip();
                if (!t.isEmpty()) {
                    text.append(text.length() > 0 ? " " : "").append(unescape(t));
                }
            }
            String[] times = rows[timing].split("-->");
            double start = vttSeconds(times[0]);
            double end = times.length > 1 ? vttSeconds(times[1].strip().split("\\s+")[0]) : start;
            if (text.length() > 0 && start >= 0) {
                lines.add(new Line(start, Math.max(start, end), speaker, text.toString(), null));
            }
        }
        return lines;
    }

    private static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&nbsp;", " ").replace("&lrm;", "")
                .replace("&rlm;", "").replace("&amp;", "&");
    }

    /** {@code 00:01:02.500} or {@code 01:02.500} → 62.5; unreadable → -1. */
    static double vttSeconds(String t) {
        String[] p = t.strip().split(":");
        try {
            double s = Double.parseDouble(p[p.length - 1]);
            double m = p.length >= 2 ? Integer.parseInt(p[p.length - 2]) : 0;
            double h = p.length >= 3 ? Integer.parseInt(p[p.length - 3]) : 0;
            return h * 3600 + m * 60 + s;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** 62.5 → {@code 1:02}; 3600 → {@code 1:00:00}. */
    static String clock(double seconds) {
        long s = (long) Math.floor(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    /** Seconds with up to three decimals, no exponent: {@code 62.5}, {@code 3}. */
    static String seconds(double t) {
        return new BigDecimal(t).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros()
                .toPlainString();
    }
}
