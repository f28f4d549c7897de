package dev.paperledge.audio.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Word error rate: word-level Levenshtein distance (substitutions, deletions, insertions) between
 * the words meant to be spoken and the words heard, over the number of words meant.
 */
public final class WordErrors {
    private WordErrors() {
    }

    /**
     * The words of a text as the recogniser writes them: lower case, hyphens and other punctuation
     * as spaces, apostrophes kept inside words ({@code we'll}).
     */
    public static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        for (String w : text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9']+", " ").split(" ")) {
            String t = w.replaceAll("^'+|'+$", "");
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }

    /** Edit distance in words. */
    public static int distance(List<String> reference, List<String> heard) {
        int[] prev = new int[heard.size() + 1];
        int[] cur = new int[heard.size() + 1];
        for (int j = 0; j <= heard.size(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= reference.size(); i++) {
            cur[0] = i;
            String r = reference.get(i - 1);
            for (int j = 1; j <= heard.size(); j++) {
                int sub = prev[j - 1] + (r.equals(heard.get(j - 1)) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[heard.size()];
    }

    /**
     * The same edit distance, laid on the reference words: a substituted or missed word counts one
     * error to itself, a word heard in excess counts to the reference word before it (the first
     * word when nothing came before). The counts add up to {@link #distance}; a run of reference
     * words (one speaker's) thus gets its own errors.
     */
    public static int[] errorsPerWord(List<String> reference, List<String> heard) {
        int n = reference.size();
        int m = heard.size();
        int[] out = new int[n];
        if (n == 0) {
            return out;
        }
        int[][] d = new int[n + 1][m + 1];
        for (int j = 0; j <= m; j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= n; i++) {
            d[i][0] = i;
            for (int j = 1; j <= m; j++) {
                int sub = d[i - 1][j - 1] + (reference.get(i - 1).equals(heard.get(j - 1)) ? 0 : 1);
                d[i][j] = Math.min(sub, Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1));
            }
        }
        int i = n;
        int j = m;
        while (i > 0 || j > 0) {
            if (i > 0 && j > 0 && d[i][j] == d[i - 1][j - 1] + (reference.get(i - 1).equals(heard.get(j - 1)) ? 0 : 1)) {
                out[i - 1] += d[i][j] - d[i - 1][j - 1];
                i--;
                j--;
            } else if (i > 0 && d[i][j] == d[i - 1][j] + 1) {
                out[i - 1]++;
                i--;
            } else {
                out[Math.max(0, i - 1)]++;
                j--;
            }
        }
        return out;
    }

    /** Errors over reference words (0 for an empty reference heard as nothing). */
    public static double rate(List<String> reference, List<String> heard) {
        int d = distance(reference, heard);
        return reference.isEmpty() ? (heard.isEmpty() ? 0 : 1) : d / (double) reference.size();
    }
}
