package dev.paperledge.stage.failure;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.errors.TimeoutException;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;

import dev.paperledge.contracts.Stage;
import dev.paperledge.contracts.StageFailed;
import dev.paperledge.contracts.Topics;
import dev.paperledge.stage.storage.ObjectStoreUnavailable;

/** The catch-all's words and its one report, for every stage. */
class UnexpectedFailuresTest {
    @Test
    void aDatabaseOutageLongerThanTheRetriesSaysSoAndWhatToDo() {
        RuntimeException e = new IllegalStateException("tx", new JDBCConnectionException("JDBC exception executing SQL",
                new SQLException("An I/O error occurred while sending to the backend.", "08006")));
        assertThat(UnexpectedFailures.reason(Stage.AUDIO, e)).isEqualTo("the audio stage lost its database for longer "
                + "than it waits (about 5 minutes); retry the paper once PostgreSQL is back");
    }

    @Test
    void anEventTheBrokerDidNotTakeNamesItsTopic() {
        RuntimeException e = new EventNotAcknowledged(Topics.SCRIPTS_READY,
                new TimeoutException("Expiring 1 record(s) for scripts.ready-0: 120000 ms has passed"));
        assertThat(UnexpectedFailures.reason(Stage.SCRIPT, new RuntimeException(e))).isEqualTo(
                "the script stage finished but Kafka did not take its scripts.ready event; retry the paper");
        assertThat(e.getMessage()).startsWith("Kafka did not acknowledge the scripts.ready event: Expiring 1 record(s)");
    }

    @Test
    void anObjectStoreThatDoesNotAnswerSaysSo() {
        RuntimeException e = new ObjectStoreUnavailable("object store: could not stat audio/x in bucket paperledge "
                + "(Connection refused)", null);
        assertThat(UnexpectedFailures.reason(Stage.PUBLISH, e)).isEqualTo("the publish stage could not reach the object "
                + "store (the service log has the details); retry the paper once it answers")
                .doesNotContain("Connection refused", "bucket");
    }

    @Test
    void anythingElseIsASentenceNotTheExceptionText() {
        assertThat(UnexpectedFailures.reason(Stage.AUDIO, new NullPointerException("Cannot invoke \"String.length()\"")))
                .isEqualTo("the audio stage stopped on an unexpected error (the service log has the details); "
                        + "retry the paper")
                .doesNotContain("NullPointer", "String.length");
    }

    @Test
    void aFailureTheStageReportedItselfIsFoundWhereverItIsInTheChain() {
        StageFailureReported reported = new StageFailureReported(new ObjectStoreUnavailable("object store unreachable", null));
        assertThat(reported.getMessage()).as("the dead-letter reason").isEqualTo("object store unreachable");
        assertThat(UnexpectedFailures.reported(reported)).isTrue();
        assertThat(UnexpectedFailures.reported(new IllegalStateException("wrapped", reported))).isTrue();
        assertThat(UnexpectedFailures.reported(new IllegalStateException("boom"))).isFalse();
    }

    @Test
    void oneRetryableReportWithTheSentenceAndARefusedReportIsNotThrown() {
        List<StageFailed> sent = new ArrayList<>();
        String reason = UnexpectedFailures.report(Stage.PUBLISH, "hep-th/9901001", 2, 3, 4,
                new IllegalStateException("boom"), sent::add);
        assertThat(sent).singleElement().satisfies(f -> {
            assertThat(f.arxivId()).isEqualTo("hep-th/9901001");
            assertThat(f.version()).isEqualTo(2);
            assertThat(f.run()).isEqualTo(3);
            assertThat(f.attempt()).isEqualTo(4);
            assertThat(f.failedStage()).isEqualTo(Stage.PUBLISH);
            assertThat(f.retryable()).isTrue();
            assertThat(f.reason()).isEqualTo(reason).doesNotContain("boom");
        });
        UnexpectedFailures.report(Stage.PUBLISH, "hep-th/9901001", 2, 3, 4, new IllegalStateException("boom"), f -> {
            throw new EventNotAcknowledged(Topics.PIPELINE_FAILURES, new TimeoutException("Expiring 1 record(s)"));
        });
    }
}
