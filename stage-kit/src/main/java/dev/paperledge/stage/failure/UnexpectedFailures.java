package dev.paperledge.stage.failure;

import java.time.Instant;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import dev.paperledge.contracts.Stage;
import dev.paperledge.contracts.StageFailed;
import dev.paperledge.stage.db.DatabaseUnavailable;
import dev.paperledge.stage.storage.ObjectStoreUnavailable;

/**
 * The catch-all every stage's consumers use, outside the stage's own retries, so that no exception
 * leaves a paper neither running nor FAILED: an exception the stage did not report itself becomes one
 * retryable {@code StageFailed} whose reason is a sentence a person can act on (never exception text;
 * the trace goes to the log).
 */
public final class UnexpectedFailures {
    private static final Logger LOG = Logger.getLogger(UnexpectedFailures.class);
    private static final DatabaseUnavailable DATABASE = new DatabaseUnavailable();

    private UnexpectedFailures() {
    }

    /** Whether the stage reported this failure itself (a {@link StageFailureReported} anywhere in the chain). */
    public static boolean reported(Throwable e) {
        return causeOf(e, StageFailureReported.class) != null;
    }

    /** What an operator reads for an exception the stage has no words of its own for. */
    public static String reason(Stage stage, Throwable e) {
        String name = "the " + stage.id() + " stage";
        if (DATABASE.test(e)) {
            return name + " lost its database for longer than it waits (about 5 minutes); "
                    + "retry the paper once PostgreSQL is back";
        }
        EventNotAcknowledged refused = causeOf(e, EventNotAcknowledged.class);
        if (refused != null) {
            return name + " finished but Kafka did not take its " + refused.topic() + " event; retry the paper";
        }
        if (causeOf(e, ObjectStoreUnavailable.class) != null) {
            return name + " could not reach the object store (the service log has the details); "
                    + "retry the paper once it answers";
        }
        return name + " stopped on an unexpected error (the service log has the details); retry the paper";
    }

    /**
     * Logs the failure with its trace and sends one retryable StageFailed with {@link #reason}; a
     * report the broker refuses too is logged, never thrown (the input record is then dead-lettered,
     * which the status projection shows as a failure as well).
     *
     * @return the reason sent
     */
    public static String report(Stage stage, String arxivId, int version, int run, int attempt, Throwable e,
            Consumer<StageFailed> send) {
        String reason = reason(stage, e);
        LOG.errorf(e, "%s stage failed for %s v%d r%d (attempt %d): %s", stage.id(), arxivId, version, run, attempt,
                reason);
        try {
            send.accept(new StageFailed(arxivId, version, run, stage, reason, attempt, true, Instant.now()));
        } catch (RuntimeException notSent) {
            LOG.warnf(notSent, "could not report the failure of %s v%d r%d (attempt %d)", arxivId, version, run, attempt);
        }
        return reason;
    }

    /** The first exception of that type in the cause chain, or null. */
    public static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }
}
