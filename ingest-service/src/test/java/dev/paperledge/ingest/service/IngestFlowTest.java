package dev.paperledge.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.paperledge.contracts.PaperIngested;
import dev.paperledge.contracts.PaperText;
import dev.paperledge.contracts.Topics;
import dev.paperledge.stage.storage.ObjectStore;
import dev.paperledge.ingest.support.Api;
import dev.paperledge.ingest.support.Atom;
import dev.paperledge.ingest.support.Fixtures;
import dev.paperledge.ingest.support.Html;
import dev.paperledge.ingest.support.KafkaProbe;
import dev.paperledge.ingest.support.Papers;
import dev.paperledge.ingest.support.Pdfs;
import dev.paperledge.ingest.support.StandInResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

/** Submit → arXiv (stand-in) → objects in the real S3 → PaperIngested on the real broker. */
@QuarkusTest
@WithTestResource(StandInResource.class)
class IngestFlowTest {
    static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    ObjectStore store;
    @Inject
    ObjectMapper json;

    KafkaProbe ingested;
    KafkaProbe failures;

    @BeforeEach
    void probes() {
        ingested = new KafkaProbe(Topics.PAPERS_INGESTED);
        failures = new KafkaProbe(Topics.PIPELINE_FAILURES);
    }

    @AfterEach
    void close() {
        ingested.close();
        failures.close();
    }

    static String paperWith(String ext, byte[] content) {
        String id = Fixtures.randomId();
        Fixtures.write(StandInResource.folder(), id, ".atom.xml", Atom.simple(id, 1));
        if (ext != null) {
            Fixtures.write(StandInResource.folder(), id, ext, content);
        }
        return id;
    }

    @Test
    void anHtmlPaperIsStoredAndAnnouncedOnceWithTheCloudEventsEnvelope() throws Exception {
        String id = paperWith(".html", Html.paper("A Study"));
        Api.submit(id).then().statusCode(202);
        JsonPath p = Api.awaitIngested(id, WAIT);
        assertThat(p.getString("textSource")).isEqualTo("HTML");
        assertThat(p.getString("categoryName")).isEqualTo("Computation and Language");
        assertThat(p.getList("timeline.status")).startsWith("REQUESTED", "INGESTED");

        PaperText text = json.readValue(store.get("papers/" + id + "/v1/sections.json").orElseThrow(), PaperText.class);
        assertThat(text.source()).isEqualTo("HTML");
        assertThat(text.sections()).extracting(PaperText.Section::title)
                .containsExactly("Abstract", "Introduction", "Method", "Results");
        assertThat(store.get("papers/" + id + "/v1/source.html").orElseThrow()).isEqualTo(Html.paper("A Study"));
        JsonNode meta = json.readTree(store.get("papers/" + id + "/v1/metadata.json").orElseThrow());
        assertThat(meta.at("/paper/title").asText()).isEqualTo("A Study of Things " + id);
        assertThat(meta.at("/paper/authors/1").asText()).isEqualTo("Alan Turing");
        assertThat(meta.at("/textSource").asText()).isEqualTo("HTML");

        List<ConsumerRecord<String, String>> records = ingested.await(id, 1, WAIT);
        assertThat(records).hasSize(1);
        ConsumerRecord<String, String> r = records.get(0);
        PaperIngested event = json.readValue(r.value(), PaperIngested.class);
        assertThat(event.run()).isEqualTo(1);
        assertThat(event.version()).isEqualTo(1);
        assertThat(event.textKey()).isEqualTo("papers/" + id + "/v1/sections.json");
        assertThat(event.metadataKey()).isEqualTo("papers/" + id + "/v1/metadata.json");
        assertThat(event.textSource()).isEqualTo("HTML");
        assertThat(event.paper().episodeTitle()).isEqualTo("Computation and Language - A Study of Things " + id);
        assertThat(event.paper().authors()).containsExactly("Ada Lovelace", "Alan Turing");
        assertThat(KafkaProbe.header(r, "ce_id")).isEqualTo(event.eventId());
        assertThat(KafkaProbe.header(r, "ce_type")).isEqualTo(PaperIngested.TYPE);
        assertThat(KafkaProbe.header(r, "ce_subject")).isEqualTo(id);
        assertThat(ingested.records(id, Duration.ofSeconds(2))).hasSize(1);
    }

    @Test
    void aPdfPaperIsSplitIntoSectionsFromItsOutline() throws Exception {
        String id = paperWith(".pdf", Pdfs.withOutline());
        Api.submit(id).then().statusCode(202);
        assertThat(Api.awaitIngested(id, WAIT).getString("textSource")).isEqualTo("PDF");
        PaperText text = json.readValue(store.get("papers/" + id + "/v1/sections.json").orElseThrow(), PaperText.class);
        assertThat(text.sections()).extracting(PaperText.Section::title)
                .containsExactly("Abstract", "Introduction", "Method", "Results", "Conclusion");
        assertThat(store.get("papers/" + id + "/v1/source.pdf").orElseThrow()).startsWith("%PDF-".getBytes());
    }

