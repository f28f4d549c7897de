package dev.paperledge.audio.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.paperledge.audio.messaging.EventPublisher;
import dev.paperledge.contracts.Stage;
import dev.paperledge.contracts.StageFailed;
import dev.paperledge.stage.failure.StageFailureReported;
import dev.paperledge.stage.testing.FailureReports;
import dev.paperledge.stage.storage.ObjectStoreUnavailable;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The stage's last word on an exception it did not handle: reported once, counted (the words: the stage kit's UnexpectedFailuresTest). */
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
    final AudioStage stage = new AudioStage(null, null, reports, null, null, metrics);

    @Test
    void anUnexpectedErrorIsReportedOnceRetryableAndCounted() {
        stage.failUnexpected("2401.00001", 1, 2, 3, new IllegalStateException("boom"));
        assertThat(reports.kept.sent()).singleElement().satisfies(f -> {
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
        ObjectStoreUnavailable original = new ObjectStoreUnavailable("object store unreachable", null);
        StageFailureReported reported = new StageFailureReported(original);
        assertThat(reported.getMessage()).as("the dead-letter reason").isEqualTo("object store unreachable");
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
        assertThat(metrics.counter("paperledge.stage.outcomes", "stage", "audio", "outcome", "failure", "reason",
                "unexpected").count()).isEqualTo(1);
    }
}
