package dev.paperledge.stage.failure;

/**
 * The input can never be handled as it is (bad input, nothing to work from): retrying the same input
 * cannot help. The stage reports it as {@code StageFailed(retryable=false)} with the message as the
 * reason (a sentence a person can act on), marks the event processed and goes on.
 */
public class PermanentFailure extends RuntimeException {
    private final String code;

    public PermanentFailure(String message) {
        this("permanent", message, null);
    }

    /** @param code a short machine name for the metrics' {@code reason} tag ({@code bad-input}, {@code script-missing}) */
    public PermanentFailure(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
