package dev.paperledge.audio.check;

/**
 * What the listening check measured on one speaker's words: of one section, or of the whole episode.
 *
 * @param engine      the speech engine that voiced the speaker
 * @param words       the speaker's words that were listened to
 * @param wordErrors  the errors laid on those words ({@link WordErrors#errorsPerWord})
 * @param wer         wordErrors / words
 * @param baselineWer the clean-rendering word error of the speaker's own engine, judged against
 * @param bareWordErrors the errors the bare engine made on the same words, when it was measured
 * @param bareWer     the bare engine's word error on the same words, when it was measured (of the
 *                    episode: over the sections it was measured on, the others as heard)
 * @param verdict     {@code green}; {@code amber}: over the baseline but no worse than the bare engine;
 *                    {@code red}: out of bounds, the check fails
 */
public record SpeakerFigures(String speaker, String engine, int words, int wordErrors, double wer,
        double baselineWer, Integer bareWordErrors, Double bareWer, String verdict) {

    public boolean red() {
        return SectionFigures.RED.equals(verdict);
    }

    /** The figures an operator reads in a failure reason. */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "%s (%s) word error %.0f%% (%d of %d words; baseline %.0f%%%s)",
                speaker, engine, 100 * wer, wordErrors, words, 100 * baselineWer,
                bareWer == null ? "" : String.format(java.util.Locale.ROOT, ", bare engine %.0f%%", 100 * bareWer));
    }
}
