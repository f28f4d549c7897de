package dev.paperledge.audio.speech;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the field's names and acronyms are said ({@code LoRA} → "Laura", {@code arXiv} → "archive",
 * {@code GPT} → "G P T"): whole-word, case-sensitive replacements applied by {@link TextNormalizer}
 * before its number and acronym rules. The defaults are {@code pronunciation/lexicon.txt} on the
 * class path; a file named by {@code paperledge.audio.lexicon} adds entries and overrides defaults.
 * Format: {@code TERM = spoken words}, one a line, {@code #} comments.
 */
public final class PronunciationLexicon {
    private static final String DEFAULTS = "/pronunciation/lexicon.txt";

    private final Map<String, String> entries;
    private final Pattern pattern;

    private PronunciationLexicon(Map<String, String> entries) {
        this.entries = Collections.unmodifiableMap(entries);
        String alternatives = entries.keySet().stream().sorted((a, b) -> b.length() - a.length())
                .map(Pattern::quote).reduce((a, b) -> a + "|" + b).orElse("(?!)");
        // A term, optionally plural, not inside a longer word ("ALBERT" is not "BERT").
        this.pattern = Pattern.compile("(?<![A-Za-z0-9])(" + alternatives + ")(s?)(?![A-Za-z0-9])");
    }

    /** The built-in lexicon. */
    public static PronunciationLexicon defaults() {
        try (InputStream in = PronunciationLexicon.class.getResourceAsStream(DEFAULTS)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULTS + " is missing from the class path");
            }
            return new PronunciationLexicon(parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), DEFAULTS,
                    new LinkedHashMap<>()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + DEFAULTS, e);
        }
    }

    /** The built-in lexicon with a file's entries added (a term in both: the file's). */
    public static PronunciationLexicon withFile(Path file) {
        Map<String, String> all = new LinkedHashMap<>(defaults().entries);
        try {
            return new PronunciationLexicon(parse(Files.readString(file), file.toString(), all));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the pronunciation lexicon " + file + ": " + e.getMessage(), e);
        }
    }

    public static PronunciationLexicon of(Map<String, String> entries) {
        return new PronunciationLexicon(new LinkedHashMap<>(entries));
    }

    static Map<String, String> parse(String text, String source, Map<String, String> into) {
        List<String> lines = Arrays.asList(text.split("\\R"));
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0 || line.substring(eq + 1).isBlank()) {
                throw new IllegalArgumentException(source + " line " + (i + 1) + ": expected 'TERM = spoken words', got '"
                        + line + "'");
            }
            into.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
        }
        return into;
    }

    public Map<String, String> entries() {
        return entries;
    }

    /** The text with every term replaced by its spoken form. */
    public String apply(String text) {
        if (entries.isEmpty()) {
            return text;
        }
        return pattern.matcher(text).replaceAll(m -> Matcher.quoteReplacement(
                entries.get(m.group(1)) + m.group(2)));
    }
}
