package dev.paperledge.audio.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.junit.jupiter.api.Test;

import dev.paperledge.contracts.AudioReady;
import dev.paperledge.contracts.EpisodeScript;
import dev.paperledge.contracts.EpisodeScript.Kind;
import dev.paperledge.contracts.EpisodeScript.Section;
import dev.paperledge.contracts.RetryRequested;
import dev.paperledge.contracts.ScriptReady;
import dev.paperledge.contracts.Stage;
import dev.paperledge.contracts.StageFailed;
import dev.paperledge.contracts.Topics;
import dev.paperledge.stage.db.ProductionKey;
import dev.paperledge.stage.db.StageInput;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.inject.Inject;

/**
 * No dead ends: every way the stage can stop ends in one StageFailed, and a retry runs it again, from
 * the input it recorded or from the dead-lettered one the retry carries. Real broker, object store,
 * database and flite; only the publisher fails on purpose, for one paper.
 */
@QuarkusTest
@io.quarkus.test.common.QuarkusTestResource(AudioTestTopics.class)
class AudioStageFailureTest extends StageTestBase {
    static final String KAFKA_REASON = "the audio stage finished but Kafka did not take its audio.ready event; "
            + "retry the paper";
    static final String UNEXPECTED_REASON = "the audio stage stopped on an unexpected error (the service log has the "
            + "details); retry the paper";

    @Inject
    @Channel("audio-out")
    MutinyEmitter<AudioReady> audioOut;
    @Inject
    @Channel("failures")
    MutinyEmitter<StageFailed> failures;
    @Inject
    MeterRegistry metrics;

