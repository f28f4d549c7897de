package dev.paperledge.script.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.paperledge.contracts.EpisodeScript;
import dev.paperledge.contracts.ObjectKeys;
import dev.paperledge.contracts.PaperIngested;
import dev.paperledge.contracts.PaperSummary;
import dev.paperledge.contracts.PaperText;
import dev.paperledge.contracts.RetryRequested;
import dev.paperledge.contracts.ScriptReady;
import dev.paperledge.contracts.Stage;
import dev.paperledge.contracts.StageFailed;
import dev.paperledge.contracts.Topics;
import dev.paperledge.contracts.serde.ScriptReadyDeserializer;
import dev.paperledge.contracts.serde.StageFailedDeserializer;
import dev.paperledge.script.domain.Script;
import dev.paperledge.script.writer.Fixtures;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** End to end through the real test Kafka, S3 server and PostgreSQL. */
@QuarkusTest
class ScriptStageTest {
    @Inject
    PipelineTestSupport pipeline;
    @Inject
    ObjectMapper json;

    @Test
    void anIngestedPaperBecomesOneStoredScriptAndOneScriptReadyEvenWhenDeliveredTwice() throws Exception {
        pipeline.awaitConsumerReady();
        String id = PipelineTestSupport.uniqueId();
        Fixtures.Paper lora = Fixtures.seeds().get(0);
        PaperSummary paper = lora.summary();
        PaperText text = new PaperText(id, 1, "HTML", List.of(
                new PaperText.Section("Abstract", paper.abstractText()),
                new PaperText.Section("Introduction", "Many applications in natural language processing rely on adapting one large-scale, pre-trained language model to multiple downstream applications. Such adaptation is usually done via fine-tuning, which updates all the parameters of the pre-trained model. The major downside of fine-tuning is that the new model contains as many parameters as in the original model."),
                new PaperText.Section("References", "Houlsby, N. Parameter-efficient transfer learning for NLP. 2019.")));
        PaperIngested event = pipeline.ingested(id, 1, paper, text);

        try (KafkaConsumer<String, ScriptReady> ready = PipelineTestSupport.tail(Topics.SCRIPTS_READY, ScriptReadyDeserializer.class)) {
            long t0 = System.nanoTime();
            pipeline.send(event);
            List<ConsumerRecord<String, ScriptReady>> got = PipelineTestSupport.collect(ready, id, 1, Duration.ofSeconds(60));
            assertThat(got).hasSize(1);
            System.out.printf("PaperIngested → ScriptReady in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            ScriptReady r = got.get(0).value();
            assertThat(PipelineTestSupport.header(got.get(0), "ce_id")).isEqualTo(r.eventId());
            assertThat(PipelineTestSupport.header(got.get(0), "ce_type")).isEqualTo(ScriptReady.TYPE);
            assertThat(r.writer()).isEqualTo("offline");
            assertThat(r.episodeTitle()).isEqualTo(paper.episodeTitle());
            assertThat(r.scriptKey()).isEqualTo(ObjectKeys.script(id, 1, 1, "script.json"));
            assertThat(r.markdownKey()).isEqualTo(ObjectKeys.script(id, 1, 1, "script.md"));

            EpisodeScript script = json.readValue(pipeline.object(r.scriptKey()), EpisodeScript.class);
            assertThat(script.sections()).extracting(EpisodeScript.Section::kind).containsExactly(EpisodeScript.Kind.values());
            assertThat(script.wordCount()).isEqualTo(r.wordCount()).isBetween(480, 720);
            assertThat(script.sections().get(9).text()).isEqualTo("Credit to Paper authors: " + paper.creditLine());
            assertThat(pipeline.object(r.markdownKey())).startsWith("# " + paper.episodeTitle());
            assertThat(pipeline.object(ObjectKeys.script(id, 1, 1, "grounding.json"))).contains("\"grounded\":true")
                    .contains("\"recitalPercent\"");
            assertThat(r.explanation()).isNotNull();
            assertThat(r.explanation().recitalPercent()).isLessThanOrEqualTo(10.0);
            assertThat(r.explanation().repeatedRuns()).isZero();

            given().get("/api/scripts/" + id).then().statusCode(200)
                    .body("[0].status", equalTo("READY")).body("[0].writer", equalTo("offline"))
                    .body("[0].wordCount", equalTo(r.wordCount())).body("[0].grounded", equalTo(true))
                    .body("[0].explanation.repeatedRuns", equalTo(0));
            given().get("/api/scripts/" + id + "/script").then().statusCode(200).body("sections.size()", equalTo(10));
            given().get("/api/scripts/" + id + "/markdown").then().statusCode(200);

            // The same event again, then a new run: once the new run's script is out, the duplicate was handled.
            pipeline.send(event);
            PaperIngested run2 = new PaperIngested(id, 1, 2, paper, event.metadataKey(), event.textKey(), "HTML", Instant.now());
            pipeline.send(run2);
            List<ConsumerRecord<String, ScriptReady>> more = PipelineTestSupport.collect(ready, id, 2, Duration.ofSeconds(30));
            assertThat(more).extracting(c -> c.value().run()).containsExactly(2);
            long rows = QuarkusTransaction.requiringNew().call(() -> Script.count("arxivId", id));
            assertThat(rows).isEqualTo(2);
        }
    }

    @Test
    void aPaperWithOnlyItsAbstractIsScriptedFromTheAbstract() throws Exception {
        pipeline.awaitConsumerReady();
        String id = PipelineTestSupport.uniqueId();
        PaperSummary paper = Fixtures.seeds().get(4).summary();
        PaperIngested event = pipeline.ingested(id, 1, paper, null); // no sections.json was stored
        try (KafkaConsumer<String, ScriptReady> ready = PipelineTestSupport.tail(Topics.SCRIPTS_READY, ScriptReadyDeserializer.class)) {
            pipeline.send(event);
            List<ConsumerRecord<String, ScriptReady>> got = PipelineTestSupport.collect(ready, id, 1, Duration.ofSeconds(60));
            assertThat(got).hasSize(1);
            EpisodeScript script = json.readValue(pipeline.object(got.get(0).value().scriptKey()), EpisodeScript.class);
            String quote = script.sections().get(EpisodeScript.Kind.QUOTE.ordinal()).text();
            String quoted = quote.substring(quote.indexOf('"') + 1, quote.lastIndexOf('"'));
            assertThat(paper.abstractText()).contains(quoted);
        }
    }

    @Test
    void aPaperAskedForInDuoBecomesATwoHostScriptAndAnUnknownFormatFailsWithAReason() throws Exception {
        pipeline.awaitConsumerReady();
        String id = PipelineTestSupport.uniqueId();
        String bad = PipelineTestSupport.uniqueId();
        PaperSummary paper = Fixtures.seeds().get(5).summary();
        PaperIngested base = pipeline.ingested(id, 1, paper, null);
        PaperIngested duo = new PaperIngested(id, 1, 1, paper, base.metadataKey(), base.textKey(), base.textSource(),
                base.ingestedAt(), "duo");
        PaperIngested trio = new PaperIngested(bad, 1, 1, paper, base.metadataKey(), base.textKey(), base.textSource(),
                base.ingestedAt(), "trio");
        try (KafkaConsumer<String, StageFailed> failures = PipelineTestSupport.tail(Topics.PIPELINE_FAILURES, StageFailedDeserializer.class);
                KafkaConsumer<String, ScriptReady> ready = PipelineTestSupport.tail(Topics.SCRIPTS_READY, ScriptReadyDeserializer.class)) {
            pipeline.send(duo);
            pipeline.send(trio);
            List<ConsumerRecord<String, ScriptReady>> got = PipelineTestSupport.collect(ready, id, 1, Duration.ofSeconds(60));
            assertThat(got).hasSize(1);
            EpisodeScript script = json.readValue(pipeline.object(got.get(0).value().scriptKey()), EpisodeScript.class);
            assertThat(script.format()).isEqualTo("duo");
            assertThat(script.hosts()).extracting(EpisodeScript.Host::name).containsExactly("Ernis", "Sam");
            assertThat(script.sections()).allSatisfy(sec -> assertThat(sec.lines()).isNotEmpty());
            assertThat(pipeline.object(got.get(0).value().markdownKey()))
                    .contains("**Sam:**");

            List<ConsumerRecord<String, StageFailed>> failed = PipelineTestSupport.collect(failures, bad, 1, Duration.ofSeconds(60));
            assertThat(failed).hasSize(1);
            assertThat(failed.get(0).value().retryable()).isFalse();
            assertThat(failed.get(0).value().reason()).contains("unknown show format 'trio'").contains("[solo, duo]");
        }
    }

    @Test
    void aPaperWithNothingToSayFailsPermanentlyWithAReasonAndARetryRerunsTheStage() throws Exception {
        pipeline.awaitConsumerReady();
        String id = PipelineTestSupport.uniqueId();
        PaperSummary empty = new PaperSummary("Untitled", List.of("A. Nobody"), "", "cs.LG", "Machine Learning", null, null);
        PaperIngested event = pipeline.ingested(id, 1, empty, null);
        try (KafkaConsumer<String, StageFailed> failures = PipelineTestSupport.tail(Topics.PIPELINE_FAILURES, StageFailedDeserializer.class);
                KafkaConsumer<String, ScriptReady> ready = PipelineTestSupport.tail(Topics.SCRIPTS_READY, ScriptReadyDeserializer.class)) {
            pipeline.send(event);
            List<ConsumerRecord<String, StageFailed>> got = PipelineTestSupport.collect(failures, id, 1, Duration.ofSeconds(60));
            assertThat(got).hasSize(1);
            StageFailed f = got.get(0).value();
            assertThat(f.failedStage()).isEqualTo(Stage.SCRIPT);
            assertThat(f.retryable()).isFalse();
            assertThat(f.reason()).contains("nothing to write about");
            given().get("/api/scripts/" + id).then().statusCode(200).body("[0].status", equalTo("FAILED"));

            // An operator retry reruns the stage from the recorded input: same input, same verdict, attempt 2.
            pipeline.send(new RetryRequested(id, 1, 1, Stage.SCRIPT, 2, Instant.now()));
            List<ConsumerRecord<String, StageFailed>> again = PipelineTestSupport.collect(failures, id, 1, Duration.ofSeconds(60));
            assertThat(again).extracting(r -> r.value().attempt()).containsExactly(2);
            assertThat(PipelineTestSupport.collect(ready, id, 1, Duration.ofMillis(500))).isEmpty();
        }
    }

    @Test
    void approvingNeedsTheOperatorKey() {
        given().contentType("application/json").body("{}").post("/api/scripts/2612.00000/approve").then().statusCode(401);
        given().header("X-API-Key", "paperledge-local-operator-kez").contentType("application/json").body("{}")
                .post("/api/scripts/2612.00000/approve").then().statusCode(401);
        given().header("X-API-Key", "paperledge-local-operator-key").contentType("application/json").body("{}")
                .post("/api/scripts/2612.00000/approve").then().statusCode(404);
    }

    @Test
    void anUnknownStatusFilterIsABadRequestWithProblemDetails() {
        given().get("/api/scripts?status=bogus").then().statusCode(400).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("IN_REVIEW"));
        given().get("/api/scripts?status=ready").then().statusCode(200);
    }

    @Test
    void healthIsUpWithTheObjectStore() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
