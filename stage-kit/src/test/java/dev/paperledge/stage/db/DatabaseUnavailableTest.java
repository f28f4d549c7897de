package dev.paperledge.stage.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;

class DatabaseUnavailableTest {
    private final DatabaseUnavailable unavailable = new DatabaseUnavailable();

    @Test
    void connectionLossAndAdministratorShutdownAreRetried() {
        SQLException io = new SQLException("An I/O error occurred while sending to the backend.", "08006");
        assertThat(unavailable.test(new JDBCConnectionException("JDBC exception executing SQL", io))).isTrue();
        assertThat(unavailable.test(new IllegalStateException("wrapped", io))).isTrue();
        assertThat(unavailable.test(new RuntimeException(
                new SQLException("terminating connection due to administrator command", "57P01")))).isTrue();
    }

    @Test
    void otherErrorsAreNot() {
        assertThat(unavailable.test(new SQLException("duplicate key value violates unique constraint", "23505"))).isFalse();
        assertThat(unavailable.test(new IllegalArgumentException("bad input"))).isFalse();
        assertThat(unavailable.test(new RuntimeException("no state", new SQLException("x")))).isFalse();
    }
}
