package dev.paperledge.script.writer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Splits paper text into sentences. Survives the abbreviations papers use (et al., e.g., i.e., Fig.,
 * Eq., vs.), decimals and version numbers, URLs, ellipses and inline LaTeX ({@code $...$}).
 * Blank lines always end a sentence; single line breaks (PDF wrapping) do not.
 */
public final class SentenceSplitter {

    /** Never end a sentence: they announce what follows. */
    private static final Set<String> NEVER_FINAL = Set.of("e.g", "i.e", "fig", "figs", "eq", "eqs", "eqn", "vs",
            "cf", "sec", "secs", "tab", "tabs", "no", "nos", "dr", "mr", "mrs", "ms", "prof", "approx", "ref", "refs",
            "ch", "vol", "pp", "st", "jr", "viz", "ca", "thm", "lem", "def", "prop", "alg", "app", "appx", "resp",
            "w.r.t", "a.k.a", "u.s", "u.k", "ph.d", "mt", "inc", "ltd", "corp");
    /** End a sentence only when a usual sentence opener follows. */
    private static final Set<String> SOMETIMES_FINAL = Set.of("al", "etc");
    private static final Set<String> OPENERS = Set.of("We", "The", "This", "These", "Those", "Our", "In", "It",
            "They", "However", "Thus", "Moreover", "Finally", "For", "Such", "Here", "A", "An", "To", "Furthermore",
            "Additionally", "Although", "Despite", "Unlike", "Overall", "Therefore", "As", "When", "While", "On");
    private static final Pattern DOTTED_INITIALS = Pattern.compile("([a-z]\\.)+[a-z]");
    private static final String CLOSERS = "\"')]}\u201d\u2019";

    private SentenceSplitter() {
    }

    public static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String paragraph : text.split("\\n\\s*\\n")) {
            splitParagraph(paragraph.replaceAll("\\s+", " ").strip(), out);
        }
        return out;
    }

    private static void splitParagraph(String p, List<String> out) {
        int start = 0;
        boolean inMath = false;
        int n = p.length();
        for (int i = 0; i < n; i++) {
            char c = p.charAt(i);
            if (c == '$' && (i == 0 || p.charAt(i - 1) != '\\')) {
                inMath = !inMath;
                continue;
            }
            if (inMath || (c != '.' && c != '!' && c != '?' && c != '\u2026')) {
                continue;
            }
            // Ellipsis or decimal/version number or URL/file name: the next character decides.
            if (i + 1 < n && p.charAt(i + 1) == '.') {
                continue;
            }
            int end = i + 1;
            while (end < n && CLOSERS.indexOf(p.charAt(end)) >= 0) {
                end++;
            }
            if (end < n && !Character.isWhitespace(p.charAt(end))) {
                continue;
            }
            if (end >= n) {
                break;
            }
            String next = nextWord(p, end);
            if (next.isEmpty()) {
                continue;
            }
            char first = next.charAt(0);
            if (Character.isLowerCase(first) || first == ',' || first == ';' || first == ':' || first == ')') {
                continue;
            }
            if (c == '.' && !isSentenceEnd(p, i, next)) {
                continue;
            }
            add(out, p.substring(start, end));
            start = end;
        }
        if (start < n) {
            add(out, p.substring(start));
        }
    }

    private static boolean isSentenceEnd(String p, int dot, String next) {
        int b = dot;
        while (b > 0 && !Character.isWhitespace(p.charAt(b - 1)) && p.charAt(b - 1) != '(' && p.charAt(b - 1) != '[') {
            b--;
        }
        String word = p.substring(b, dot);
        String lower = word.toLowerCase(Locale.ROOT);
        if (word.length() == 1 && Character.isUpperCase(word.charAt(0))) {
            // An initial ("J. Smith"), unless a sentence plainly starts after it ("for large N. The limit …").
            String bare = next.replaceAll("[^A-Za-z]", "");
            return OPENERS.contains(bare) && !bare.equals("A") && b > 0 && Character.isLowerCase(prevLetter(p, b));
        }
        if (NEVER_FINAL.contains(lower) || DOTTED_INITIALS.matcher(lower).matches()) {
            return false;
        }
        if (SOMETIMES_FINAL.contains(lower)) {
            String bare = next.replaceAll("[^A-Za-z]", "");
            return OPENERS.contains(bare);
        }
        return true;
    }

    /** The last letter before position {@code b}, or 'X' when there is none. */
    private static char prevLetter(String p, int b) {
        for (int i = b - 1; i >= 0; i--) {
            if (Character.isLetter(p.charAt(i))) {
                return p.charAt(i);
            }
        }
        return 'X';
    }

    private static String nextWord(String p, int from) {
        int i = from;
        while (i < p.length() && Character.isWhitespace(p.charAt(i))) {
            i++;
        }
        int j = i;
        while (j < p.length() && !Character.isWhitespace(p.charAt(j))) {
            j++;
        }
        return p.substring(i, j);
    }

    private static void add(List<String> out, String s) {
        String t = s.strip();
        if (!t.isEmpty()) {
            out.add(t);
        }
    }
}
