package dev.paperledge.script.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.paperledge.contracts.Stage;
import dev.paperledge.contracts.StageFailed;
import dev.paperledge.script.messaging.ScriptEvents;
import dev.paperledge.stage.failure.StageFailureReported;
import dev.paperledge.stage.testing.FailureReports;
import dev.paperledge.stage.storage.ObjectStoreUnavailable;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The stage's last word on an exception it did not handle, in memory: reported once, retryable,
 * counted (the words themselves: the stage kit's UnexpectedFailuresTest).
 */
class UnexpectedFailureTest {

    /** The service's events, with its StageFailed reports kept (or refused) instead of sent. */
    static final class Reports extends ScriptEvents {
        final FailureReports kept = new FailureReports();

        Reports() {
            super(null, null);
        }

        @Override
        public void stageFailed(StageFailed event) {
            kept.accept(event);
        }
    }

    final Reports reports = new Reports();
    final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    final ScriptStage stage = new ScriptStage(null, null, reports, null, metrics, null, false);

    private double unexpected() {
        return metrics.counter("paperledge.stage.outcomes", "stage", "script", "outcome", "failure", "writer", "none",
                "reason", "unexpected").count();
    }

    @Test
    void anUnexpectedErrorIsReportedOnceRetryableAndCounted() {
        stage.failUnexpected("2401.00001", 1, 2, 3, new IllegalStateException("boom"));
        assertThat(reports.kept.sent()).singleElement().satisfies(f -> {
            assertThat(f.arxivId()).isEqualTo("2401.00001");
            assertThat(f.run()).isEqualTo(2);
            assertThat(f.attempt()).isEqualTo(3);
            assertThat(f.failedStage()).isEqualTo(Stage.SCRIPT);
            assertThat(f.retryable()).isTrue();
            assertThat(f.reason()).startsWith("the script stage stopped on an unexpected error").doesNotContain("boom");
        });
        assertThat(unexpected()).isEqualTo(1);
    }

    @Test
    void aFailureTheStageReportedItselfIsNotReportedAgain() {
        StageFailureReported reported = new StageFailureReported(new ObjectStoreUnavailable("object store unreachable", null));
        stage.failUnexpected("2401.00001", 1, 1, 1, reported);
        stage.failUnexpected("2401.00001", 1, 1, 1, new IllegalStateException("wrapped", reported));
        assertThat(reports.kept.sent()).isEmpty();
        assertThat(metrics.find("paperledge.stage.outcomes").counter()).isNull();
    }

    @Test
    void aReportTheBrokerRefusesIsLoggedNotThrown() {
        reports.kept.refuse(true);
        stage.failUnexpected("2401.00001", 1, 1, 1, new IllegalStateException("boom"));
        assertThat(reports.kept.sent()).isEmpty();
        assertThat(unexpected()).isEqualTo(1);
    }
}
