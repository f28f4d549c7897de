package dev.paperledge.audio.mix;

import java.util.List;

/**
 * Where everything sits in the finished program: chapters (one per section) and cues (one per
 * spoken sentence or sentence part), times in milliseconds.
 */
public record Timeline(List<Chapter> chapters, List<Cue> cues, long durationMs) {

    public Timeline {
        chapters = List.copyOf(chapters);
        cues = List.copyOf(cues);
    }

    /** A section's span. {@code speechStartMs} is where its first word starts. */
    public record Chapter(String title, long startMs, long endMs, long speechStartMs) {
    }

    /** A transcript cue: the text as written in the script, and when it is spoken. */
    public record Cue(String text, long startMs, long endMs) {
    }
}
