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

    /** One section: its kind, a chapter title, and the words to speak. */
    public record Section(Kind kind, String title, String text) {
    }

    public int wordCount() {
        return sections.stream().mapToInt(s -> countWords(s.text())).sum();
    }

    public static int countWords(String text) {
        String t = text == null ? "" : text.strip();
        return t.isEmpty() ? 0 : t.split("\\s+").length;
    }
}
