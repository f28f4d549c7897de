package dev.paperledge.audio.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.paperledge.audio.mix.PaperLinks;
import dev.paperledge.audio.mix.Timeline;
import dev.paperledge.contracts.EpisodeScript;

/**
 * Ties a section's transcript cues to the lines the script says come from the paper. Each
 * provenance's {@code spoken} (whole sentences of the section) is located in the section's text;
 * cues are located in order as the splitter cut them, and a cue lying inside a provenance's span
 * gets its source. Only whitespace is normalised: the cue's words are the script's words.
 */
final class SectionSources {
    private record Span(int from, int to, Timeline.Source source) {
    }

    private final String text;
    private final List<Span> spans = new ArrayList<>();
    private final Map<String, Integer> linesPerUrl = new LinkedHashMap<>();
    private final PaperLinks links;
    private int cursor;

    /** @param links the paper's addresses, or null when it has none (sources then carry no url) */
    SectionSources(EpisodeScript.Section section, PaperLinks links) {
        this.text = squeeze(section.text());
        this.links = links;
        for (EpisodeScript.Provenance p : section.provenance()) {
            String spoken = squeeze(p.spoken());
            int at = spoken.isEmpty() ? -1 : text.indexOf(spoken);
            if (at >= 0 && p.text() != null) {
                String url = links == null ? null : links.section(p.anchor());
                spans.add(new Span(at, at + spoken.length(), new Timeline.Source(p.section(), p.paragraph(), p.text(), url)));
            }
        }
    }

    /** The source of the next cue of the section (cues are asked for in speaking order), or null. */
    Timeline.Source next(String cue) {
        String piece = squeeze(cue);
        int at = text.indexOf(piece, cursor);
        Timeline.Source found = null;
        if (at >= 0) {
            cursor = at + piece.length();
            for (Span s : spans) {
                if (s.from() <= at && cursor <= s.to()) {
                    found = s.source();
                    break;
                }
            }
        }
        if (found != null && found.url() != null) {
            linesPerUrl.merge(found.url(), 1, Integer::sum);
        }
        return found;
    }

    /** The chapter's address: where most of its sourced lines come from, else the abstract page. */
    String chapterUrl() {
        String best = null;
        int most = 0;
        for (Map.Entry<String, Integer> e : linesPerUrl.entrySet()) {
            if (e.getValue() > most) {
                best = e.getKey();
                most = e.getValue();
            }
        }
        return best != null ? best : links == null ? null : links.abstractPage();
    }

    private static String squeeze(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").strip();
    }
}
