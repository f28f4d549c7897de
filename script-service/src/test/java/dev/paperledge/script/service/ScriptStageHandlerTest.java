package dev.paperledge.script.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.paperledge.contracts.EpisodeScript;
import dev.paperledge.contracts.ObjectKeys;
import dev.paperledge.contracts.PaperIngested;
import dev.paperledge.contracts.PaperSummary;
import dev.paperledge.contracts.PaperText;
import dev.paperledge.contracts.PipelineEvent;
import dev.paperledge.contracts.RetryRequested;
import dev.paperledge.contracts.ScriptReady;
import dev.paperledge.contracts.Stage;
import dev.paperledge.contracts.StageFailed;
import dev.paperledge.script.config.ShowSettings;
import dev.paperledge.script.domain.Script;
import dev.paperledge.script.messaging.ScriptEvents;
import dev.paperledge.script.writer.Fixtures;
import dev.paperledge.script.writer.OfflineScriptWriter;
import dev.paperledge.script.writer.ScriptGateTest;
import dev.paperledge.script.writer.ScriptRequest;
import dev.paperledge.script.writer.ScriptWriter;
import dev.paperledge.script.writer.WrittenScript;
import dev.paperledge.stage.runner.Production;
import dev.paperledge.stage.testing.InMemoryObjectStore;
import dev.paperledge.stage.testing.StageHarness;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.reactive.messaging.MutinyEmitter;

/**
 * Every path of the script stage's handler, in memory and fast (no Quarkus, Kafka, S3 or PostgreSQL):
 * the real {@link ScriptStage} with the real offline writer, run by the stage kit's real runner
 * ({@link StageHarness}) on an in-memory object store, script rows and outgoing events. What is sent,
 * acknowledged, dead-lettered, recorded and counted. The same paths through the real infrastructure:
 * {@code ScriptStageTest}, {@code StageFailureTest}, {@code UnsourcedEpisodeTest}, {@code ReviewGateTest}.
 */
class ScriptStageHandlerTest {
    /** As Quarkus configures the service's mapper (unknown properties ignored: EpisodeScript writes {@code duo}). */
    private static final ObjectMapper JSON = StageHarness.json();

    /** The service's events with ScriptReady kept instead of sent, or refused as a broker that did not take it in time. */
    static final class Events extends ScriptEvents {
        final List<ScriptReady> sent = new ArrayList<>();
        boolean refuse;

        Events() {
            super(null, null);
        }

        @Override
        protected <T extends PipelineEvent> void deliver(MutinyEmitter<T> emitter, T event) {
            if (refuse) {
                throw new TimeoutException("Expiring 1 record(s) for scripts.ready-0:120000 ms has passed since batch creation");
            }
            sent.add((ScriptReady) event); // StageFailed goes to the harness's reports, not here
        }
    }

    /** The real offline writer, or an error of the kind no stage expects. */
    static final class Writer implements ScriptWriter {
        final OfflineScriptWriter offline = new OfflineScriptWriter(600);
        RuntimeException breakWith;
        int writes;

        @Override
        public String name() {
            return offline.name();
        }

        @Override
        public WrittenScript write(ScriptRequest request) {
            writes++;
            if (breakWith != null) {
                throw breakWith;
            }
            return offline.write(request);
        }
    }

    final InMemoryObjectStore store = new InMemoryObjectStore();
    final InMemoryScripts scripts = new InMemoryScripts();
    final Events events = new Events();
    final Writer writer = new Writer();
    final SimpleMeterRegistry metrics = new SimpleMeterRegistry();

    StageHarness<PaperIngested> harness(boolean review) {
        return new StageHarness<>(new ScriptStage(store, writer, events, scripts, JSON, metrics,
                new ShowSettings("solo", "Ernis", "Sam"), review), JSON);
    }

    final StageHarness<PaperIngested> harness = harness(false);

