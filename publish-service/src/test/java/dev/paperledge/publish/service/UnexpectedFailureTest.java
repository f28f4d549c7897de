package dev.paperledge.publish.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.paperledge.contracts.Stage;
import dev.paperledge.contracts.StageFailed;
import dev.paperledge.publish.messaging.EventPublisher;
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
    static final class Reports extends EventPublisher {
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
    final PublishStage stage = new PublishStage(null, null, null, reports, null, metrics, null, null);

    private double unexpected() {
        return metrics.counter("paperledge.stage.outcomes", "stage", "publish", "outcome", "failure", "reason",
                "unexpected").count();
    }

    @Test
    void anUnexpectedErrorIsReportedOnceRetryableAndCounted() {
        stage.failUnexpected("hep-th/9901001", 1, 2, 3, new ObjectStoreUnavailable("object store: could not stat x", null));
        assertThat(reports.kept.sent()).singleElement().satisfies(f -> {
            assertThat(f.arxivId()).isEqualTo("hep-th/9901001");
            assertThat(f.run()).isEqualTo(2);
            assertThat(f.attempt()).isEqualTo(3);
            assertThat(f.failedStage()).isEqualTo(Stage.PUBLISH);
            assertThat(f.retryable()).isTrue();
            assertThat(f.reason()).startsWith("the publish stage could not reach the object store")
                    .doesNotContain("could not stat");
        });
        assertThat(unexpected()).isEqualTo(1);
    }

    @Test
    void aFailureTheStageReportedItselfIsNotReportedAgain() {
        StageFailureReported reported = new StageFailureReported(new IllegalStateException("reported"));
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
