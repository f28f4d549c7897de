package dev.paperledge.audio.speech;

/**
 * Turns a short, already normalised English text (a sentence or part of one) into mono audio.
 * Implementations: {@link MaryTtsEngine} (in-process, the default), {@link OpenAiSpeechEngine}
 * (any OpenAI-compatible {@code POST /v1/audio/speech} server) and {@link FliteEngine} (Debian's
 * flite as a subprocess). The renderer calls {@link #synthesize} from several threads at once, up
 * to {@link #maxParallelism()}.
 */
public interface SpeechEngine extends AutoCloseable {

    /** Short identifier recorded with the episode, e.g. {@code marytts:cmu-slt-hsmm}. */
    String id();

    /**
     * Speaks one chunk of text.
     *
     * @throws SpeechException when the engine fails; never returns silence in place of an error
     */
    Pcm synthesize(String text);

    /** Longest text the engine accepts in one call; the renderer splits longer sentences. */
    default int maxChunkChars() {
        return 400;
    }

    /** How many chunks may be synthesized at once; the renderer also bounds this by the cores. */
    default int maxParallelism() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** Loads voices and runs a first synthesis so the first episode does not pay for it. */
    default void warmUp() {
        synthesize("Hello from PaperLedge.");
    }

    @Override
    default void close() {
    }
}
