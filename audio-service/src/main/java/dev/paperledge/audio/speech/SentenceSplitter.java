package dev.paperledge.audio.speech;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits a section's text into sentences (paragraph breaks always end one), not at abbreviations
 * such as "e.g." or "et al.", decimals or initials; and splits an over-long sentence at clause
 * boundaries (then spaces) so no piece exceeds a limit.
 */
public final class SentenceSplitter {
    private static final Set<String> ABBREVIATIONS = Set.of("e.g", "i.e", "al", "etc", "vs", "fig", "figs", "eq",
            "eqs", "sec", "dr", "mr", "mrs", "ms", "prof", "cf", "approx", "no", "st", "jr", "sr", "inc", "ltd", "resp",
            "w.r.t", "ref", "refs", "vol", "pp", "ch", "tab");

    private SentenceSplitter() {
    }

    public static List<String> sentences(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String para : text.split("\\n\\s*\\n")) {
            String p = para.replaceAll("\\s+", " ").strip();
            int start = 0;
            for (int i = 0; i < p.length(); i++) {
                char c = p.charAt(i);
                if (c != '.' && c != '!' && c != '?') {
                    continue;
                }
                int end = i + 1;
                while (end < p.length() && ".!?\"')]”’".indexOf(p.charAt(end)) >= 0) {
                    end++;
                }
                if (end < p.length() && p.charAt(end) != ' ') {
                    continue; // "3.5", "arxiv.org"
                }
                if (c == '.' && isAbbreviation(p, start, i)) {
                    continue;
                }
                add(out, p.substring(start, end));
                start = end;
                i = end - 1;
            }
            add(out, p.substring(start));
        }
        return out;
    }

    private static boolean isAbbreviation(String p, int start, int dot) {
        int w = dot;
        while (w > start && !Character.isWhitespace(p.charAt(w - 1)) && p.charAt(w - 1) != '(') {
            w--;
        }
        String word = p.substring(w, dot).toLowerCase(java.util.Locale.ROOT);
        if (ABBREVIATIONS.contains(word)) {
            return true;
        }
        // A single capital letter (an initial, "J. Smith").
        return word.length() == 1 && Character.isUpperCase(p.charAt(w));
    }

    private static void add(List<String> out, String s) {
        String t = s.strip();
        if (!t.isEmpty()) {
            out.add(t);
        }
    }

    /** Splits {@code text} into pieces of at most {@code max} characters, preferring clause ends. */
    public static List<String> pieces(String text, int max) {
        List<String> out = new ArrayList<>();
        String rest = text.strip();
        while (rest.length() > max) {
            int cut = lastBoundary(rest, max, ",;:)—–");
            if (cut < max / 3) {
                cut = rest.lastIndexOf(' ', max);
            }
            if (cut < max / 3) {
                cut = max; // one enormous word
            }
            add(out, rest.substring(0, cut));
            rest = rest.substring(cut).strip();
        }
        add(out, rest);
        return out;
    }

    private static int lastBoundary(String s, int max, String marks) {
        for (int i = Math.min(max, s.length()) - 1; i > 0; i--) {
            if (marks.indexOf(s.charAt(i)) >= 0 && i + 1 < s.length() && s.charAt(i + 1) == ' ') {
                return i + 1;
            }
        }
        return -1;
    }
}
