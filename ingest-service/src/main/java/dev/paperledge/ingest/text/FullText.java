package dev.paperledge.ingest.text;

import dev.paperledge.contracts.PaperText;

/**
 * What extraction produced.
 *
 * @param text       the sections (abstract first)
 * @param sourceFile the fetched document (null for {@code ABSTRACT})
 * @param sourceName {@code source.html} or {@code source.pdf} (null for {@code ABSTRACT})
 * @param notes      why better sources were not used, for the metadata and the operator
 */
public record FullText(PaperText text, byte[] sourceFile, String sourceName, String contentType, String notes) {

    public String source() {
        return text.source();
    }
}
