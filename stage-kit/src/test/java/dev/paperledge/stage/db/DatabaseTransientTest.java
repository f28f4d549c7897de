package dev.paperledge.stage.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.hibernate.exception.JDBCConnectionException;
import org.hibernate.exception.LockAcquisitionException;
import org.junit.jupiter.api.Test;

class DatabaseTransientTest {
    private final DatabaseTransient transientError = new DatabaseTransient();

    @Test
    void anOutageIsTransient() {
        SQLException io = new SQLException("An I/O error occurred while sending to the backend.", "08006");
        assertThat(transientError.test(new JDBCConnectionException("JDBC exception executing SQL", io))).isTrue();
    }

    @Test
    void aLostConflictIsTransient() {
        assertThat(transientError.test(new RuntimeException(new SQLException("deadlock detected", "40P01")))).isTrue();
        assertThat(transientError.test(new RuntimeException(
                new SQLException("could not serialize access due to concurrent update", "40001")))).isTrue();
        assertThat(transientError.test(new SQLException("could not obtain lock on row", "55P03"))).isTrue();
        assertThat(transientError.test(new LockAcquisitionException("lock", new SQLException("x")))).isTrue();
    }

    @Test
    void errorsThatWouldRecurAreNot() {
        assertThat(transientError.test(new RuntimeException(
                new SQLException("duplicate key value violates unique constraint", "23505")))).isFalse();
        assertThat(transientError.test(new SQLException("value too long for type character varying(64)", "22001")))
                .isFalse();
        assertThat(transientError.test(new IllegalStateException("no state"))).isFalse();
    }
}
