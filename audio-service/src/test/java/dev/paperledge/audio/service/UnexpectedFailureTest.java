package dev.paperledge.audio.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.errors.TimeoutException;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;

import dev.paperledge.audio.messaging.EventNotAcknowledged;
import dev.paperledge.audio.messaging.EventPublisher;
import dev.paperledge.audio.storage.ObjectStoreException;
import dev.paperledge.contracts.Stage;
import dev.paperledge.contracts.StageFailed;
import dev.paperledge.contracts.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The stage's last word on an exception it did not handle: the reason a person reads, once, counted. */
class UnexpectedFailureTest {

    /** Keeps the StageFailed events instead of sending them (or refuses them, like a broker that is down). */
    static final class Reports extends EventPublisher {
        final List<StageFailed> sent = new ArrayList<>();
        boolean refuse;

        Reports() {
            super(null, null);
        }

        @Override
        public void stageFailed(StageFailed event) {
            if (refuse) {
                throw new EventNotAcknowledged(Topics.PIPELINE_FAILURES, new TimeoutException("Expiring 1 record(s)"));
            }
            sent.add(event);
        }
    }

    final Reports reports = new Reports();
    final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    final AudioStage stage = new AudioStage(null, null, reports, null, null, metrics);

    @Test
    void aDatabaseOutageLongerThanTheRetriesSaysSoAndWhatToDo() {
        RuntimeException e = new IllegalStateException("tx", new JDBCConnectionException("JDBC exception executing SQL",
                new SQLException("An I/O error occurred while sending to the backend.", "08006")));
        assertThat(AudioStage.unexpectedReason(e)).isEqualTo("the audio stage lost its database for longer than it "
                + "waits (about 5 minutes); retry the paper once PostgreSQL is back");
    }

    @Test
    void anEventTheBrokerDidNotTakeNamesItsTopic() {
        RuntimeException e = new EventNotAcknowledged(Topics.AUDIO_READY,
                new TimeoutException("Expiring 1 record(s) for audio.ready-0: 120000 ms has passed"));
        assertThat(AudioStage.unexpectedReason(new RuntimeException(e))).isEqualTo(
                "the audio stage finished but Kafka did not take its audio.ready event; retry the paper");
        assertThat(e.getMessage()).startsWith("Kafka did not acknowledge the audio.ready event: Expiring 1 record(s)");
    }

    @Test
    void anythingElseIsASentenceNotTheExceptionText() {
        assertThat(AudioStage.unexpectedReason(new NullPointerException("Cannot invoke \"String.length()\"")))
                .isEqualTo("the audio stage stopped on an unexpected error (the service log has the details); "
                        + "retry the paper")
                .doesNotContain("NullPointer", "String.length");
    }

    @Test
    void anUnexpectedErrorIsReportedOnceRetryableAndCounted() {
        stage.failUnexpected("2401.00001", 1, 2, 3, new IllegalStateException("boom"));
        assertThat(reports.sent).singleElement().satisfies(f -> {
            assertThat(f.arxivId()).isEqualTo("2401.00001");
            assertThat(f.version()).isEqualTo(1);
            assertThat(f.run()).isEqualTo(2);
            assertThat(f.attempt()).isEqualTo(3);
            assertThat(f.failedStage()).isEqualTo(Stage.AUDIO);
            assertThat(f.retryable()).isTrue();
            assertThat(f.reason()).startsWith("the audio stage stopped on an unexpected error").doesNotContain("boom");
        });
        assertThat(metrics.counter("paperledge.stage.outcomes", "stage", "audio", "outcome", "failure", "reason",
                "unexpected").count()).isEqualTo(1);
    }

    @Test
    void aFailureTheStageReportedItselfIsNotReportedAgainWhereverItIsInTheChain() {
        ObjectStoreException original = new ObjectStoreException("object store unreachable", true, null);
        StageFailureReported reported = new StageFailureReported(original);
        assertThat(reported.getMessage()).as("the dead-letter reason").isEqualTo("object store unreachable");
        stage.failUnexpected("2401.00001", 1, 1, 1, reported);
        stage.failUnexpected("2401.00001", 1, 1, 1, new IllegalStateException("wrapped", reported));
        assertThat(reports.sent).isEmpty();
        assertThat(metrics.find("paperledge.stage.outcomes").counter()).isNull();
    }

    @Test
    void aReportTheBrokerRefusesIsLoggedNotThrown() {
        reports.refuse = true;
        stage.failUnexpected("2401.00001", 1, 1, 1, new IllegalStateException("boom"));
        assertThat(reports.sent).isEmpty();
        assertThat(metrics.counter("paperledge.stage.outcomes", "stage", "audio", "outcome", "failure", "reason",
                "unexpected").count()).isEqualTo(1);
    }
}
