package dev.paperledge.stage.db;

import java.time.temporal.ChronoUnit;

import org.eclipse.microprofile.faulttolerance.Retry;

import dev.paperledge.stage.runner.DatabaseRetry;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.faulttolerance.api.RetryWhen;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The database retry policy, declared once (MicroProfile Fault Tolerance; overridable in
 * configuration as {@code dev.paperledge.stage.db.DatabaseRetryPolicy/run/Retry/maxDuration} and so
 * on): while the work fails with {@link DatabaseTransient} (the database out of reach, or a conflict
 * with another transaction lost), run it again, backing off from 1 s to 20 s, for up to 5 minutes,
 * enough to ride out a PostgreSQL restart or failover.
 */
@ApplicationScoped
public class DatabaseRetryPolicy implements DatabaseRetry {
    @Override
    @Retry(maxRetries = -1, delay = 1, delayUnit = ChronoUnit.SECONDS, maxDuration = 5, durationUnit = ChronoUnit.MINUTES)
    @ExponentialBackoff(maxDelay = 20, maxDelayUnit = ChronoUnit.SECONDS)
    @RetryWhen(exception = DatabaseTransient.class)
    public void run(Runnable work) {
        work.run();
    }
}
