package dev.paperledge.contracts;

import java.util.List;

/**
 * An episode script ({@code scripts/{id}/v{n}/r{run}/script.json}): what the audio stage speaks,
 * section by section, and what becomes chapters and transcript cues.
 *
 * @param episodeTitle {@code {category name} - {paper title}}
 * @param description  short plain-language summary for the feed
 * @param sections     in the show's order
 * @param writer       which writer produced it
 */
public record EpisodeScript(String arxivId, int version, String episodeTitle, String description,
        List<Section> sections, String writer) {

    public EpisodeScript {
        sections = sections == null ? List.of() : List.copyOf(sections);
    }

    /** The show's sections, in order (see ARCHITECTURE.md, "The episode"). */
    public enum Kind {
        HOOK, ANALOGY, METHOD, FINDINGS, QUOTE, WHY_IT_MATTERS, TAKEAWAYS, QUESTIONS, SIGN_OFF, CREDITS
    }

    /**
     * One section: its kind, a chapter title, the words to speak, and where its lines come from in
     * the paper (empty for the host's own words and for scripts written before provenance).
     */
    public record Section(Kind kind, String title, String text, List<Provenance> provenance) {
        public Section {
            provenance = provenance == null ? List.of() : List.copyOf(provenance);
        }

        public Section(Kind kind, String title, String text) {
            this(kind, title, text, List.of());
        }
    }

    /**
     * Where one spoken line comes from.
     *
     * @param spoken    the line as the section's text says it (one or more whole sentences of it)
     * @param section   the paper's section title, as in {@code sections.json}
     * @param anchor    the section's anchor in the paper's HTML ({@code S3}), or null
     * @param paragraph the paragraph's index in that section (0-based, blank-line separated)
     * @param text      the paper's sentence the line was made from, verbatim
     */
    public record Provenance(String spoken, String section, String anchor, int paragraph, String text) {
    }

    public int wordCount() {
        return sections.stream().mapToInt(s -> countWords(s.text())).sum();
    }

    public static int countWords(String text) {
        String t = text == null ? "" : text.strip();
        return t.isEmpty() ? 0 : t.split("\\s+").length;
    }
}
