package dev.paperledge.script.writer;

import dev.paperledge.contracts.EpisodeScript;

/**
 * A writer's result.
 *
 * @param writer         the writer that actually produced the script ({@code offline}, {@code llm})
 * @param fallbackReason why the configured writer was not used, or null
 */
public record WrittenScript(EpisodeScript script, GroundingReport grounding, String writer, String fallbackReason) {
}
