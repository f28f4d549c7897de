package dev.paperledge.contracts;

import java.time.Instant;

/**
 * script → audio: the episode script is in the object store.
 *
 * @param scriptKey   object key of the {@link EpisodeScript} JSON
 * @param markdownKey object key of the rendered Markdown
 * @param wordCount   spoken words in the script
 * @param writer      which writer produced it (e.g. {@code offline}, {@code llm})
 */
public record ScriptReady(String arxivId, int version, int run, PaperSummary paper, String episodeTitle,
        String description, String scriptKey, String markdownKey, int wordCount, String writer, Instant writtenAt)
        implements PipelineEvent {

    public static final String TYPE = "paperledge.script.ready.v1";

    @Override
    public Stage stage() {
        return Stage.SCRIPT;
    }

    @Override
    public String eventType() {
        return TYPE;
    }
}
