package dev.paperledge.audio.check;

/**
 * How strict the listening check is. Word error is judged against the engine, not an absolute
 * number: the recogniser errs on clean speech too.
 *
 * @param baselineWer      what a clean rendering by this engine scores (measured per engine)
 * @param marginWer        how much worse than clean a section may score before it is suspect
 * @param minExcessErrors  fewer extra wrong words than this never flag (short sections are noisy)
 * @param calibrate        a suspect section is compared with the bare engine speaking the same words
 *                         (off: every suspect section is flagged)
 * @param maxSilenceMs     longest silence allowed inside a section's speech
 * @param rateTolerance    a section's seconds per word may differ from the episode's by this factor
 * @param minWordsForRate  sections shorter than this are not judged on their rate
 * @param parallelism      recogniser processes at once (each hears its share of the sections)
 * @param listenSeconds    the recogniser hears at most about this much of each section (whole sentences
 *                         from its start; at least one); 0: all of it. Bounds the check's cost.
 */
public record CheckSettings(double baselineWer, double marginWer, int minExcessErrors,
        boolean calibrate, long maxSilenceMs, double rateTolerance, int minWordsForRate, int parallelism,
        double listenSeconds) {

    public static CheckSettings defaults(double baselineWer) {
        return new CheckSettings(baselineWer, 0.25, 3, true, 2000, 1.8, 5,
                Runtime.getRuntime().availableProcessors(), 0);
    }

    public CheckSettings withListenSeconds(double seconds) {
        return new CheckSettings(baselineWer, marginWer, minExcessErrors, calibrate, maxSilenceMs, rateTolerance,
                minWordsForRate, parallelism, seconds);
    }
}