    @Test
    void anAudioReadyTheBrokerDoesNotTakeFailsThePaperOnceAndARetryVoicesIt() throws Exception {
        String id = newId();
        QuarkusMock.installMockForType(new FailingPublisher(audioOut, failures, id, new TimeoutException(
                "Expiring 1 record(s) for audio.ready-0: 120000 ms has passed since batch creation")), EventPublisher.class);
        double unexpected = unexpectedCount();
        publishScript(id, tinyScript(id));

        StageFailed failed = onlyFailure(id, 1);
        assertThat(failed.retryable()).isTrue();
        assertThat(failed.reason()).isEqualTo(KAFKA_REASON);
        List<ConsumerRecord<String, byte[]>> dead = records(DEAD_LETTERS, id, Duration.ofSeconds(30), 1);
        assertThat(dead).as("the script record is dead-lettered, as before").hasSize(1);
        assertThat(new String(dead.get(0).headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                .startsWith("Kafka did not acknowledge the audio.ready event: Expiring 1 record(s)");
        assertThat(collect(Topics.PIPELINE_FAILURES, id, this::stageFailed, Duration.ofSeconds(2), 1))
                .as("one failure, one StageFailed").isEmpty();
        assertThat(unexpectedCount()).isEqualTo(unexpected + 1);

        requestRetry(new RetryRequested(id, 1, 1, Stage.AUDIO, 2, Instant.now()));
        assertThat(collect(Topics.AUDIO_READY, id, this::audioReady, Duration.ofSeconds(120), 1)).hasSize(1);
    }

    @Test
    void anUnexpectedErrorOnTheRetryPathIsReportedAndTheRetryAcknowledged() throws Exception {
        String id = newId();
        QuarkusMock.installMockForType(new FailingPublisher(audioOut, failures, id,
                new IllegalStateException("no serializer for AudioReady"),
                new IllegalStateException("no serializer for AudioReady")), EventPublisher.class);
        publishScript(id, tinyScript(id));
        StageFailed first = onlyFailure(id, 1);
        assertThat(first.reason()).isEqualTo(UNEXPECTED_REASON).doesNotContain("serializer");

        Map<TopicPartition, Long> ends = endOffsetsAfter(Topics.PIPELINE_RETRIES,
                () -> requestRetry(new RetryRequested(id, 1, 1, Stage.AUDIO, 2, Instant.now())));
        StageFailed second = onlyFailure(id, 2);
        assertThat(second.retryable()).isTrue();
        assertThat(second.reason()).isEqualTo(UNEXPECTED_REASON);
        awaitCommitted("audio-service-retries", ends);

        // FAILED and retryable again: the next retry voices it.
        requestRetry(new RetryRequested(id, 1, 1, Stage.AUDIO, 3, Instant.now()));
        assertThat(collect(Topics.AUDIO_READY, id, this::audioReady, Duration.ofSeconds(120), 1)).hasSize(1);
        assertThat(collect(Topics.PIPELINE_FAILURES, id, this::stageFailed, Duration.ofSeconds(1), 1)).isEmpty();
    }

    @Test
    void aRetryOfAScriptNeverRecordedRunsFromTheDeadLetteredInputItCarries() throws Exception {
        String id = newId();
        ScriptReady evt = storeScript(id, tinyScript(id));
        requestRetry(new RetryRequested(id, 1, 1, Stage.AUDIO, 2, Instant.now(), json.writeValueAsString(evt)));

        List<AudioReady> ready = collect(Topics.AUDIO_READY, id, this::audioReady, Duration.ofSeconds(120), 1);
        assertThat(ready).hasSize(1);
        assertThat(ready.get(0).episodeTitle()).isEqualTo(evt.episodeTitle());
        assertThat(collect(Topics.PIPELINE_FAILURES, id, this::stageFailed, Duration.ofSeconds(1), 1)).isEmpty();
        StageInput recorded = recorded(id);
        assertThat(recorded).as("recorded as a first delivery would").isNotNull();
        assertThat(json.readValue(recorded.eventJson, ScriptReady.class)).isEqualTo(evt);
    }

    @Test
    void aRetryCarryingAnotherPapersInputOrAnUnreadableOneFailsForGood() throws Exception {
        String id = newId();
        String other = newId();
        ScriptReady others = storeScript(other, tinyScript(other));
        requestRetry(new RetryRequested(id, 1, 1, Stage.AUDIO, 2, Instant.now(), json.writeValueAsString(others)));
        StageFailed failed = onlyFailure(id, 2);
        assertThat(failed.retryable()).isFalse();
        assertThat(failed.reason()).isEqualTo("the retry of " + id + " v1 r1 carries the input of " + other
                + " v1 r1, another production; retry the script stage instead");
        assertThat(recorded(id)).isNull();

        String garbled = newId();
        requestRetry(new RetryRequested(garbled, 1, 1, Stage.AUDIO, 2, Instant.now(), "{\"arxivId\": \"" + garbled));
        StageFailed unreadable = onlyFailure(garbled, 2);
        assertThat(unreadable.retryable()).isFalse();
        assertThat(unreadable.reason()).startsWith("the input the retry of " + garbled + " v1 r1 carries is not a readable ScriptReady (");
        assertThat(collect(Topics.AUDIO_READY, id, this::audioReady, Duration.ofSeconds(1), 1)).isEmpty();
        assertThat(collect(Topics.AUDIO_READY, other, this::audioReady, Duration.ofSeconds(1), 1)).isEmpty();
    }

    @Test
    void aRetryWithNoRecordedInputAndNoneCarriedFailsAsNeverReceived() {
        String id = newId();
        requestRetry(new RetryRequested(id, 1, 1, Stage.AUDIO, 2, Instant.now()));
        StageFailed failed = onlyFailure(id, 2);
        assertThat(failed.retryable()).isFalse();
        assertThat(failed.reason()).isEqualTo(
                "retry requested but the audio stage never received " + id + " v1 r1; retry the script stage instead");
    }

    static EpisodeScript tinyScript(String id) {
        return new EpisodeScript(id, 1, "Machine Learning - A Tiny Paper", "A tiny episode.", List.of(
                new Section(Kind.HOOK, "Introduction", "Hey PaperLedge learning crew, Ernis here. A small model "
                        + "learns quickly."),
                new Section(Kind.SIGN_OFF, "Sign-off", "Thanks for listening, see you soon.")), "test");
    }

    static StageInput recorded(String id) {
        return QuarkusTransaction.requiringNew()
                .call(() -> StageInput.<StageInput>findById(new ProductionKey(id, 1, 1)));
    }

    StageFailed onlyFailure(String id, int attempt) {
        List<StageFailed> failed = collect(Topics.PIPELINE_FAILURES, id, this::stageFailed, Duration.ofSeconds(120), 1);
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).failedStage()).isEqualTo(Stage.AUDIO);
        assertThat(failed.get(0).attempt()).isEqualTo(attempt);
        return failed.get(0);
    }

    double unexpectedCount() {
        var c = metrics.find("paperledge.stage.outcomes").tags("stage", "audio", "outcome", "failure", "reason", "unexpected")
                .counter();
        return c == null ? 0 : c.count();
    }
}
