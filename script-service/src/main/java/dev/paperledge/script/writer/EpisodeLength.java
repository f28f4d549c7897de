package dev.paperledge.script.writer;

/**
 * How long one paper's episode should be: as long as the paper gives the host something to say, and
 * no longer. The show's frame (greeting and introduction, the note that only the abstract was
 * there, why it matters, the quote, the sign-off and credits) takes about {@link #FRAME_WORDS}
 * words; each word of the paper's sayable sentences ({@link PaperAnalysis#materialWords}) is worth
 * about {@link #WORDS_PER_MATERIAL} words of episode (the line re-voiced, its lead-in, the terms it
 * needs, the takeaways it feeds). The configured target is the ceiling: a full paper, or a rich
 * abstract, reaches it; a two-sentence abstract gets a short episode, never padding. The writers
 * aim at this target and {@link ScriptGate} checks the length band around the same number.
 */
public final class EpisodeLength {
    /** Words the show's frame takes, whatever the paper. */
    static final int FRAME_WORDS = 300;
    /** Episode words per word of the paper's sayable material. */
    static final double WORDS_PER_MATERIAL = 2.0;

    private EpisodeLength() {
    }

    /** The target length of this paper's episode, between the frame and {@code ceiling} (the configured target). */
    public static int target(ScriptRequest request, int ceiling) {
        int floor = Math.min(FRAME_WORDS, ceiling);
        int enough = (int) Math.ceil((ceiling - floor) / WORDS_PER_MATERIAL);
        int material = PaperAnalysis.materialWords(request, enough);
        return (int) Math.min(ceiling, Math.round(floor + material * WORDS_PER_MATERIAL));
    }
}