    @Test
    void withoutFullTextTheAbstractIsUsed() throws Exception {
        String id = paperWith(null, null);
        Api.submit(id).then().statusCode(202);
        assertThat(Api.awaitIngested(id, WAIT).getString("textSource")).isEqualTo("ABSTRACT");
        PaperText text = json.readValue(store.get("papers/" + id + "/v1/sections.json").orElseThrow(), PaperText.class);
        assertThat(text.sections()).hasSize(1);
        assertThat(text.sections().get(0).text()).contains("42% of cases");
        assertThat(store.get("papers/" + id + "/v1/source.pdf")).isEmpty();
    }

    @Test
    void anEncryptedPdfFallsBackToTheAbstractAndSaysWhy() throws Exception {
        String id = paperWith(".pdf", Pdfs.encrypted());
        Api.submit(id).then().statusCode(202);
        assertThat(Api.awaitIngested(id, WAIT).getString("textSource")).isEqualTo("ABSTRACT");
        JsonNode meta = json.readTree(store.get("papers/" + id + "/v1/metadata.json").orElseThrow());
        assertThat(meta.at("/textNotes").asText()).contains("encrypted");
    }

    @Test
    void theShowsFixturePaperIsIngestedWithItsCategoryName() {
        Papers.delete("2106.09685");
        Api.submit("https://arxiv.org/abs/2106.09685").then().statusCode(202);
        JsonPath p = Api.awaitIngested("2106.09685", WAIT);
        assertThat(p.getString("title")).isEqualTo("LoRA: Low-Rank Adaptation of Large Language Models");
        assertThat(p.getString("categoryName")).isEqualTo("Computation and Language");
        assertThat(p.getInt("version")).isEqualTo(2);
    }

    @Test
    void noSuchPaperFailsPermanentlyWithAReasonAndAFailureEvent() throws Exception {
        String id = Fixtures.randomId();
        Api.submit(id).then().statusCode(202);
        JsonPath p = Api.awaitStatus(id, WAIT, "FAILED");
        assertThat(p.getString("failedStage")).isEqualTo("INGEST");
        assertThat(p.getString("reason")).contains("zero results");
        assertThat(p.getBoolean("retryable")).isFalse();
        List<ConsumerRecord<String, String>> f = failures.await(id, 1, WAIT);
        assertThat(f).hasSize(1);
        JsonNode failure = json.readTree(f.get(0).value());
        assertThat(failure.get("failedStage").asText()).isEqualTo("INGEST");
        assertThat(failure.get("retryable").asBoolean()).isFalse();
    }

    @Test
    void arxivAnswering503ThenOkIsRetriedAndTheSlowAnswerToo() {
        String a = paperWith(null, null);
        StandInResource.standIn().enqueueStatus(503);
        Api.submit(a).then().statusCode(202);
        Api.awaitIngested(a, WAIT);

        String b = paperWith(null, null);
        StandInResource.standIn().delayNext(Duration.ofMillis(2500));
        Api.submit(b).then().statusCode(202);
        Api.awaitIngested(b, WAIT);
    }

    @Test
    void arxivDownThroughOneTryKeepsThePaperQueuedAndTheNextTrySucceeds() {
        String id = paperWith(null, null);
        for (int i = 0; i < 4; i++) { // every attempt of the client's first try (test: 4 attempts)
            StandInResource.standIn().enqueueStatus(503);
        }
        Api.submit(id).then().statusCode(202);
        JsonPath p = Api.awaitIngested(id, WAIT);
        assertThat(p.getInt("ingestTries")).isEqualTo(2); // tries started: the failed one and this one
        assertThat(p.getInt("attempt")).isEqualTo(1);
        assertThat(p.getList("timeline.status")).doesNotContain("FAILED");
        assertThat(p.getString("stages[0].state")).isEqualTo("done");
    }

    @Test
    void arxivDownThroughAllTriesFailsRetryablyAndAnOperatorRetrySucceeds() {
        String id = paperWith(null, null);
        for (int i = 0; i < 16; i++) { // 4 tries (test) x 4 attempts of the client each
            StandInResource.standIn().enqueueStatus(503);
        }
        Api.submit(id).then().statusCode(202);
        JsonPath failed = Api.awaitStatus(id, WAIT, "FAILED");
        assertThat(failed.getString("failedStage")).isEqualTo("INGEST");
        assertThat(failed.getBoolean("retryable")).isTrue();
        assertThat(failed.getString("reason")).contains("503").contains("gave up after 4 tries");

        Api.operator().post("/api/papers/" + id + "/retry").then().statusCode(202);
        JsonPath p = Api.awaitIngested(id, WAIT);
        assertThat(p.getInt("attempt")).isEqualTo(2);
        assertThat(p.getString("reason")).isNull();
        assertThat(p.getList("timeline.status")).containsSubsequence("REQUESTED", "FAILED", "REQUESTED", "INGESTED");
    }

    @Test
    void duplicateConcurrentSubmitsMakeOneProduction() throws Exception {
        String id = paperWith(null, null);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> codes = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                codes.add(pool.submit((Callable<Integer>) () -> Api.submit(id).statusCode()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> c : codes) {
                statuses.add(c.get());
            }
            assertThat(statuses).containsOnly(202, 200);
            assertThat(statuses.stream().filter(s -> s == 202)).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        Api.awaitIngested(id, WAIT);
        Api.submit(id).then().statusCode(200);
        assertThat(ingested.records(id, Duration.ofSeconds(3))).hasSize(1);
        assertThat(Api.paper(id).getInt("run")).isEqualTo(1);
    }
}
