package dev.paperledge.stage.runner;

/**
 * How a handler's work on one input ended when it did not fail: counted as
 * {@code paperledge.stage.outcomes{stage, outcome, reason}}. The input is then done with (recorded
 * as processed); a failure is thrown instead ({@link dev.paperledge.stage.failure.PermanentFailure},
 * {@link RetryableFailure}).
 */
public record Outcome(String outcome, String reason) {
    /** The work is done and the stage's event was sent and acknowledged. */
    public static Outcome success() {
        return new Outcome("success", "none");
    }

    /** The work is done but held back (an operator's review, an older production): nothing was sent. */
    public static Outcome held(String outcome, String reason) {
        return new Outcome(outcome, reason);
    }
}
