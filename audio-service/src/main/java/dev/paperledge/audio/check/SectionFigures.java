package dev.paperledge.audio.check;

import java.util.List;

/**
 * What the listening check measured on one section of the rendered episode.
 *
 * @param index            the section's position among the spoken sections (0-based)
 * @param words            words meant to be spoken (after normalisation)
 * @param wordErrors       word-level edit distance between meant and heard
 * @param wer              wordErrors / words
 * @param bareWer          the bare engine's word error on the same words, when it was measured
 * @param seconds          the section's speech span
 * @param secondsPerWord   seconds / words
 * @param rateRatio        secondsPerWord against the episode's median section
 * @param longestSilenceMs longest silence inside the speech
 * @param clipped          an engine chunk started or ended mid-sound
 * @param flags            what is wrong: {@code wer}, {@code noise}, {@code silence}, {@code rate}, {@code clipped}
 * @param rerendered       the section was rendered a second time after a first take was flagged
 * @param firstTakeFlags   the first take's flags when it was re-rendered
 * @param verdict          {@code green}, {@code amber} (passed: hard words or a re-render) or {@code red}
 * @param heard            what the recogniser heard
 * @param speakers         each speaker's words of the section, judged against the speaker's own engine
 */
public record SectionFigures(int index, String title, int words, int wordErrors, double wer, Double bareWer,
        double seconds, double secondsPerWord, double rateRatio, long longestSilenceMs, boolean clipped,
        List<String> flags, boolean rerendered, List<String> firstTakeFlags, String verdict, String heard,
        List<SpeakerFigures> speakers) {

    public static final String GREEN = "green";
    public static final String AMBER = "amber";
    public static final String RED = "red";

    public boolean flagged() {
        return !flags.isEmpty();
    }

    /** These figures as the second take of a section whose first take had {@code firstFlags}. */
    public SectionFigures asRerenderOf(List<String> firstFlags) {
        return new SectionFigures(index, title, words, wordErrors, wer, bareWer, seconds, secondsPerWord, rateRatio,
                longestSilenceMs, clipped, flags, true, List.copyOf(firstFlags), flagged() ? RED : AMBER, heard, speakers);
    }

    /** The figures an operator reads in a failure reason. */
    public String describe() {
        StringBuilder b = new StringBuilder(String.format(java.util.Locale.ROOT,
                "section %d '%s': word error %.0f%% (%d of %d words", index + 1, title, 100 * wer, wordErrors, words));
        if (bareWer != null) {
            b.append(String.format(java.util.Locale.ROOT, "; bare engine %.0f%%", 100 * bareWer));
        }
        b.append(String.format(java.util.Locale.ROOT, "), longest silence %.1f s, %.2f s per word (%.2fx the episode's)",
                longestSilenceMs / 1000.0, secondsPerWord, rateRatio));
        if (clipped) {
            b.append(", clipped");
        }
        for (SpeakerFigures s : speakers) {
            if (s.red()) {
                b.append("; ").append(s.describe());
            }
        }
        b.append(", flagged: ").append(String.join(", ", flags));
        return b.toString();
    }
}
