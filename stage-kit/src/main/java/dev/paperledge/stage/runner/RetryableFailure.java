package dev.paperledge.stage.runner;

/**
 * The work failed but the same input may succeed later (a speech engine that did not answer, an
 * object that is not there yet). Reported as {@code StageFailed(retryable=true)} with the message as
 * the reason, a sentence a person can act on; the input record is then dead-lettered and the paper
 * waits for an operator's retry.
 */
public class RetryableFailure extends RuntimeException {
    private final String code;

    /** @param code a short machine name for the metrics' {@code reason} tag */
    public RetryableFailure(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
