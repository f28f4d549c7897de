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
 * @param format       {@code solo} (one host; scripts from before formats read as solo) or {@code duo}
 * @param hosts        who speaks, the show's host first; empty in scripts from before formats (then
 *                     the show's configured host speaks everything)
 */
public record EpisodeScript(String arxivId, int version, String episodeTitle, String description,
        List<Section> sections, String writer, String format, List<Host> hosts) {

    public static final String SOLO = "solo";
    public static final String DUO = "duo";

    public EpisodeScript {
        sections = sections == null ? List.of() : List.copyOf(sections);
        format = format == null || format.isBlank() ? SOLO : format;
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
    }

    /** A solo script whose host is the show's configured one. */
    public EpisodeScript(String arxivId, int version, String episodeTitle, String description, List<Section> sections,
            String writer) {
        this(arxivId, version, episodeTitle, description, sections, writer, SOLO, List.of());
    }

    /** The same script with other sections (e.g. edited by an operator). */
    public EpisodeScript withSections(String newDescription, List<Section> newSections) {
        return new EpisodeScript(arxivId, version, episodeTitle, newDescription, newSections, writer, format, hosts);
    }

    /**
     * One voice of the show.
     *
     * @param name what the transcript and the feed call them ({@code Ernis})
     * @param role {@code host} (leads the show) or {@code cohost}
     */
    public record Host(String name, String role) {
        public static final String HOST = "host";
        public static final String COHOST = "cohost";
    }

    /** Whether two hosts speak. */
    public boolean isDuo() {
        return DUO.equals(format);
    }

    /** The show's sections, in order (see ARCHITECTURE.md, "The episode"). */
    public enum Kind {
        HOOK, ANALOGY, METHOD, FINDINGS, QUOTE, WHY_IT_MATTERS, TAKEAWAYS, QUESTIONS, SIGN_OFF, CREDITS
    }

    /**
     * One section: its kind, a chapter title, the words to speak, where its lines come from in the
     * paper (empty for the host's own words and for scripts written before provenance), and, in a
     * duo script, who says what: {@code lines} in speaking order, whose texts joined are {@code text}
     * (empty in a solo script: the host says the whole text).
     */
    public record Section(Kind kind, String title, String text, List<Provenance> provenance, List<Line> lines) {
        public Section {
            provenance = provenance == null ? List.of() : List.copyOf(provenance);
            lines = lines == null ? List.of() : List.copyOf(lines);
        }

        public Section(Kind kind, String title, String text, List<Provenance> provenance) {
            this(kind, title, text, provenance, List.of());
        }

        public Section(Kind kind, String title, String text) {
            this(kind, title, text, List.of(), List.of());
        }
    }

    /**
     * One turn of a dialogue.
     *
     * @param speaker a {@link Host#name()} of the script
     * @param text    what they say: whole sentences of the section's text
     */
    public record Line(String speaker, String text) {
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
