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

    /**
     * A section's span. {@code speechStartMs} is where its first word starts; {@code url} the paper
     * section it covers (or the paper's abstract page), null when the paper has no arXiv address.
     */
    public record Chapter(String title, long startMs, long endMs, long speechStartMs, String url) {
    }

    /**
     * A transcript cue: the text as written in the script, when it is spoken, who speaks it, and the
     * passage of the paper it comes from (null for the host's own words).
     */
    public record Cue(String text, long startMs, long endMs, String speaker, Source source) {
    }

    /**
     * Where a line comes from: the paper's section title, the paragraph (0-based), the paper's
     * sentence verbatim, and its address (the section's anchor in arXiv's HTML, else the abstract page).
     */
    public record Source(String section, int paragraph, String text, String url) {
    }
}
