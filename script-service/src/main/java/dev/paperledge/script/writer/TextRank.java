package dev.paperledge.script.writer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * TextRank over sentences: a sentence is important when many important sentences share its words.
 * Similarity is the word overlap normalised by the log of the lengths (Mihalcea and Tarau), scores
 * by power iteration with damping 0.85. Large sections are ranked in windows to stay near-linear.
 */
public final class TextRank {
    static final Set<String> STOPWORDS = Set.of("a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "for",
            "with", "by", "as", "at", "from", "that", "this", "these", "those", "is", "are", "was", "were", "be", "been",
            "being", "it", "its", "we", "our", "they", "their", "which", "can", "also", "such", "than", "then", "into",
            "over", "more", "most", "not", "no", "has", "have", "had", "do", "does", "did", "while", "both", "each",
            "other", "using", "use", "used", "show", "shows", "paper", "work", "how", "what", "when", "where", "who",
            "will", "would", "could", "should", "may", "might", "via", "based", "new", "one", "two", "only", "even",
            "all", "any", "some", "many", "much", "very", "well", "between", "through", "without", "however", "us");
    private static final int WINDOW = 250;

    private TextRank() {
    }

    public static double[] rank(List<String> sentences) {
        double[] out = new double[sentences.size()];
        for (int from = 0; from < sentences.size(); from += WINDOW) {
            List<String> window = sentences.subList(from, Math.min(sentences.size(), from + WINDOW));
            double[] r = rankWindow(window);
            System.arraycopy(r, 0, out, from, r.length);
        }
        return out;
    }

    private static double[] rankWindow(List<String> sentences) {
        int n = sentences.size();
        List<Set<String>> words = new ArrayList<>(n);
        for (String s : sentences) {
            words.add(terms(s));
        }
        double[][] w = new double[n][n];
        double[] outSum = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double sim = similarity(words.get(i), words.get(j));
                w[i][j] = sim;
                w[j][i] = sim;
                outSum[i] += sim;
                outSum[j] += sim;
            }
        }
        double[] score = new double[n];
        java.util.Arrays.fill(score, 1.0);
        for (int iter = 0; iter < 40; iter++) {
            double[] next = new double[n];
            double delta = 0;
            for (int i = 0; i < n; i++) {
                double sum = 0;
                for (int j = 0; j < n; j++) {
                    if (w[j][i] > 0 && outSum[j] > 0) {
                        sum += w[j][i] / outSum[j] * score[j];
                    }
                }
                next[i] = 0.15 + 0.85 * sum;
                delta += Math.abs(next[i] - score[i]);
            }
            score = next;
            if (delta < 1e-4) {
                break;
            }
        }
        return score;
    }

    static double similarity(Set<String> a, Set<String> b) {
        if (a.size() < 2 || b.size() < 2) {
            return 0;
        }
        int common = 0;
        for (String t : a) {
            if (b.contains(t)) {
                common++;
            }
        }
        return common == 0 ? 0 : common / (Math.log(a.size()) + Math.log(b.size()));
    }

    /** Content words, lower case, crudely stemmed so "models" and "model" meet. */
    public static Set<String> terms(String sentence) {
        Set<String> out = new HashSet<>();
        for (String raw : sentence.toLowerCase(Locale.ROOT).split("[^a-z0-9-]+")) {
            if (raw.length() < 3 || STOPWORDS.contains(raw)) {
                continue;
            }
            out.add(stem(raw));
        }
        return out;
    }

    static String stem(String w) {
        if (w.length() > 5 && w.endsWith("ies")) {
            return w.substring(0, w.length() - 3) + "y";
        }
        if (w.length() > 5 && (w.endsWith("ing") || w.endsWith("ed"))) {
            return w.substring(0, w.length() - (w.endsWith("ing") ? 3 : 2));
        }
        if (w.length() > 4 && w.endsWith("s") && !w.endsWith("ss")) {
            return w.substring(0, w.length() - 1);
        }
        return w;
    }
}
