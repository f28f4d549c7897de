package dev.paperledge.audio.service;

/**
 * The episode could not be rendered. The message is the reason an operator reads; {@code retryable}
 * says whether running the stage again can help.
 */
public class RenderException extends RuntimeException {
    private final boolean retryable;
    private final String code;

    public RenderException(String code, String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.retryable = retryable;
    }

    public RenderException(String code, String message, boolean retryable) {
        this(code, message, retryable, null);
    }

    public boolean retryable() {
        return retryable;
    }

    /** Short machine-readable reason used as a metric tag, e.g. {@code engine-error}. */
    public String code() {
        return code;
    }
}
