package dev.paperledge.script.writer;

import java.util.List;
import java.util.Locale;

/** What a sentence of the paper is doing, judged by its cue words and where it sits. */
public enum Cue {
    PROBLEM, METHOD, RESULT, LIMITATION, RELEASE, CONTEXT;

    private static final List<String> PROBLEM_CUES = List.of("challenge", "challenging", "problem", "difficult", "expensive",
            "costly", "prohibitive", "less feasible", "infeasible", "bottleneck", "limited", "struggle", "lack",
            "unclear", "poorly understood", "not well understood", "little is known", "unknown", "open question", "debated",
            "hard to", "suffer", "issue", "inefficient", "remains", "remain ", "still ", "however",
            "despite", "requires", "require ", "demand", "cannot", "mistakes", "error", "expensive");
    private static final List<String> METHOD_CUES = List.of("we propose", "we introduce", "we present", "we develop",
            "we design", "we build", "we train", "we use", "we leverage", "we construct", "we collect", "we conduct",
            "we fuse", "we create", "we study", "we investigate", "we compare", "we describe", "we apply", "we explore",
            "our approach", "our method", "our model", "our system", "our framework", "framework", "architecture",
            "introduces", "technique", "algorithm", "pipeline", "innovations", "leverages", "enables",
            "we call", "which freezes", "designed", "inspired by", "we scale", "we adopt",
            // what is done in any field's lab, survey or simulation
            "we combine", "we track", "we measure", "we record", "we simulate", "we model", "we estimate", "we analy",
            "we sequence", "we survey", "we fit", "we derive", "we compute", "we calculate", "we perform", "we run",
            "we monitor", "we sample", "we map", "we image", "we interview", "measurements of", "measurements on",
            "we select", "we choose");
    private static final List<String> RESULT_CUES = List.of("outperform", "achieve", "results show", "we find",
            "we show", "we found", "show that", "shows that", "demonstrate", "improve", "reduce", "state-of-the-art",
            "significantly", "accuracy", "surpass", "on-par", "on par", "competitive", "reaching", "reaches", "solves",
            "better than", "%", "results", "performs", "leads to", "effective", "robust", "approach their", "we prove", "prove that",
            "we establish", "we observe", "we detect",
            // how a measured quantity moved
            "rises", "drops to", "falls to", "doubles", "halves", "saturates", "higher than", "lower than", "times higher",
            "times lower", "times faster", "increases with", "decreases with");
    private static final List<String> LIMITATION_CUES = List.of("limitation", "future work", "does not", "do not",
            "fail", "not yet", "unreliable", "we leave", "remains unclear", "is unclear", "are not");
    private static final List<String> RELEASE_CUES = List.of("we release", "release", "open-source", "open source",
            "publicly available", "available at", "code", "we make", "checkpoints");

    /**
     * @param sentence the paper's sentence
     * @param heading  its section heading (biases the choice: "Method", "Results", "Limitations", …)
     * @param position index of the sentence in its section
     */
    public static Cue classify(String sentence, String heading, int position) {
        String s = lower(sentence);
        String h = heading == null ? "" : heading.toLowerCase(Locale.ROOT);
        double problem = hits(s, PROBLEM_CUES) + (h.contains("intro") || h.contains("motivation") ? 0.5 : 0)
                + (h.contains("abstract") && position == 0 ? 1.5 : h.contains("abstract") && position == 1 ? 0.6 : 0);
        double method = hits(s, METHOD_CUES) * 1.2 + (h.matches(".*(method|approach|model|architecture|design|system).*") ? 0.8 : 0);
        double result = hits(s, RESULT_CUES) * 1.1 + (h.matches(".*(result|experiment|evaluation|finding).*") ? 0.8 : 0)
                + (s.matches(".*\\d.*") && hits(s, RESULT_CUES) > 0 ? 0.5 : 0);
        double limitation = hits(s, LIMITATION_CUES) * 1.3 + (h.contains("limitation") ? 2 : 0)
                + (h.contains("discussion") ? 0.3 : 0);
        double release = hits(s, RELEASE_CUES) * 1.5;
        Cue best = CONTEXT;
        double bestScore = 0.4;
        double[] scores = { result, method, problem, release, limitation };
        Cue[] order = { RESULT, METHOD, PROBLEM, RELEASE, LIMITATION };
        for (int i = 0; i < scores.length; i++) {
            if (scores[i] > bestScore) {
                bestScore = scores[i];
                best = order[i];
            }
        }
        return best;
    }

    /** Whether the sentence's own words report an outcome (not only the heading of the section it sits in). */
    public static boolean statesResult(String sentence) {
        return hits(lower(sentence), RESULT_CUES) > 0;
    }

    /** Whether the sentence's own words say what was done (a choice of model, a measurement, a run). */
    public static boolean describesMethod(String sentence) {
        return hits(lower(sentence), METHOD_CUES) > 0;
    }

    /** The sentence in lower case; "X results from Y" names a cause, not a result. */
    private static String lower(String sentence) {
        return sentence.toLowerCase(Locale.ROOT).replaceAll("\\bresults? from\\b", "comes from");
    }

    private static int hits(String s, List<String> cues) {
        int n = 0;
        for (String c : cues) {
            if (s.contains(c)) {
                n++;
            }
        }
        return n;
    }
}
