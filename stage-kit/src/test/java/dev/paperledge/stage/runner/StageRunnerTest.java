package dev.paperledge.stage.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.paperledge.contracts.RetryRequested;
import dev.paperledge.contracts.ScriptReady;
import dev.paperledge.contracts.Stage;
import dev.paperledge.contracts.StageFailed;
import dev.paperledge.contracts.Topics;
import dev.paperledge.stage.failure.EventNotAcknowledged;
import dev.paperledge.stage.failure.PermanentFailure;
import dev.paperledge.stage.storage.ObjectStoreUnavailable;
import dev.paperledge.stage.testing.StageHarness;

/** Every path through the runner, in memory: what is sent, acknowledged, dead-lettered, recorded and counted. */
class StageRunnerTest {
    private static final ObjectMapper JSON = StageHarness.json();

    /** A handler whose work is whatever the test says; it remembers its calls and the failures it was told. */
    static final class Handler implements StageHandler<ScriptReady> {
        Function<ScriptReady, Outcome> work = e -> Outcome.success();
        final List<String> calls = new ArrayList<>();
        final List<String> told = new ArrayList<>();

        @Override
        public Stage stage() {
            return Stage.AUDIO;
        }

        @Override
        public Class<ScriptReady> inputType() {
            return ScriptReady.class;
        }

        @Override
        public Outcome handle(ScriptReady input, int attempt) {
            calls.add(input.arxivId() + "#" + attempt);
            return work.apply(input);
        }

        @Override
        public void failed(Production production, String reason, boolean retryable) {
            told.add(production + (retryable ? " retryable: " : " permanent: ") + reason);
        }

        @Override
        public String whenNoInput() {
            return "retry the script stage instead";
        }
    }

    final Handler handler = new Handler();
    final StageHarness<ScriptReady> harness = new StageHarness<>(handler, JSON);

    static ScriptReady ready(String id, int run) {
        return new ScriptReady(id, 1, run, null, "A title", "", "scripts/" + id + "/v1/r" + run + "/script.json", null,
                100, "offline", Instant.parse("2026-11-30T10:00:00Z"), null);
    }

    static RetryRequested retry(String id, int run, int attempt, String input) {
        return new RetryRequested(id, 1, run, Stage.AUDIO, attempt, Instant.now(), input);
    }

    @Test
    void successIsAcknowledgedRecordedAndCounted() {
        ScriptReady in = ready("2401.00001", 1);
        assertThat(harness.deliver(in)).isTrue();
        assertThat(handler.calls).containsExactly("2401.00001#1");
        assertThat(harness.records().processed()).containsExactly(in.eventId());
        assertThat(harness.records().inputs()).containsKey(new Production("2401.00001", 1, 1));
        assertThat(harness.failures()).isEmpty();
        assertThat(harness.outcomes("success", "none")).isEqualTo(1);
        assertThat(harness.metrics().find("paperledge.stage.duration").tags("stage", "audio", "outcome", "success")
                .timer().count()).isEqualTo(1);
    }

    @Test
    void aRedeliveryIsDroppedAndCounted() {
        ScriptReady in = ready("2401.00002", 1);
        harness.deliver(in);
        assertThat(harness.deliver(in)).isTrue();
        assertThat(handler.calls).hasSize(1);
        assertThat(harness.outcomes("duplicate", "redelivery")).isEqualTo(1);
    }

    @Test
    void heldWorkIsDoneWithUnderItsOwnOutcome() {
        handler.work = e -> Outcome.held("in_review", "review");
        ScriptReady in = ready("2401.00003", 1);
        assertThat(harness.deliver(in)).isTrue();
        assertThat(harness.records().processed()).contains(in.eventId());
        assertThat(harness.outcomes("in_review", "review")).isEqualTo(1);
    }

