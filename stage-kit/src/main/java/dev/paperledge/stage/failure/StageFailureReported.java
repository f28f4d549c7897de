package dev.paperledge.stage.failure;

/**
 * A failure the stage has already reported with its own {@code StageFailed}, rethrown so the input
 * record is dead-lettered: the consumer's catch-all must not report it a second time. Carries the
 * original as its cause and its message (the dead-letter reason).
 */
public class StageFailureReported extends RuntimeException {
    public StageFailureReported(RuntimeException reported) {
        super(reported.getMessage(), reported);
    }
}
