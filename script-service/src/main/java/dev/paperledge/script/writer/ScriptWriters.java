package dev.paperledge.script.writer;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.langchain4j.model.chat.ChatModel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Chooses the writer from {@code paperledge.script.writer} ({@code offline}, the default, or {@code llm}). */
@ApplicationScoped
public class ScriptWriters {
    private final String writer;
    private final int targetWords;
    private final int maxChunkChars;
    private final int maxCalls;
    private final java.time.Duration deadline;
    /** The extension's model (a client proxy: nothing is built or called unless the LLM writer writes). */
    private final ChatModel chatModel;

    public ScriptWriters(@ConfigProperty(name = "paperledge.script.writer", defaultValue = "offline") String writer,
            @ConfigProperty(name = "paperledge.script.target-words", defaultValue = "600") int targetWords,
            @ConfigProperty(name = "paperledge.script.llm.max-chunk-chars", defaultValue = "12000") int maxChunkChars,
            @ConfigProperty(name = "paperledge.script.llm.max-calls", defaultValue = "12") int maxCalls,
            @ConfigProperty(name = "paperledge.script.llm.deadline", defaultValue = "10m") java.time.Duration deadline,
            ChatModel chatModel) {
        this.writer = writer;
        this.targetWords = targetWords;
        this.maxChunkChars = maxChunkChars;
        this.maxCalls = maxCalls;
        this.deadline = deadline;
        this.chatModel = chatModel;
    }

    @Produces
    @ApplicationScoped
    public ScriptWriter scriptWriter() {
        OfflineScriptWriter offline = new OfflineScriptWriter(targetWords);
        return switch (writer.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "offline" -> offline;
            case "llm" -> new LlmScriptWriter(() -> chatModel, offline, maxChunkChars, maxCalls, deadline);
            default -> throw new IllegalArgumentException("paperledge.script.writer must be offline or llm, not " + writer);
        };
    }
}
