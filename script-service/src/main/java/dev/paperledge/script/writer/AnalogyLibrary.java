package dev.paperledge.script.writer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The curated analogies ({@code writer/analogies.json}), keyed by topic: arXiv category prefixes and
 * keywords. The best match for a paper wins; ties and papers matching nothing are settled by the
 * paper's own seed, so a paper always gets the same analogy.
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

    public Analogy choose(String category, String title, String text, SplittableRandom random) {
        String t = title.toLowerCase(Locale.ROOT);
        String body = text.toLowerCase(Locale.ROOT);
        String cat = category == null ? "" : category;
        Analogy best = null;
        double bestScore = 0;
        for (Analogy a : analogies) {
            if (a.fallback()) {
                continue;
            }
            double score = 0;
            for (String k : a.keywords()) {
                Pattern p = Pattern.compile("\\b" + Pattern.quote(k) + "\\b");
                if (p.matcher(t).find()) {
                    score += 3;
                }
                long n = p.matcher(body).results().count();
                score += Math.min(n, 4);
            }
            if (score > 0 && a.categories().stream().anyMatch(c -> cat.equals(c) || cat.startsWith(c + ".") || cat.startsWith(c))) {
                score += 1.5;
            }
            if (score > bestScore) {
                bestScore = score;
                best = a;
            }
        }
        if (best != null && bestScore >= 2) {
            return best;
        }
        List<Analogy> fallbacks = analogies.stream().filter(Analogy::fallback).toList();
        return fallbacks.get(random.nextInt(fallbacks.size()));
    }
}
