package dev.paperledge.audio.check;

/**
 * A run of one speaker's words in the text a section's listening take meant to say (the runs follow
 * each other in speaking order and together hold every word).
 *
 * @param speaker who speaks them
 * @param engine  the id of the speech engine that voiced them ({@code flite:slt}): its family sets the
 *                baseline word error they are judged against
 * @param words   how many words ({@link WordErrors#words} of their spoken text)
 */
public record SpeakerWords(String speaker, String engine, int words) {
}
