package dev.paperledge.contracts;

import java.time.Instant;
import java.util.List;

/**
 * audio → publish: the episode's MP3, chapters and transcript are in the object store.
 *
 * @param durationMs    the MP3's playing time
 * @param byteSize      the MP3's exact size in bytes (the feed's enclosure length)
 * @param mimeType      {@code audio/mpeg}
 * @param chaptersKey   Podcasting 2.0 chapters JSON, or null
 * @param transcriptKey WebVTT transcript, or null
 * @param qualityKey    the listening check's figures ({@code quality.json}), or null (not checked;
 *                      events from before the check have no such field)
 * @param listening     the listening check in brief, or null when there was none
 * @param jsonTranscriptKey Podcasting 2.0 JSON transcript ({@code transcript.json}: segments with
 *                      speaker and, for a line taken from the paper, its source passage), or null
 *                      (events from before it have no such field)
 * @param format        {@code solo} or {@code duo}; null in events from before formats (solo)
 * @param hosts         who speaks in the episode, the show's host first; empty in events from
 *                      before formats (the show's configured host)
 */
public record AudioReady(String arxivId, int version, int run, PaperSummary paper, String episodeTitle,
        String description, String audioKey, long durationMs, long byteSize, String mimeType, String chaptersKey,
        String transcriptKey, String speechEngine, Instant voicedAt, String qualityKey, Listening listening,
        String jsonTranscriptKey, String format, List<EpisodeScript.Host> hosts) implements PipelineEvent {

    public static final String TYPE = "paperledge.audio.ready.v1";

    public AudioReady {
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
    }

    /** An episode voiced without a listening check. */
    public AudioReady(String arxivId, int version, int run, PaperSummary paper, String episodeTitle,
            String description, String audioKey, long durationMs, long byteSize, String mimeType, String chaptersKey,
            String transcriptKey, String speechEngine, Instant voicedAt) {
        this(arxivId, version, run, paper, episodeTitle, description, audioKey, durationMs, byteSize, mimeType,
                chaptersKey, transcriptKey, speechEngine, voicedAt, null, null);
    }

    /** An episode with a listening check but no JSON transcript. */
    public AudioReady(String arxivId, int version, int run, PaperSummary paper, String episodeTitle,
            String description, String audioKey, long durationMs, long byteSize, String mimeType, String chaptersKey,
            String transcriptKey, String speechEngine, Instant voicedAt, String qualityKey, Listening listening) {
        this(arxivId, version, run, paper, episodeTitle, description, audioKey, durationMs, byteSize, mimeType,
                chaptersKey, transcriptKey, speechEngine, voicedAt, qualityKey, listening, null);
    }

    /** A solo episode (as before formats) with a JSON transcript. */
    public AudioReady(String arxivId, int version, int run, PaperSummary paper, String episodeTitle,
            String description, String audioKey, long durationMs, long byteSize, String mimeType, String chaptersKey,
            String transcriptKey, String speechEngine, Instant voicedAt, String qualityKey, Listening listening,
            String jsonTranscriptKey) {
        this(arxivId, version, run, paper, episodeTitle, description, audioKey, durationMs, byteSize, mimeType,
                chaptersKey, transcriptKey, speechEngine, voicedAt, qualityKey, listening, jsonTranscriptKey, null, List.of());
    }

    /**
     * What a speech recogniser heard in the episode, judged against the engine's clean speech.
     *
     * @param passed      no section is red (an episode that failed is never announced as ready)
     * @param wer         word error over the whole episode
     * @param baselineWer the engine's clean-rendering word error the sections were judged against
     * @param sections    per section, in speaking order
     */
    public record Listening(String recognizer, boolean passed, double wer, double baselineWer,
            List<SectionCheck> sections) {
    }

    /**
     * One section's figures.
     *
     * @param verdict          {@code green}, {@code amber} (passed: hard words or a second take) or {@code red}
     * @param wer              word error of the section as it ships
     * @param bareWer          the bare engine's word error on the same words, when it was measured
     * @param longestSilenceMs longest silence inside the speech
     * @param rerendered       a first take was flagged and the section was rendered again
     * @param flags            what was wrong with the section as it ships ({@code wer}, {@code silence},
     *                         {@code rate}, {@code clipped}); with a second take, the first take's flags
     *                         are in {@code quality.json}
     */
    public record SectionCheck(String title, String verdict, double wer, Double bareWer, long longestSilenceMs,
            boolean rerendered, List<String> flags) {
    }

    @Override
    public Stage stage() {
        return Stage.AUDIO;
    }

    @Override
    public String eventType() {
        return TYPE;
    }
}
