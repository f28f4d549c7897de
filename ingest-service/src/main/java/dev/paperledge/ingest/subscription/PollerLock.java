package dev.paperledge.ingest.subscription;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.jboss.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * One poller at a time across every instance sharing the database: a PostgreSQL session-level
 * advisory lock ({@code pg_try_advisory_lock}) held on a connection of its own while the work runs.
 * A second caller (another instance, or another thread here) does not wait: it is told the lock is
 * taken. An instance that dies mid-poll loses its connection, and PostgreSQL releases the lock.
 */
@ApplicationScoped
public class PollerLock {
    private static final Logger LOG = Logger.getLogger(PollerLock.class);
    /** The advisory lock's key: "PLsubsPL" as a number, not used for anything else. */
    static final long KEY = 0x504c73756273504cL;

    private final DataSource dataSource;

    public PollerLock(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs {@code work} holding the lock; empty, without running it, when someone else holds it. */
    public <T> Optional<T> tryWith(Supplier<T> work) {
        try (Connection c = dataSource.getConnection()) {
            if (!call(c, "SELECT pg_try_advisory_lock(?)")) {
                return Optional.empty();
            }
            try {
                return Optional.ofNullable(work.get());
            } finally {
                if (!call(c, "SELECT pg_advisory_unlock(?)")) {
                    LOG.warn("the subscription poller's advisory lock was not held at its release");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the database did not answer for the poller's lock", e);
        }
    }

    private static boolean call(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, KEY);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
