package dev.paperledge.contracts;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A watch rule: which new arXiv papers a topic's listeners want. ingest-service owns the rules (its
 * operator API and poller) and publishes each one, keyed by slug, to the compacted
 * {@link Topics#SUBSCRIPTIONS} topic (a delete is a tombstone); publish-service keeps a copy to build
 * the topic's feed. Both sides read a rule the same way, through this class:
 * {@link #arxivQuery()} is what the poller asks arXiv, {@link #matches(PaperSummary)} is which
 * episodes belong to the topic's feed.
 *
 * <p>Facets combine with AND, values within a facet with OR; an empty facet does not restrict.
 *
 * @param slug       the rule's name in URLs ({@code /feeds/{slug}.xml}): lower-case letters, digits, hyphens
 * @param title      the topic as listeners read it, e.g. {@code Language models}
 * @param categories arXiv category codes, e.g. {@code cs.CL}; a paper matches when it is listed in any of
 *                   them, primary or cross-list
 * @param keywords   words or phrases looked for in the title and abstract
 * @param authors    author names, e.g. {@code Yoshua Bengio}
 * @param dailyCap   the most papers the rule submits per UTC day
 * @param format     the episodes' format, {@code solo} or {@code duo} (null: the script stage's default)
 */
public record SubscriptionRule(String slug, String title, List<String> categories, List<String> keywords,
        List<String> authors, int dailyCap, String format) {

    public SubscriptionRule {
        categories = clean(categories);
        keywords = clean(keywords);
        authors = clean(authors);
    }

    private static List<String> clean(List<String> values) {
        if (values == null) {
            return List.of();
        }
        return values.stream().filter(v -> v != null && !v.isBlank()).map(v -> v.strip().replaceAll("\\s+", " "))
                .distinct().toList();
    }

    /** True when the rule restricts nothing (such a rule would watch all of arXiv, and is refused). */
    public boolean empty() {
        return categories.isEmpty() && keywords.isEmpty() && authors.isEmpty();
    }

    /**
     * The rule in arXiv's API query language ({@code search_query}, before URL encoding), e.g.
     * {@code (cat:cs.CL OR cat:cs.AI) AND (ti:"speech" OR abs:"speech") AND (au:"Yoshua Bengio")}.
     */
    public String arxivQuery() {
        List<String> parts = new ArrayList<>();
        if (!categories.isEmpty()) {
            parts.add(group(categories.stream().map(c -> "cat:" + c).toList()));
        }
        if (!keywords.isEmpty()) {
            parts.add(group(keywords.stream()
                    .flatMap(k -> List.of("ti:" + quoted(k), "abs:" + quoted(k)).stream()).toList()));
        }
        if (!authors.isEmpty()) {
            parts.add(group(authors.stream().map(a -> "au:" + quoted(a)).toList()));
        }
        return String.join(" AND ", parts);
    }

    private static String group(List<String> terms) {
        return "(" + String.join(" OR ", terms) + ")";
    }

    private static String quoted(String value) {
        return "\"" + value.replace("\"", " ").strip() + "\"";
    }

    /** Whether a paper belongs to this rule's topic (the same facets as {@link #arxivQuery()}). */
    public boolean matches(PaperSummary paper) {
        if (paper == null || empty()) {
            return false;
        }
        if (!categories.isEmpty() && paper.categories().stream().noneMatch(categories::contains)) {
            return false;
        }
        if (!keywords.isEmpty()) {
            List<String> text = words((paper.title() == null ? "" : paper.title()) + " . "
                    + (paper.abstractText() == null ? "" : paper.abstractText()));
            if (keywords.stream().noneMatch(k -> containsPhrase(text, words(k)))) {
                return false;
            }
        }
        if (!authors.isEmpty()) {
            return authors.stream().anyMatch(a -> paper.authors().stream().anyMatch(p -> sameAuthor(a, p)));
        }
        return true;
    }

    /** Lower-case words without accents; anything that is not a letter or digit separates words. */
    static List<String> words(String text) {
        String plain = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        return Arrays.stream(plain.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")).filter(w -> !w.isEmpty())
                .collect(Collectors.toList());
    }

    private static boolean containsPhrase(List<String> text, List<String> phrase) {
        if (phrase.isEmpty()) {
            return false;
        }
        for (int i = 0; i + phrase.size() <= text.size(); i++) {
            boolean all = true;
            for (int j = 0; j < phrase.size() && all; j++) {
                all = sameWord(phrase.get(j), text.get(i + j));
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    /** Equal, or one is the other's plural ("model"/"models", "process"/"processes"). */
    private static boolean sameWord(String a, String b) {
        return a.equals(b) || b.equals(a + "s") || b.equals(a + "es") || a.equals(b + "s") || a.equals(b + "es");
    }

    /**
     * A rule's author matches a paper's author when every word of the rule's name is in the paper's,
     * a one-letter word standing for an initial ({@code "Y Bengio"} matches {@code "Yoshua Bengio"}).
     */
    private static boolean sameAuthor(String rule, String paper) {
        List<String> wanted = words(rule);
        List<String> have = words(paper);
        return !wanted.isEmpty() && wanted.stream()
                .allMatch(w -> have.contains(w) || (w.length() == 1 && have.stream().anyMatch(h -> h.startsWith(w))));
    }
}
