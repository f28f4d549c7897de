package dev.paperledge.script.writer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.paperledge.contracts.EpisodeScript;

/**
 * Does a script explain the paper or recite it? The figures the show is held to, measured the way
 * {@code shared/tools/explaincheck.py} measures a transcript: on the spoken words without quoted
 * spans (20–600 characters) and the credit line, lower-cased {@code [a-z0-9]+} tokens;
 * <ul>
 * <li>recital: the share of those words inside 8-word runs copied from the abstract;</li>
 * <li>repeated runs: distinct 8-word runs spoken twice or more in the episode.</li>
 * </ul>
 */
public final class ExplainMetrics {
    /** Length of a run that counts as copied or repeated. */
    public static final int RUN = 8;
    private static final Pattern TOKEN = Pattern.compile("[a-z0-9]+");
    private static final Pattern QUOTED = Pattern.compile("[\"\u201c][^\"\u201d]{20,600}[\"\u201d]");

    private ExplainMetrics() {
    }

    public static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(text == null ? "" : text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** The words of a script a listener hears as the host's own: quotes and credits left out. */
    public static String spoken(EpisodeScript script) {
        StringBuilder sb = new StringBuilder();
        for (EpisodeScript.Section s : script.sections()) {
            if (s.kind() != EpisodeScript.Kind.CREDITS) {
                sb.append(s.text()).append('\n');
            }
        }
        return withoutQuotes(sb.toString());
    }

    public static String withoutQuotes(String text) {
        return QUOTED.matcher(text).replaceAll(" ");
    }

    public static Set<String> runs(List<String> tokens) {
        Set<String> out = new HashSet<>();
        for (int i = 0; i + RUN <= tokens.size(); i++) {
            out.add(String.join(" ", tokens.subList(i, i + RUN)));
        }
        return out;
    }

    /** Share of the tokens that sit inside a run of {@value #RUN} copied from {@code source}. */
    public static double recital(List<String> tokens, Set<String> sourceRuns) {
        return tokens.isEmpty() ? 0 : (double) copied(tokens, sourceRuns) / tokens.size();
    }

    /** How many tokens sit inside a run of {@value #RUN} found in {@code sourceRuns}. */
    public static int copied(List<String> tokens, Set<String> sourceRuns) {
        boolean[] covered = new boolean[tokens.size()];
        for (int i = 0; i + RUN <= tokens.size(); i++) {
            if (sourceRuns.contains(String.join(" ", tokens.subList(i, i + RUN)))) {
                for (int j = i; j < i + RUN; j++) {
                    covered[j] = true;
                }
            }
        }
        int n = 0;
        for (boolean c : covered) {
            n += c ? 1 : 0;
        }
        return n;
    }

    /** Distinct runs of {@value #RUN} that occur more than once. */
    public static int repeatedRuns(List<String> tokens) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i + RUN <= tokens.size(); i++) {
            seen.merge(String.join(" ", tokens.subList(i, i + RUN)), 1, Integer::sum);
        }
        return (int) seen.values().stream().filter(v -> v > 1).count();
    }

    /** The figures for a whole script against the paper's abstract. */
    public static Figures measure(EpisodeScript script, String abstractText) {
        List<String> t = tokens(spoken(script));
        double r = recital(t, runs(tokens(abstractText)));
        return new Figures(t.size(), Math.round(r * 1000) / 10.0, repeatedRuns(t));
    }

    /** @param recitalPercent share of words in runs copied from the abstract, in percent (one decimal) */
    public record Figures(int words, double recitalPercent, int repeatedRuns) {
    }
}
