package dev.paperledge.script.writer;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Keeps a script from reading the abstract back or saying the same thing twice while it is being
 * written: every line offered is measured against the abstract's 8-word runs (a budget of copied
 * words for the whole episode) and against the runs already said. Quoted spans do not count, as in
 * {@link ExplainMetrics}.
 */
final class RecitalGuard {
    private final Set<String> abstractRuns;
    private final Set<String> said = new HashSet<>();
    private final int budget;
    private final int perLine;
    private int copied;

    /**
     * @param budgetWords  how many words of the episode may sit in runs copied from the abstract
     * @param perLineWords how many of them one line may use, so no single sentence is read back whole
     */
    RecitalGuard(String abstractText, int budgetWords, int perLineWords) {
        this.abstractRuns = ExplainMetrics.runs(ExplainMetrics.tokens(abstractText));
        this.budget = budgetWords;
        this.perLine = perLineWords;
    }

    /** Why the line cannot be said, or null when it can; nothing is recorded. */
    String problem(String line) {
        List<String> t = ExplainMetrics.tokens(ExplainMetrics.withoutQuotes(line));
        Set<String> own = new HashSet<>();
        for (int i = 0; i + ExplainMetrics.RUN <= t.size(); i++) {
            String run = String.join(" ", t.subList(i, i + ExplainMetrics.RUN));
            if (said.contains(run) || !own.add(run)) {
                return "repeats words already said: \"" + run + "\"";
            }
        }
        int c = ExplainMetrics.copied(t, abstractRuns);
        if (c > perLine) {
            return "reads " + c + " words of the abstract back in one line";
        }
        if (copied + c > budget) {
            return "would read the abstract back (" + c + " words copied, " + (budget - copied) + " left in the budget)";
        }
        return null;
    }

    /** Records the line as said; true if it could be. */
    boolean offer(String line) {
        if (problem(line) != null) {
            return false;
        }
        List<String> t = ExplainMetrics.tokens(ExplainMetrics.withoutQuotes(line));
        said.addAll(ExplainMetrics.runs(t));
        copied += ExplainMetrics.copied(t, abstractRuns);
        return true;
    }

    /** Words of the line inside runs copied from the abstract. */
    int copiedWords(String line) {
        return ExplainMetrics.copied(ExplainMetrics.tokens(ExplainMetrics.withoutQuotes(line)), abstractRuns);
    }

    /** The share of a whole text's words (quotes left out) inside runs copied from the abstract, in percent. */
    double percent(String text) {
        return 100.0 * ExplainMetrics.recital(ExplainMetrics.tokens(ExplainMetrics.withoutQuotes(text)), abstractRuns);
    }

    int copied() {
        return copied;
    }
}