    @Test
    void aPermanentFailureIsReportedOnceNotRetryableAndTheInputIsDoneWith() {
        handler.work = e -> {
            throw new PermanentFailure("bad-script", "script object x is not an EpisodeScript JSON", null);
        };
        ScriptReady in = ready("2401.00004", 1);
        assertThat(harness.deliver(in)).isTrue();
        assertThat(harness.failures()).singleElement().satisfies(f -> {
            assertThat(f.retryable()).isFalse();
            assertThat(f.stage()).isEqualTo(Stage.AUDIO);
            assertThat(f.reason()).isEqualTo("script object x is not an EpisodeScript JSON");
            assertThat(f.attempt()).isEqualTo(1);
        });
        assertThat(harness.records().processed()).contains(in.eventId());
        assertThat(handler.told).containsExactly("2401.00004 v1 r1 permanent: script object x is not an EpisodeScript JSON");
        assertThat(harness.outcomes("failure", "bad-script")).isEqualTo(1);
    }

    @Test
    void aRetryableFailureIsReportedOnceAndTheRecordDeadLettered() {
        handler.work = e -> {
            throw new RetryableFailure("speech-engine", "the speech engine did not answer; retry the paper", null);
        };
        ScriptReady in = ready("2401.00005", 1);
        assertThat(harness.deliver(in)).isFalse();
        assertThat(harness.deadLettered()).containsExactly(in);
        assertThat(harness.failures()).singleElement().satisfies(f -> {
            assertThat(f.retryable()).isTrue();
            assertThat(f.reason()).isEqualTo("the speech engine did not answer; retry the paper");
        });
        assertThat(harness.records().processed()).isEmpty();
        assertThat(handler.told).hasSize(1);
        assertThat(harness.outcomes("failure", "speech-engine")).isEqualTo(1);
    }

    @Test
    void anUnreachableObjectStoreIsRetryableWithASentence() {
        handler.work = e -> {
            throw new ObjectStoreUnavailable("Connection refused: localhost/127.0.0.1:19000", null);
        };
        assertThat(harness.deliver(ready("2401.00006", 1))).isFalse();
        assertThat(harness.failures()).singleElement().satisfies(f -> {
            assertThat(f.retryable()).isTrue();
            assertThat(f.reason()).contains("could not reach the object store").doesNotContain("127.0.0.1");
        });
        assertThat(harness.outcomes("failure", "object-store")).isEqualTo(1);
    }

    @Test
    void anUnexpectedErrorIsReportedOnceWithoutItsTextAndDeadLettered() {
        handler.work = e -> {
            throw new NullPointerException("Cannot invoke \"String.length()\" because \"x\" is null");
        };
        assertThat(harness.deliver(ready("2401.00007", 1))).isFalse();
        assertThat(harness.failures()).singleElement().satisfies(f -> {
            assertThat(f.retryable()).isTrue();
            assertThat(f.reason()).contains("unexpected error").doesNotContain("String.length");
        });
        assertThat(handler.told).singleElement().asString().contains("retryable");
        assertThat(harness.outcomes("failure", "unexpected")).isEqualTo(1);
    }

    @Test
    void anEventKafkaDidNotTakeSaysSo() {
        handler.work = e -> {
            throw new EventNotAcknowledged(Topics.AUDIO_READY, new RuntimeException("Expiring 1 record(s)"));
        };
        assertThat(harness.deliver(ready("2401.00008", 1))).isFalse();
        assertThat(harness.failures()).singleElement().extracting(StageFailed::reason).asString()
                .contains("Kafka did not take its " + Topics.AUDIO_READY + " event");
    }

    @Test
    void aDatabaseBlipIsWaitedOut() {
        harness.records().down(StageHarness.DATABASE_ATTEMPTS - 1);
        ScriptReady in = ready("2401.00009", 1);
        assertThat(harness.deliver(in)).isTrue();
        assertThat(harness.failures()).isEmpty();
        assertThat(harness.records().processed()).contains(in.eventId());
    }

    @Test
    void aDatabaseThatStaysAwayIsReportedOnceAndDeadLettered() {
        harness.records().down(100);
        assertThat(harness.deliver(ready("2401.00010", 1))).isFalse();
        assertThat(handler.calls).isEmpty();
        assertThat(harness.failures()).singleElement().satisfies(f -> {
            assertThat(f.retryable()).isTrue();
            assertThat(f.reason()).contains("lost its database");
        });
    }

