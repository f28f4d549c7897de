package dev.paperledge.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;

import dev.paperledge.ingest.support.ConfigOverrides;
import dev.paperledge.ingest.support.StandInResource;
import dev.paperledge.stage.runner.DatabaseRetry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

/**
 * The kit's database retry policy as ingest configures it (application.properties: its bound in
 * seconds, 60 by default; scaled down here to 4 s, with a 2 s backoff ceiling): a step that loses
 * its connection is run again until it goes through, an error that is not the database being away
 * is thrown at once, and a database that stays away is given up on at ingest's bound, not the kit's
 * 5 minutes.
 */
@QuarkusTest
@WithTestResource(StandInResource.class)
@TestProfile(DatabaseRetryBoundTest.ShortBound.class)
class DatabaseRetryBoundTest {
    public static class ShortBound extends ConfigOverrides {
        public ShortBound() {
            // The backoff's ceiling (20 s) may not exceed the bound, nor be below the first delay (1 s).
            super(Map.of("dev.paperledge.stage.db.DatabaseRetryPolicy/run/Retry/maxDuration", "4",
                    "dev.paperledge.stage.db.DatabaseRetryPolicy/run/ExponentialBackoff/maxDelay", "2"));
        }
    }

    @Inject
    DatabaseRetry databaseRetry;

    private static RuntimeException connectionLost() {
        return new JDBCConnectionException("could not execute statement",
                new SQLException("An I/O error occurred while sending to the backend.", "08006"));
    }

    @Test
    void aStepThatLostItsConnectionRunsAgainUntilItGoesThrough() {
        AtomicInteger tries = new AtomicInteger();
        databaseRetry.run(() -> {
            if (tries.incrementAndGet() < 3) {
                throw connectionLost();
            }
        });
        assertThat(tries).hasValue(3);
    }

    @Test
    void anErrorThatIsNotTheDatabaseBeingAwayIsThrownAtOnce() {
        AtomicInteger tries = new AtomicInteger();
        assertThatThrownBy(() -> databaseRetry.run(() -> {
            tries.incrementAndGet();
            throw new IllegalStateException("a bug, not an outage");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(tries).hasValue(1);
    }

    @Test
    void aDatabaseThatStaysAwayIsGivenUpOnAtIngestsBound() {
        AtomicInteger tries = new AtomicInteger();
        long start = System.nanoTime();
        // The kit's own bound is 5 minutes: ending within seconds shows ingest's (in seconds) applies.
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThatThrownBy(() -> databaseRetry.run(() -> {
            tries.incrementAndGet();
            throw connectionLost();
        })).isInstanceOf(JDBCConnectionException.class));
        assertThat(tries.get()).as("retried before giving up").isGreaterThan(1);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }
}
