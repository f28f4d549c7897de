package dev.paperledge.contracts;

import java.util.List;

/**
 * The paper's text as ingest extracted it ({@code papers/{id}/v{n}/sections.json}); what script
 * writers read.
 *
 * @param source   {@code HTML}, {@code PDF} or {@code ABSTRACT}
 * @param sections the sections in reading order; the abstract first
 */
public record PaperText(String arxivId, int version, String source, List<Section> sections) {

    public PaperText {
        sections = sections == null ? List.of() : List.copyOf(sections);
    }

    /**
     * One section of the paper: its heading (as printed, without number), its plain text (paragraphs
     * separated by blank lines) and, for HTML full text, the section's anchor in the page ({@code S3}),
     * or null.
     */
    public record Section(String title, String text, String anchor) {
        public Section(String title, String text) {
            this(title, text, null);
        }
    }

    /** All the text, sections separated by blank lines: what grounding checks search in. */
    public String fullText() {
        StringBuilder sb = new StringBuilder();
        for (Section s : sections) {
            if (sb.length() > 0) {
                sb.append("\n\n");
            }
            sb.append(s.text());
        }
        return sb.toString();
    }
}
