package dev.paperledge.audio.check;

import dev.paperledge.audio.speech.Pcm;

/**
 * One section as rendered, ready to be listened to.
 *
 * @param spokenText the text as the engine received it (after normalisation)
 * @param audio      the section's speech as it ships (decoded from the episode's MP3)
 * @param seconds    the section's speech span in the program
 * @param clipped    an engine chunk of the section started or ended mid-sound
 */
public record SectionTake(int index, String title, String spokenText, Pcm audio, double seconds, boolean clipped) {
}
