package dev.paperledge.stage.db;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.function.Predicate;

import org.hibernate.exception.JDBCConnectionException;

/**
 * Errors meaning the database is briefly out of reach (a restart, a failover): the stage's entry
 * points retry on these, which is safe because every stage is idempotent. SQL states 08 (connection
 * exception) and 57P (operator intervention, e.g. "terminating connection due to administrator
 * command").
 */
public class DatabaseUnavailable implements Predicate<Throwable> {
    @Override
    public boolean test(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof JDBCConnectionException || c instanceof SQLTransientConnectionException
                    || c instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (c instanceof SQLException e && e.getSQLState() != null
                    && (e.getSQLState().startsWith("08") || e.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }
}
