package dev.paperledge.script.writer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The host's plain words for a paper's academic ones ({@code writer/plain-words.tsv}): "utilize" is
 * said "use", "outperforms" is said "beats". Swaps keep the meaning, never touch a number, and keep a
 * capital first letter. Besides sounding like a person talking, it is what keeps a re-voiced
 * sentence from reading the abstract back word for word.
 */
public final class PlainWords {
    private static final PlainWords DEFAULT = load("/writer/plain-words.tsv");

    private final Pattern pattern;
    private final Map<String, String> swaps;

    PlainWords(Map<String, String> swaps) {
        this.swaps = Map.copyOf(swaps);
        // Longest phrases first, so "in order to" wins over any single word in it.
        String alternatives = swaps.keySet().stream().sorted(Comparator.comparingInt(String::length).reversed())
                .map(k -> Pattern.quote(k).replace(" ", "\\E\\s+\\Q")).reduce((a, b) -> a + "|" + b).orElse("(?!)");
        this.pattern = Pattern.compile("(?i)(?<![\\w-])(?:" + alternatives + ")(?![\\w-])");
    }

    public static PlainWords standard() {
        return DEFAULT;
    }

    static PlainWords load(String resource) {
        Map<String, String> swaps = new LinkedHashMap<>();
        try (InputStream in = PlainWords.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " missing from the classpath");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] kv = line.split("\t");
                if (kv.length == 2) {
                    swaps.put(kv[0].strip().toLowerCase(Locale.ROOT), kv[1].strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new PlainWords(swaps);
    }

    private static final Pattern ARTICLE = Pattern.compile("\\b([Aa])n?\\s+(\\w+)");
    private static final Pattern VOWEL_SOUND = Pattern.compile("(?i)[aeio].*|u(?!ni|se|su|ti).*");

    public String apply(String text) {
        Matcher m = pattern.matcher(text);
        Set<String> swapped = new HashSet<>();
        String out = m.replaceAll(r -> {
            String found = r.group();
            String plain = swaps.get(found.toLowerCase(Locale.ROOT).replaceAll("\\s+", " "));
            if (plain == null) {
                return Matcher.quoteReplacement(found);
            }
            if (Character.isUpperCase(found.charAt(0))) {
                plain = Character.toUpperCase(plain.charAt(0)) + plain.substring(1);
            }
            swapped.add(plain.split("\\s+")[0].toLowerCase(Locale.ROOT));
            return Matcher.quoteReplacement(plain);
        });
        // "an important" became "an major": the article follows the new word.
        return ARTICLE.matcher(out).replaceAll(r -> {
            String word = r.group(2);
            if (!swapped.contains(word.toLowerCase(Locale.ROOT))) {
                return Matcher.quoteReplacement(r.group());
            }
            String article = VOWEL_SOUND.matcher(word).matches() ? r.group(1) + "n" : r.group(1);
            return Matcher.quoteReplacement(article + " " + word);
        });
    }
}