    @Test
    void aFailureReportTheBrokerRefusesIsNotThrownTwiceAndTheRecordIsDeadLettered() {
        harness.failureReports().refuse(true);
        handler.work = e -> {
            throw new IllegalStateException("boom");
        };
        assertThat(harness.deliver(ready("2401.00011", 1))).isFalse();
        assertThat(harness.failures()).isEmpty();
    }

    @Test
    void anUnreadableRecordIsDeadLetteredWithoutReport() {
        assertThat(harness.deliver(null)).isFalse();
        assertThat(harness.failures()).isEmpty();
        assertThat(handler.calls).isEmpty();
    }

    @Test
    void aRetryRerunsFromTheRecordedInputAndClosesTheFirstDeliveryToo() {
        handler.work = e -> {
            throw new RetryableFailure("speech-engine", "the speech engine did not answer", null);
        };
        ScriptReady in = ready("2401.00012", 2);
        harness.deliver(in);
        handler.work = e -> Outcome.success();
        RetryRequested r = retry("2401.00012", 2, 2, null);
        harness.retry(r);
        assertThat(handler.calls).containsExactly("2401.00012#1", "2401.00012#2");
        assertThat(harness.records().processed()).contains(r.eventId(), in.eventId());
        assertThat(harness.failures()).hasSize(1);

        harness.retry(r); // redelivered retry
        assertThat(handler.calls).hasSize(2);
    }

    @Test
    void anotherStagesRetryIsIgnored() {
        harness.retry(new RetryRequested("2401.00013", 1, 1, Stage.PUBLISH, 2, Instant.now(), null));
        harness.retry(null);
        assertThat(handler.calls).isEmpty();
        assertThat(harness.failures()).isEmpty();
    }

    @Test
    void aRetryWithNothingToRerunFailsForGoodWithAdvice() {
        RetryRequested r = retry("2401.00014", 1, 2, null);
        harness.retry(r);
        assertThat(harness.failures()).singleElement().satisfies(f -> {
            assertThat(f.retryable()).isFalse();
            assertThat(f.attempt()).isEqualTo(2);
            assertThat(f.reason()).contains("never received 2401.00014 v1 r1").endsWith("retry the script stage instead");
        });
        assertThat(harness.records().processed()).contains(r.eventId());
        assertThat(harness.outcomes("failure", "no-input")).isEqualTo(1);
    }

    @Test
    void aRetryRunsFromTheInputItCarriesWhenTheFirstDeliveryWasNeverRecorded() throws Exception {
        ScriptReady in = ready("2401.00015", 1);
        harness.retry(retry("2401.00015", 1, 2, JSON.writeValueAsString(in)));
        assertThat(handler.calls).containsExactly("2401.00015#2");
        assertThat(harness.records().inputs()).containsKey(new Production("2401.00015", 1, 1));
        assertThat(harness.failures()).isEmpty();
    }

    @Test
    void aRetryCarryingAnotherProductionOrUnreadableInputFailsForGood() throws Exception {
        harness.retry(retry("2401.00016", 1, 2, JSON.writeValueAsString(ready("2401.09999", 1))));
        harness.retry(retry("2401.00017", 1, 2, "{not json"));
        harness.retry(retry("2401.00018", 1, 2, "null"));
        assertThat(handler.calls).isEmpty();
        assertThat(harness.failures()).extracting(StageFailed::retryable).containsExactly(false, false, false);
        assertThat(harness.failures().get(0).reason()).contains("carries the input of 2401.09999 v1 r1");
        assertThat(harness.failures().get(1).reason()).contains("is not a readable ScriptReady");
        assertThat(harness.outcomes("failure", "bad-input")).isEqualTo(3);
    }

    @Test
    void aRetryThatFailsIsReportedAndAcknowledged() {
        harness.deliver(ready("2401.00019", 1));
        handler.work = e -> {
            throw new IllegalStateException("boom");
        };
        harness.retry(retry("2401.00019", 1, 3, null)); // does not throw: a retry record is always acked
        assertThat(harness.failures()).singleElement().satisfies(f -> {
            assertThat(f.retryable()).isTrue();
            assertThat(f.attempt()).isEqualTo(3);
        });
    }
}
