package dev.paperledge.ingest.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.paperledge.contracts.PipelineEvent;
import dev.paperledge.contracts.Topics;
import dev.paperledge.ingest.status.StatusProjection.Outcome;
import dev.paperledge.stage.testing.StageHarness;
import io.quarkus.runtime.configuration.MemorySize;

/**
 * How the status consumer applies a record when the database fails, in memory: the kit's one
 * database policy (here {@link StageHarness#databaseRetry()}, the same predicate without waiting)
 * reruns an outage or a lost conflict, and lets any other error through at once, after which the
 * record is skipped (a rebuild repairs it) and the consumer goes on.
 */
class StatusRecordHandlerTest {
    private static final ObjectMapper JSON = StageHarness.json();

    /** A projection whose next calls fail with the queued errors, then apply. */
    static final class FlakyProjection extends StatusProjection {
        final Deque<RuntimeException> failures = new ArrayDeque<>();
        int calls;

        FlakyProjection() {
            super(null, JSON);
        }

        @Override
        public Outcome succeeded(PipelineEvent event, String detail) {
            calls++;
            if (!failures.isEmpty()) {
                throw failures.poll();
            }
            return Outcome.APPLIED;
        }
    }

    private final FlakyProjection projection = new FlakyProjection();
    private final StatusRecordHandler handler = new StatusRecordHandler(projection, JSON, StageHarness.databaseRetry(),
            new MemorySize(java.math.BigInteger.valueOf(256 * 1024)));

    private StatusRecordHandler.Rec scriptReady() throws Exception {
        String id = "2401.00001";
        return new StatusRecordHandler.Rec(Topics.SCRIPTS_READY, 0, 7, System.currentTimeMillis(), id,
                JSON.writeValueAsString(StatusProjectionTest.script(id, 1)), new RecordHeaders());
    }

    private static RuntimeException sqlState(String state, String message) {
        return new RuntimeException("could not execute statement", new SQLException(message, state));
    }

    @Test
    void anOutageIsWaitedOutAndTheRecordAppliedOnce() throws Exception {
        projection.failures.add(new JDBCConnectionException("Unable to acquire JDBC Connection",
                new SQLException("Connection to localhost:5432 refused", "08001")));
        assertThat(handler.apply(scriptReady())).isEqualTo(Outcome.APPLIED);
        assertThat(projection.calls).isEqualTo(2);
    }

    @Test
    void aDeadlockWithARebuildIsRunAgain() throws Exception {
        projection.failures.add(sqlState("40P01", "deadlock detected"));
        projection.failures.add(sqlState("40001", "could not serialize access due to concurrent update"));
        assertThat(handler.apply(scriptReady())).isEqualTo(Outcome.APPLIED);
        assertThat(projection.calls).isEqualTo(3);
    }

    @Test
    void anErrorThatWouldRecurIsNotRetriedAndTheRecordIsSkipped() throws Exception {
        projection.failures.add(sqlState("22001", "value too long for type character varying(64)"));
        assertThat(handler.apply(scriptReady())).as("skipped, the consumer goes on").isNull();
        assertThat(projection.calls).isEqualTo(1);
        assertThat(handler.apply(scriptReady())).as("the next record is applied").isEqualTo(Outcome.APPLIED);
    }

    @Test
    void anOutageLongerThanThePolicyLetsTheRecordGo() throws Exception {
        for (int i = 0; i < StageHarness.DATABASE_ATTEMPTS; i++) {
            projection.failures.add(new JDBCConnectionException("Unable to acquire JDBC Connection",
                    new SQLException("Connection refused", "08001")));
        }
        assertThat(handler.apply(scriptReady())).isNull();
        assertThat(projection.calls).isEqualTo(StageHarness.DATABASE_ATTEMPTS);
    }
}
