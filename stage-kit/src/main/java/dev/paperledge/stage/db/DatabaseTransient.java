package dev.paperledge.stage.db;

import java.sql.SQLException;
import java.util.function.Predicate;

import org.hibernate.PessimisticLockException;
import org.hibernate.exception.LockAcquisitionException;

/**
 * Errors after which the same database work succeeds if run again: the database was out of reach
 * ({@link DatabaseUnavailable}), or the transaction lost a conflict with another one and was rolled
 * back (SQL states 40001 serialization failure, 40P01 deadlock, 55P03 lock not available). What
 * {@link DatabaseRetryPolicy} retries; anything else (a constraint, bad data) would fail the same way
 * again.
 */
public class DatabaseTransient implements Predicate<Throwable> {
    private static final DatabaseUnavailable UNAVAILABLE = new DatabaseUnavailable();

    @Override
    public boolean test(Throwable t) {
        if (UNAVAILABLE.test(t)) {
            return true;
        }
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof LockAcquisitionException || c instanceof PessimisticLockException) {
                return true;
            }
            if (c instanceof SQLException e && e.getSQLState() != null && (e.getSQLState().equals("40001")
                    || e.getSQLState().equals("40P01") || e.getSQLState().equals("55P03"))) {
                return true;
            }
        }
        return false;
    }
}
