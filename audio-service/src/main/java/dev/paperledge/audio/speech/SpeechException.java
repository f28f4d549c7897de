package dev.paperledge.audio.speech;

/**
 * A speech engine could not speak a text. {@code retryable} tells whether trying again later can
 * help (a speech server down or timing out) or not (a text the engine rejects, a bad configuration).
 */
public class SpeechException extends RuntimeException {
    private final boolean retryable;

    public SpeechException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    public SpeechException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
