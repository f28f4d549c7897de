package dev.paperledge.script.writer;

/**
 * Writes an episode script for one paper. Implementations: {@link OfflineScriptWriter} (the default,
 * deterministic, no model) and {@link LlmScriptWriter} (any OpenAI-compatible server, falling back
 * to the offline writer). Every implementation grounds its output: quotes verbatim in the paper,
 * numbers present in it.
 */
public interface ScriptWriter {

    /** The name recorded with the script ({@code offline}, {@code llm}). */
    String name();

    WrittenScript write(ScriptRequest request);
}