    /** One of the show's eight seed papers (abstract only). */
    static PaperSummary seed(int i) {
        try {
            List<Fixtures.Paper> seeds = Fixtures.seeds();
            return seeds.get(i % seeds.size()).summary();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The event ingest sends; its text (when given) stored where ingest stores it. */
    PaperIngested ingested(String id, PaperSummary paper, PaperText text, String format) throws Exception {
        String textKey = ObjectKeys.paper(id, 1, "sections.json");
        if (text != null) {
            store.put(textKey, JSON.writeValueAsBytes(text), "application/json");
        }
        return new PaperIngested(id, 1, 1, paper, ObjectKeys.paper(id, 1, "metadata.json"), textKey,
                text == null ? "ABSTRACT" : text.source(), Instant.parse("2026-11-30T10:00:00Z"), format);
    }

    static RetryRequested retry(String id, int attempt, String input) {
        return new RetryRequested(id, 1, 1, Stage.SCRIPT, attempt, Instant.now(), input);
    }

    double writes(String fallback) {
        var c = metrics.find("paperledge.script.writes").tags("writer", "offline", "fallback", fallback).counter();
        return c == null ? 0 : c.count();
    }

    private StageFailed onlyFailure() {
        assertThat(harness.failures()).hasSize(1);
        return harness.failures().get(0);
    }

    @Test
    void aFullTextPaperBecomesStoredObjectsAReadyRowAndOneScriptReady() throws Exception {
        Fixtures.Paper paper = Fixtures.withFullText().get(0);
        PaperIngested in = ingested("2401.00001", paper.summary(), paper.fullText(), null);
        assertThat(harness.deliver(in)).isTrue();

        ScriptReady r = events.sent.get(0);
        assertThat(events.sent).hasSize(1);
        assertThat(r.scriptKey()).isEqualTo(ObjectKeys.script("2401.00001", 1, 1, "script.json"));
        assertThat(r.writer()).isEqualTo("offline");
        assertThat(r.paper()).isEqualTo(paper.summary());
        assertThat(r.explanation().abstractOnly()).isFalse();
        EpisodeScript script = JSON.readValue(store.get(r.scriptKey()).orElseThrow(), EpisodeScript.class);
        assertThat(script.wordCount()).isEqualTo(r.wordCount());
        assertThat(store.keys()).contains(r.markdownKey(), ObjectKeys.script("2401.00001", 1, 1, "grounding.json"));
        assertThat(store.contentType(r.markdownKey())).isEqualTo("text/markdown; charset=utf-8");

        Script row = scripts.row("2401.00001");
        assertThat(row.status).isEqualTo(Script.Status.READY);
        assertThat(row.attempts).isEqualTo(1);
        assertThat(row.grounded).isTrue();
        assertThat(row.scriptKey).isEqualTo(r.scriptKey());
        assertThat(harness.records().inputs()).containsKey(new Production("2401.00001", 1, 1));
        assertThat(harness.records().processed()).containsExactly(in.eventId());
        assertThat(harness.failures()).isEmpty();
        assertThat(harness.outcomes("success", "none")).isEqualTo(1);
        assertThat(writes("false")).isEqualTo(1);
        assertThat(metrics.find("paperledge.script.words").tags("writer", "offline").summary().totalAmount())
                .isEqualTo(r.wordCount());
    }

    @Test
    void aRedeliveryIsDroppedWithoutWritingOrSendingAgain() throws Exception {
        PaperIngested in = ingested("2401.00002", seed(0), null, null);
        harness.deliver(in);
        assertThat(harness.deliver(in)).isTrue();
        assertThat(writer.writes).isEqualTo(1);
        assertThat(events.sent).hasSize(1);
        assertThat(harness.outcomes("duplicate", "redelivery")).isEqualTo(1);
    }

    @Test
    void missingOrUnreadableSectionsAreWrittenFromTheAbstract() throws Exception {
        PaperIngested missing = ingested("2401.00003", seed(1), null, null); // no sections.json stored
        PaperIngested unreadable = ingested("2401.00004", seed(2), null, null);
        store.put(unreadable.textKey(), "{\"sections\": [".getBytes(StandardCharsets.UTF_8), "application/json");

        assertThat(harness.deliver(missing)).isTrue();
        assertThat(harness.deliver(unreadable)).isTrue();
        assertThat(events.sent).extracting(ScriptReady::arxivId).containsExactly("2401.00003", "2401.00004");
        assertThat(events.sent).allSatisfy(r -> assertThat(r.explanation().abstractOnly()).isTrue());
        assertThat(harness.failures()).isEmpty();
        assertThat(harness.outcomes("success", "none")).isEqualTo(2);
    }

    @Test
    void anEventWithoutPaperMetadataFailsForGoodAndTheRowSaysWhy() throws Exception {
        PaperIngested in = ingested("2401.00005", null, null, null);
        assertThat(harness.deliver(in)).isTrue(); // done with: the same input can never succeed
        StageFailed f = onlyFailure();
        assertThat(f.retryable()).isFalse();
        assertThat(f.failedStage()).isEqualTo(Stage.SCRIPT);
        assertThat(f.reason()).isEqualTo("the ingested event for 2401.00005 carries no paper metadata; submit the paper again");
        assertThat(scripts.row("2401.00005").status).isEqualTo(Script.Status.FAILED);
        assertThat(scripts.row("2401.00005").failureReason).isEqualTo(f.reason());
        assertThat(harness.records().processed()).contains(in.eventId());
        assertThat(events.sent).isEmpty();
        assertThat(harness.outcomes("failure", "no-metadata")).isEqualTo(1);
    }

    @Test
    void anUnknownFormatFailsForGoodNamingTheChoices() throws Exception {
        assertThat(harness.deliver(ingested("2401.00006", seed(3), null, "trio"))).isTrue();
        StageFailed f = onlyFailure();
        assertThat(f.retryable()).isFalse();
        assertThat(f.reason()).contains("unknown show format 'trio'").contains("[solo, duo]")
                .endsWith("submit the paper again with a known format");
        assertThat(writer.writes).isZero();
        assertThat(harness.outcomes("failure", "unknown-format")).isEqualTo(1);
    }

    @Test
    void aPaperWithNothingToWriteAboutFailsForGood() throws Exception {
        PaperSummary empty = new PaperSummary("Untitled", List.of("A. Nobody"), "", "cs.LG", "Machine Learning", null, null);
        assertThat(harness.deliver(ingested("2401.00007", empty, null, null))).isTrue();
        StageFailed f = onlyFailure();
        assertThat(f.retryable()).isFalse();
        assertThat(f.reason()).isEqualTo("nothing to write about: 2401.00007 has neither extracted text nor an abstract; "
                + "re-ingest the paper");
        assertThat(scripts.row("2401.00007").status).isEqualTo(Script.Status.FAILED);
        assertThat(harness.outcomes("failure", "nothing-to-write")).isEqualTo(1);
    }

    @Test
    void aFullTextPaperTheWriterCannotSourceFailsForGoodWithNoScriptStored() throws Exception {
        String id = "2401.00008";
        assertThat(harness.deliver(ingested(id, ScriptGateTest.nothingToSaySummary(), ScriptGateTest.nothingToSayText(id), null)))
                .isTrue();
        StageFailed f = onlyFailure();
        assertThat(f.retryable()).isFalse();
        assertThat(f.reason()).startsWith("no line of the episode for " + id + " could be traced to a passage")
                .endsWith("check the extraction before a retry");
        Script row = scripts.row(id);
        assertThat(row.status).isEqualTo(Script.Status.FAILED);
        assertThat(row.failureReason).isEqualTo(f.reason());
        assertThat(row.scriptKey).isNull();
        assertThat(store.keys()).noneMatch(k -> k.startsWith("scripts/"));
        assertThat(events.sent).isEmpty();
        assertThat(harness.outcomes("failure", "permanent")).isEqualTo(1);
    }

    @Test
    void anUnreachableObjectStoreIsRetryableDeadLetteredAndARetryFromTheRecordedInputProducesTheScript() throws Exception {
        PaperIngested in = ingested("2401.00009", seed(4), null, null);
        store.down(true);
        assertThat(harness.deliver(in)).isFalse();
        assertThat(harness.deadLettered()).containsExactly(in);
        StageFailed f = onlyFailure();
        assertThat(f.retryable()).isTrue();
        assertThat(f.reason()).isEqualTo("the script stage could not reach the object store (the service log has the "
                + "details); retry the paper once it answers");
        assertThat(scripts.row("2401.00009").status).isEqualTo(Script.Status.FAILED);
        assertThat(harness.records().processed()).isEmpty();
        assertThat(harness.outcomes("failure", "object-store")).isEqualTo(1);

        store.down(false);
        RetryRequested r = retry("2401.00009", 2, null);
        harness.retry(r);
        assertThat(events.sent).extracting(ScriptReady::arxivId).containsExactly("2401.00009");
        Script row = scripts.row("2401.00009");
        assertThat(row.status).isEqualTo(Script.Status.READY);
        assertThat(row.failureReason).isNull();
        assertThat(row.attempts).isEqualTo(2);
        assertThat(harness.records().processed()).contains(r.eventId(), in.eventId());
        assertThat(harness.failures()).hasSize(1);
    }

    @Test
    void aScriptReadyTheBrokerDidNotTakeIsOneRetryableFailureAndARetrySendsIt() throws Exception {
        PaperIngested in = ingested("2401.00010", seed(5), null, null);
        events.refuse = true;
        assertThat(harness.deliver(in)).isFalse();
        StageFailed f = onlyFailure();
        assertThat(f.retryable()).isTrue();
        assertThat(f.reason()).isEqualTo("the script stage finished but Kafka did not take its scripts.ready event; retry the paper");
        assertThat(scripts.row("2401.00010").status).isEqualTo(Script.Status.FAILED);
        assertThat(scripts.row("2401.00010").failureReason).isEqualTo(f.reason());
        assertThat(harness.deadLettered()).containsExactly(in);
        assertThat(harness.outcomes("failure", "unexpected")).isEqualTo(1);

        events.refuse = false;
        harness.retry(retry("2401.00010", 2, null));
        assertThat(events.sent).hasSize(1);
        assertThat(scripts.row("2401.00010").status).isEqualTo(Script.Status.READY);
        assertThat(harness.failures()).hasSize(1);
    }

    @Test
    void anUnexpectedErrorIsReportedOnceWithoutItsTextAndDeadLettered() throws Exception {
        writer.breakWith = new NullPointerException("Cannot invoke \"String.length()\" because \"x\" is null");
        assertThat(harness.deliver(ingested("2401.00011", seed(6), null, null))).isFalse();
        StageFailed f = onlyFailure();
        assertThat(f.retryable()).isTrue();
        assertThat(f.reason()).isEqualTo("the script stage stopped on an unexpected error (the service log has the "
                + "details); retry the paper");
        assertThat(scripts.row("2401.00011").failureReason).isEqualTo(f.reason());
        assertThat(harness.outcomes("failure", "unexpected")).isEqualTo(1);
    }

    @Test
    void aFailureReportTheBrokerRefusesIsNotThrownAndTheRecordIsDeadLettered() throws Exception {
        harness.failureReports().refuse(true);
        PaperIngested in = ingested("2401.00012", seed(7), null, null);
        store.down(true);
        assertThat(harness.deliver(in)).isFalse();
        assertThat(harness.deadLettered()).containsExactly(in);
        assertThat(scripts.row("2401.00012").status).isEqualTo(Script.Status.FAILED);
    }

    @Test
    void aDatabaseBlipOnTheScriptRowIsWaitedOut() throws Exception {
        scripts.down(StageHarness.DATABASE_ATTEMPTS - 1);
        PaperIngested in = ingested("2401.00013", seed(8), null, null);
        assertThat(harness.deliver(in)).isTrue();
        assertThat(events.sent).hasSize(1);
        assertThat(harness.failures()).isEmpty();
        assertThat(scripts.row("2401.00013").status).isEqualTo(Script.Status.READY);
    }

    @Test
    void withReviewOnTheScriptIsHeldNothingIsSentAndApprovalSendsItFromTheRecordedInput() throws Exception {
        StageHarness<PaperIngested> reviewed = harness(true);
        PaperIngested in = ingested("2401.00014", seed(9), null, null);
        assertThat(reviewed.deliver(in)).isTrue();
        assertThat(events.sent).isEmpty();
        assertThat(scripts.row("2401.00014").status).isEqualTo(Script.Status.IN_REVIEW);
        assertThat(scripts.row("2401.00014").scriptKey).isNotNull();
        assertThat(reviewed.records().processed()).contains(in.eventId());
        assertThat(reviewed.outcomes("in_review", "review")).isEqualTo(1);
        assertThat(reviewed.outcomes("success", "none")).isZero();

        // what ScriptReview does once an operator approves: the recorded input, then the event
        String recorded = reviewed.records().find(Production.of(in)).orElseThrow();
        new ScriptStage(store, writer, events, scripts, JSON, metrics, new ShowSettings("solo", "Ernis", "Sam"), true)
                .emitReady(JSON.readValue(recorded, PaperIngested.class));
        assertThat(events.sent).singleElement().satisfies(r -> {
            assertThat(r.paper()).isEqualTo(in.paper());
            assertThat(r.scriptKey()).isEqualTo(scripts.row("2401.00014").scriptKey);
        });
        assertThat(scripts.row("2401.00014").status).isEqualTo(Script.Status.READY);
    }

    @Test
    void aRetryRunsFromTheInputItCarriesWhenNoneWasRecorded() throws Exception {
        PaperIngested dead = ingested("2401.00015", seed(10), null, null);
        harness.retry(retry("2401.00015", 2, JSON.writeValueAsString(dead)));
        assertThat(events.sent).extracting(ScriptReady::episodeTitle).containsExactly(dead.paper().episodeTitle());
        assertThat(scripts.row("2401.00015").attempts).isEqualTo(2);
        assertThat(harness.records().inputs()).containsKey(Production.of(dead));
    }

    @Test
    void aRetryWithNothingToRerunOrAnotherProductionsInputFailsForGoodAndLeavesNoRow() throws Exception {
        PaperIngested other = ingested("2401.09999", seed(0), null, null);
        harness.retry(retry("2401.00016", 2, null));
        harness.retry(retry("2401.00017", 2, JSON.writeValueAsString(other)));
        harness.retry(retry("2401.00018", 2, "{\"arxivId\": [1, 2"));
        assertThat(harness.failures()).extracting(StageFailed::retryable).containsExactly(false, false, false);
        assertThat(harness.failures().get(0).reason())
                .isEqualTo("retry requested but the script stage never received 2401.00016 v1 r1; submit the paper again");
        assertThat(harness.failures().get(1).reason()).contains("carries the input of 2401.09999 v1 r1, another production");
        assertThat(harness.failures().get(2).reason()).contains("is not a readable PaperIngested");
        assertThat(writer.writes).isZero();
        assertThat(scripts.row("2401.00016")).isNull();
        assertThat(scripts.row("2401.00017")).isNull();
        assertThat(events.sent).isEmpty();
    }
}
