package dev.paperledge.contracts;

import java.time.Instant;
import java.util.List;

/**
 * script → audio: the episode script is in the object store.
 *
 * @param scriptKey   object key of the {@link EpisodeScript} JSON
 * @param markdownKey object key of the rendered Markdown
 * @param wordCount   spoken words in the script
 * @param writer      which writer produced it (e.g. {@code offline}, {@code llm})
 * @param explanation does the script explain rather than recite, in brief; null on events from
 *                    before it was measured
 */
public record ScriptReady(String arxivId, int version, int run, PaperSummary paper, String episodeTitle,
        String description, String scriptKey, String markdownKey, int wordCount, String writer, Instant writtenAt,
        Explanation explanation) implements PipelineEvent {

    public static final String TYPE = "paperledge.script.ready.v1";

    /** A script whose explanation figures were not measured. */
    public ScriptReady(String arxivId, int version, int run, PaperSummary paper, String episodeTitle,
            String description, String scriptKey, String markdownKey, int wordCount, String writer, Instant writtenAt) {
        this(arxivId, version, run, paper, episodeTitle, description, scriptKey, markdownKey, wordCount, writer,
                writtenAt, null);
    }

    /**
     * The script's "explain, not recite" figures (its grounding report has the details).
     *
     * @param recitalPercent share of the host's words in 8-word runs copied from the abstract
     * @param repeatedRuns   8-word runs said twice or more
     * @param sectionsUsed   the paper's body sections (besides the abstract) the script draws on
     * @param termsExplained key terms explained in plain words
     * @param abstractOnly   written from the abstract alone (no full text)
     */
    public record Explanation(double recitalPercent, int repeatedRuns, List<String> sectionsUsed,
            List<String> termsExplained, boolean abstractOnly) {
    }

    @Override
    public Stage stage() {
        return Stage.SCRIPT;
    }

    @Override
    public String eventType() {
        return TYPE;
    }
}
