package dev.paperledge.contracts;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The paper's bibliographic facts that travel with every event, so that later stages need no call
 * back to ingest. Small by design: texts stay in the object store.
 *
 * @param title           title with whitespace normalised
 * @param authors         every author, in the paper's order
 * @param abstractText    the abstract
 * @param primaryCategory arXiv category code, e.g. {@code cs.CL}
 * @param categoryName    its human name from arXiv's taxonomy, e.g. {@code Computation and Language}
 * @param published       first version's date
 * @param absUrl          the paper's abstract page
 * @param categories      every arXiv category the paper is listed in, the primary first (cross-lists
 *                        after it); events from before this field read as the primary alone
 */
public record PaperSummary(String title, List<String> authors, String abstractText, String primaryCategory,
        String categoryName, LocalDate published, String absUrl, List<String> categories) {

    public PaperSummary {
        authors = authors == null ? List.of() : List.copyOf(authors);
        List<String> all = new ArrayList<>();
        if (primaryCategory != null && !primaryCategory.isBlank()) {
            all.add(primaryCategory);
        }
        if (categories != null) {
            categories.stream().filter(c -> c != null && !c.isBlank() && !all.contains(c)).forEach(all::add);
        }
        categories = List.copyOf(all);
    }

    /** A paper listed in its primary category only. */
    public PaperSummary(String title, List<String> authors, String abstractText, String primaryCategory,
            String categoryName, LocalDate published, String absUrl) {
        this(title, authors, abstractText, primaryCategory, categoryName, published, absUrl, null);
    }

    /** The episode title the show uses: {@code {category name} - {paper title}}. */
    public String episodeTitle() {
        return category() + " - " + title;
    }

    /**
     * The category as listeners read it: its human name, else its code, else "arXiv" (arXiv lists a
     * few papers with no category at all).
     */
    public String category() {
        if (categoryName != null && !categoryName.isBlank()) {
            return categoryName;
        }
        return primaryCategory != null && !primaryCategory.isBlank() ? primaryCategory : "arXiv";
    }

    /** Authors as the show credits them: "A", "A and B", "A, B and C". */
    public String creditLine() {
        if (authors.isEmpty()) {
            return "";
        }
        if (authors.size() == 1) {
            return authors.get(0);
        }
        return String.join(", ", authors.subList(0, authors.size() - 1)) + " and " + authors.get(authors.size() - 1);
    }
}
