package dev.paperledge.audio.check;

import dev.paperledge.audio.speech.Pcm;

/**
 * One section as rendered, ready to be listened to.
 *
 * @param spokenText    the text as the engine received it (after normalisation), of the part listened to
 * @param audio         the section's speech as it ships (decoded from the episode's MP3), all of it
 * @param listenSamples how much of {@code audio}, from its start, the recogniser hears (whole sentences
 *                      that fit the check's budget per section; the signal checks take all of it)
 * @param words         the words of the whole section
 * @param seconds       the section's speech span in the program
 * @param clipped       an engine chunk of the section started or ended mid-sound
 * @param speakers      who says the words of {@code spokenText}, in runs; empty: all of them the host
 *                      engine's, judged by the check's baseline
 */
public record SectionTake(int index, String title, String spokenText, Pcm audio, int listenSamples, int words,
        double seconds, boolean clipped, java.util.List<SpeakerWords> speakers) {

    /** The part the recogniser hears. */
    public Pcm listened() {
        float[] x = audio.samples();
        return listenSamples >= x.length ? audio
                : new Pcm(java.util.Arrays.copyOf(x, Math.max(0, listenSamples)), audio.sampleRate());
    }
}
