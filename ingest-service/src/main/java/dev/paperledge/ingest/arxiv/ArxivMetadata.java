package dev.paperledge.ingest.arxiv;

import java.time.Instant;
import java.util.List;

import dev.paperledge.contracts.PaperSummary;

/**
 * One paper's metadata as the arXiv API reports it (stored as {@code metadata.json}).
 *
 * @param arxivId         ID without version
 * @param version         the version the API returned (1 when it names none)
 * @param primaryCategory e.g. {@code cs.CL}; null when the record names none
 * @param categoryName    human name of the primary category from {@link Taxonomy}
 * @param categories      all categories, primary first
 */
public record ArxivMetadata(String arxivId, int version, String title, List<String> authors, String abstractText,
        String primaryCategory, String categoryName, List<String> categories, Instant published, Instant updated,
        String doi, String comment, String journalRef, String absUrl, String pdfUrl) {

    public ArxivMetadata {
        authors = authors == null ? List.of() : List.copyOf(authors);
        categories = categories == null ? List.of() : List.copyOf(categories);
    }

    /** The facts that travel with events: every category, the primary first. */
    public PaperSummary summary() {
        return new PaperSummary(title, authors, abstractText, primaryCategory, categoryName,
                published == null ? null : published.atZone(java.time.ZoneOffset.UTC).toLocalDate(), absUrl, categories);
    }
}
