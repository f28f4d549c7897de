package dev.paperledge.contracts;

import java.time.Instant;

/**
 * audio → publish: the episode's MP3, chapters and transcript are in the object store.
 *
 * @param durationMs    the MP3's playing time
 * @param byteSize      the MP3's exact size in bytes (the feed's enclosure length)
 * @param mimeType      {@code audio/mpeg}
 * @param chaptersKey   Podcasting 2.0 chapters JSON, or null
 * @param transcriptKey WebVTT transcript, or null
 */
public record AudioReady(String arxivId, int version, int run, PaperSummary paper, String episodeTitle,
        String description, String audioKey, long durationMs, long byteSize, String mimeType, String chaptersKey,
        String transcriptKey, String speechEngine, Instant voicedAt) implements PipelineEvent {

    public static final String TYPE = "paperledge.audio.ready.v1";

    @Override
    public Stage stage() {
        return Stage.AUDIO;
    }

    @Override
    public String eventType() {
        return TYPE;
    }
}
