package dev.paperledge.audio.service;

import dev.paperledge.audio.check.QualityReport;
import dev.paperledge.audio.mix.Mastering;
import dev.paperledge.audio.mix.Timeline;

/**
 * A finished episode: the tagged MP3 and its companions, plus what was measured on the way.
 *
 * @param durationMs   playing time from the MP3's frames
 * @param transcriptJson the Podcasting 2.0 JSON transcript (segments with speaker and source)
 * @param speechMs     seconds of speech the engine produced (before pauses), in ms
 * @param synthesisMs  wall time of the synthesis phase
 * @param encodingMs   wall time of mastering + MP3 + tags
 * @param checkMs      wall time of the listening check, re-renders included (0 when it is off)
 * @param quality      the listening check's figures, or null when it is off
 */
public record RenderedEpisode(byte[] mp3, long durationMs, Timeline timeline, String chaptersJson, String transcriptVtt,
        String transcriptJson, Mastering.Result loudness, String speechEngine, int words, long speechMs, long synthesisMs, long encodingMs,
        long checkMs, QualityReport quality) {
}
