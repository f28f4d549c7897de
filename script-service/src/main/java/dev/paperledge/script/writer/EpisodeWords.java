package dev.paperledge.script.writer;

import dev.paperledge.contracts.EpisodeScript;

/** Word counting as the script contract counts (whitespace-separated tokens). */
public final class EpisodeWords {
    private EpisodeWords() {
    }

    public static int count(String text) {
        return EpisodeScript.countWords(text);
    }
}
