package dev.paperledge.script.writer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The curated analogies ({@code writer/analogies.json}), keyed by topic: arXiv category prefixes and
 * keywords. An analogy is used only when the paper's own words call for it: its keywords in the title,
 * or at least two mentions of them in the text; the category only breaks ties. A paper matching no
 * analogy gets none (entries marked {@code fallback} are never chosen), rather than a picture that
 * has nothing to do with it.
 */
public final class AnalogyLibrary {

    public record Analogy(String id, List<String> categories, List<String> keywords, String text, String elaboration,
            String callback, boolean fallback) {
    }

    private final List<Analogy> analogies;

    public AnalogyLibrary(List<Analogy> analogies) {
        this.analogies = List.copyOf(analogies);
    }

    public static AnalogyLibrary load() {
        try (InputStream in = AnalogyLibrary.class.getResourceAsStream("/writer/analogies.json")) {
            if (in == null) {
                throw new IllegalStateException("writer/analogies.json missing from the classpath");
            }
            ObjectMapper om = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
            return new AnalogyLibrary(List.of(om.readValue(in, Analogy[].class)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Analogy> all() {
        return analogies;
    }

    /** Points the paper's words must give an analogy's keywords (a title hit is 3, each mention in the text 1). */
    static final double MIN_SUPPORT = 2;

    /** The analogy the paper's words support best, or null when none is supported. */
    public Analogy choose(String category, String title, String text) {
        String cat = category == null ? "" : category;
        Analogy best = null;
        double bestScore = 0;
        for (Analogy a : analogies) {
            double score = support(a, title, text);
            if (a.fallback() || score < MIN_SUPPORT) {
                continue;
            }
            if (a.categories().stream().anyMatch(c -> cat.equals(c) || cat.startsWith(c + ".") || cat.startsWith(c))) {
                score += 1.5;
            }
            if (score > bestScore) {
                bestScore = score;
                best = a;
            }
        }
        return best;
    }

    /** How many points the paper's words give the analogy's keywords ({@link #MIN_SUPPORT} is the bar). */
    static double support(Analogy a, String title, String text) {
        String t = title.toLowerCase(Locale.ROOT);
        String body = text.toLowerCase(Locale.ROOT);
        double score = 0;
        for (String k : a.keywords()) {
            Pattern p = Pattern.compile("\\b" + Pattern.quote(k) + "\\b");
            if (p.matcher(t).find()) {
                score += 3;
            }
            score += Math.min(p.matcher(body).results().count(), 4);
        }
        return score;
    }
}
