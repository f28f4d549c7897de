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
 * @param engineBaselineWer the clean-rendering word error per engine family ({@code flite}, {@code marytts},
 *                         {@code openai}) for words voiced by an engine other than the host's (a duo's
 *                         co-host on an engine of its own); a family not listed is judged by {@code baselineWer}
 */
public record CheckSettings(double baselineWer, double marginWer, int minExcessErrors,
        boolean calibrate, long maxSilenceMs, double rateTolerance, int minWordsForRate, int parallelism,
        double listenSeconds, java.util.Map<String, Double> engineBaselineWer) {

    public CheckSettings {
        engineBaselineWer = java.util.Map.copyOf(engineBaselineWer);
    }

    public static CheckSettings defaults(double baselineWer) {
        return new CheckSettings(baselineWer, 0.25, 3, true, 2000, 1.8, 5,
                Runtime.getRuntime().availableProcessors(), 0, java.util.Map.of());
    }

    public CheckSettings withListenSeconds(double seconds) {
        return new CheckSettings(baselineWer, marginWer, minExcessErrors, calibrate, maxSilenceMs, rateTolerance,
                minWordsForRate, parallelism, seconds, engineBaselineWer);
    }

    /** These settings with a clean-rendering word error per engine family. */
    public CheckSettings withEngineBaselines(java.util.Map<String, Double> perEngine) {
        return new CheckSettings(baselineWer, marginWer, minExcessErrors, calibrate, maxSilenceMs, rateTolerance,
                minWordsForRate, parallelism, listenSeconds, perEngine);
    }

    /** These settings without the comparison with the bare engine: every suspect is flagged. */
    public CheckSettings withoutCalibration() {
        return new CheckSettings(baselineWer, marginWer, minExcessErrors, false, maxSilenceMs, rateTolerance,
                minWordsForRate, parallelism, listenSeconds, engineBaselineWer);
    }

    /** The baseline for words voiced by an engine ({@code flite:slt}: its family {@code flite}). */
    public double baselineFor(String engineId) {
        if (engineId == null) {
            return baselineWer;
        }
        int colon = engineId.indexOf(':');
        return engineBaselineWer.getOrDefault(colon < 0 ? engineId : engineId.substring(0, colon), baselineWer);
    }
}
