package dev.paperledge.stage.runner;

import dev.paperledge.contracts.PipelineEvent;
import dev.paperledge.contracts.Stage;

/**
 * What a stage does with one input, and nothing else: a service implements it with its own work
 * (write a script, voice it, publish it) and leaves consuming, deduplicating, recording the input,
 * retrying, reporting failures and counting outcomes to {@link StageRunner}.
 *
 * <p>{@link #handle} is called again for the same input after a crash, a redelivery past the dedupe
 * record, or an operator's retry: it must be safe to redo (deterministic object keys, upserts, the
 * same outgoing event id).
 */
public interface StageHandler<I extends PipelineEvent> {
    Stage stage();

    /** The input event's type (the JSON a retry reruns from is read as this). */
    Class<I> inputType();

    /**
     * Does the stage's work for one input and sends its event, awaiting the broker's acknowledgement.
     *
     * @param attempt 1 for the first delivery, the retry's attempt for an operator's retry
     * @throws dev.paperledge.stage.failure.PermanentFailure the input can never succeed as it is
     * @throws RetryableFailure the same input may succeed later
     */
    Outcome handle(I input, int attempt);

    /**
     * Told once the stage has failed a production, before {@code StageFailed} is sent, so the
     * service's own record can say so (a script row marked FAILED). Best effort: an exception here is
     * logged, never allowed to stop the report.
     */
    default void failed(Production production, String reason, boolean retryable) {
    }

    /** What an operator should do when a retry finds nothing to rerun from (e.g. "retry the audio stage instead"). */
    default String whenNoInput() {
        return "submit the paper again";
    }
}
