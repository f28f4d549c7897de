package dev.paperledge.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;

import dev.paperledge.contracts.PaperIngested;
import dev.paperledge.contracts.PaperText;
import dev.paperledge.contracts.RetryRequested;
import dev.paperledge.contracts.Stage;
import dev.paperledge.contracts.StageFailed;
import dev.paperledge.ingest.arxiv.ArxivClient;
import dev.paperledge.ingest.arxiv.ArxivException;
import dev.paperledge.ingest.arxiv.ArxivId;
import dev.paperledge.ingest.arxiv.ArxivMetadata;
import dev.paperledge.ingest.arxiv.AtomParser;
import dev.paperledge.ingest.arxiv.Taxonomy;
import dev.paperledge.ingest.domain.Paper;
import dev.paperledge.ingest.status.PaperStatus;
import dev.paperledge.ingest.messaging.EventPublisher;
import dev.paperledge.ingest.support.Fixtures;
import dev.paperledge.ingest.support.Html;
import dev.paperledge.ingest.support.Pdfs;
import dev.paperledge.ingest.text.FullTextService;
import dev.paperledge.stage.runner.DatabaseRetry;
import dev.paperledge.stage.testing.InMemoryObjectStore;
import dev.paperledge.stage.testing.StageHarness;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Every way {@link IngestStage#process} can end, in memory (no Quarkus, Kafka, S3 or PostgreSQL): the
 * real stage, the real {@link FullTextService} and {@link AtomParser} over the recorded arXiv answers,
 * {@link IngestBackoff} as configured (8 tries, 5 s … 3 min), the kit's {@link InMemoryObjectStore},
 * and the papers' rows, the broker and the database retry policy in memory. A claim is taken as the
 * worker takes it ({@link InMemoryPapers#claim}: a claim counts a try). The same paths on the real
 * infrastructure: IngestFlowTest, HostileDocumentsTest, ClaimsCountAsTriesTest, LeaseHeartbeatTest,
 * ConnectionLostMidIngestTest, RepublisherTest.
 */
class IngestStageTest {
    static final ObjectMapper JSON = StageHarness.json();
    /** Recorded: LoRA, answered by the API at version 2, cs.CL. */
    static final String LORA = "2106.09685";
    static final int MAX_TRIES = 8;
    /** How many times the in-memory database retry policy runs a step before letting its failure through. */
    static final int DATABASE_ATTEMPTS = StageHarness.DATABASE_ATTEMPTS;

    /**
     * arXiv in memory: metadata from recorded Atom answers, read by the real parser (an ID with no
     * answer gets the recorded zero-results answer), full texts by ID and kind (none: arXiv's 404), or
     * the failure the test sets.
     */
    static final class RecordedArxiv implements ArxivClient {
        final AtomParser parser = new AtomParser(Taxonomy.standard());
        final Map<String, byte[]> answers = new HashMap<>();
        final Map<String, Document> documents = new HashMap<>();
        final Map<String, ArxivException> documentFailures = new HashMap<>();
        final List<ArxivId> asked = new ArrayList<>();
        /** Thrown by {@link #metadata} instead of answering (an ArxivException, an Error, a RuntimeException). */
        Throwable metadataFails;
        /** Thrown by {@link #fullText} (an Error from reading the document). */
        Error fullTextBreaks;

        RecordedArxiv answer(String id, byte[] atom) {
            answers.put(id, atom);
            return this;
        }

        RecordedArxiv document(String id, String kind, byte[] bytes, String contentType) {
            documents.put(id + "." + kind, new Document(bytes, contentType, "https://arxiv.org/" + kind + "/" + id));
            return this;
        }

        @Override
        public ArxivMetadata metadata(ArxivId id) throws ArxivException {
            asked.add(id);
            if (metadataFails instanceof ArxivException e) {
                throw e;
            } else if (metadataFails instanceof RuntimeException e) {
                throw e;
            } else if (metadataFails instanceof Error e) {
                throw e;
            }
            return parser.parse(answers.getOrDefault(id.id(), Fixtures.read("special/no-such-paper.atom.xml")), id);
        }

        @Override
        public AtomParser.Listing search(String query, int start, int max) {
            throw new UnsupportedOperationException("the ingest stage does not search");
        }

        @Override
        public Document fullText(ArxivId id, String kind) throws ArxivException {
            if (fullTextBreaks != null) {
                throw fullTextBreaks;
            }
            ArxivException failure = documentFailures.get(id.id() + "." + kind);
            if (failure != null) {
                throw failure;
            }
            return documents.get(id.id() + "." + kind);
        }
    }

    /**
     * The papers' rows in memory, changed as {@link PaperStore} changes them, and what it tells the
     * status projection ({@code status}: REQUESTED, INGESTED once acknowledged, FAILED when ingest gave
     * up; {@code retryable}: as the failure said). A database that is away is an outage of the next
     * calls: each throws what Hibernate throws when it cannot get a connection.
     */
    static final class InMemoryPapers implements IngestRecords {
        final Map<String, Paper> rows = new LinkedHashMap<>();
        final Map<String, PaperStatus> status = new HashMap<>();
        final Map<String, Boolean> retryable = new HashMap<>();
        final List<String> calls = new ArrayList<>();
        /** Calls (by method name, or "any") that fail as an unreachable PostgreSQL does, counted down. */
        final Map<String, Integer> outages = new HashMap<>();
        /** Methods whose every call fails with another database error (not an outage). */
        final Map<String, RuntimeException> broken = new HashMap<>();

        Paper submit(String id, Integer version, String format) {
            Paper p = new Paper();
            p.arxivId = id;
            p.requestedVersion = version;
            p.format = format;
            status.put(id, PaperStatus.REQUESTED);
            p.createdAt = Instant.now();
            p.updatedAt = p.createdAt;
            rows.put(id, p);
            return p;
        }

        /** As {@link PaperStore#claimForIngest}: a lease and one more try. */
        PaperStore.Claim claim(String id) {
            Paper p = rows.get(id);
            assertThat(waiting(id)).as("%s is waiting for ingest", id).isTrue();
            p.leaseUntil = Instant.now().plus(Duration.ofMinutes(2));
            p.ingestTries++;
            return new PaperStore.Claim(p.arxivId, p.run, p.requestedVersion, p.ingestedEvent, p.ingestTries,
                    p.lastError, p.format);
        }

        /** Whether a worker's claim could take the paper (the next try's time aside). */
        boolean waiting(String id) {
            Paper p = rows.get(id);
            return p.ingestedEvent == null && p.eventSentAt == null && p.ingestFailedAt == null;
        }

        /** Whether the re-publisher has the paper's ingested event to send. */
        boolean pendingForRepublisher(String id) {
            Paper p = rows.get(id);
            return p.ingestedEvent != null && p.eventSentAt == null && p.leaseUntil == null;
        }

        InMemoryPapers down(String method, int calls) {
            outages.put(method, calls);
            return this;
        }

        private Paper row(String method, String id) {
            calls.add(method);
            if (broken.containsKey(method)) {
                throw broken.get(method);
            }
            for (String key : List.of(method, "any")) {
                int left = outages.getOrDefault(key, 0);
                if (left > 0) {
                    outages.put(key, left - 1);
                    throw new JDBCConnectionException("Unable to acquire JDBC Connection",
                            new SQLException("Connection to localhost:5432 refused", "08001"));
                }
            }
            return rows.get(id);
        }

        /** The paper's row while it is still at run {@code run}, else null (the run moved on). */
        private Paper ofRun(String method, String id, int run) {
            Paper p = row(method, id);
            return p == null || p.run != run ? null : p;
        }

        @Override
        public boolean recordIngested(PaperStore.Claim c, int version, String title, String category,
                String categoryName, String textSource, String textNotes, String metadataKey, String textKey,
                String eventJson) {
            Paper p = ofRun("recordIngested", c.arxivId(), c.run());
            if (p == null) {
                return false;
            }
            p.ingested(version, title, category, categoryName, textSource, textNotes, metadataKey, textKey, eventJson);
            return true;
        }

        @Override
        public void markSent(String arxivId, int run, Instant ingestedAt) {
            Paper p = ofRun("markSent", arxivId, run);
            if (p != null) {
                p.eventSentAt = Instant.now();
                p.leaseUntil = null;
                p.nextAttemptAt = null;
                p.lastError = null;
                status.put(arxivId, PaperStatus.INGESTED);
            }
        }

        @Override
        public void release(String arxivId) {
            Paper p = row("release", arxivId);
            if (p != null) {
                p.leaseUntil = null;
            }
        }

        @Override
        public Optional<String> markFailed(String arxivId, int run, String reason, boolean retryable,
                Function<Paper, String> event) {
            Paper p = ofRun("markFailed", arxivId, run);
            if (p == null) {
                return Optional.empty();
            }
            p.leaseUntil = null;
            p.nextAttemptAt = null;
            p.lastError = reason;
            p.ingestFailedAt = Instant.now();
            status.put(arxivId, PaperStatus.FAILED);
            this.retryable.put(arxivId, retryable);
            p.failureEvent = event.apply(p);
            return Optional.of(p.failureEvent);
        }

        @Override
        public void failureSent(String arxivId, String json) {
            Paper p = row("failureSent", arxivId);
            if (p != null && json.equals(p.failureEvent)) {
                p.failureEvent = null;
            }
        }

        @Override
        public boolean markTransient(String arxivId, int run, String error, Instant next) {
            Paper p = ofRun("markTransient", arxivId, run);
            if (p == null) {
                return false;
            }
            p.leaseUntil = null;
            p.nextAttemptAt = next;
            p.lastError = error;
            return true;
        }
    }

    /** The broker in memory: events kept once acknowledged; refused (no ack in time) while switched off. */
    static final class Broker implements EventPublisher {
        final List<PaperIngested> ingested = new ArrayList<>();
        final List<StageFailed> failed = new ArrayList<>();
        boolean refuseIngested;
        boolean refuseFailed;

        @Override
        public void ingested(PaperIngested event) {
            if (refuseIngested) {
                throw new io.smallrye.mutiny.TimeoutException();
            }
            ingested.add(event);
        }

        @Override
        public void failed(StageFailed event) {
            if (refuseFailed) {
                throw new io.smallrye.mutiny.TimeoutException();
            }
            failed.add(event);
        }

        @Override
        public void retry(RetryRequested event) {
            throw new UnsupportedOperationException("the ingest stage sends no retries");
        }
    }

    final RecordedArxiv arxiv = new RecordedArxiv().answer(LORA, Fixtures.read(LORA + ".atom.xml"));
    final InMemoryObjectStore store = new InMemoryObjectStore();
    final Broker broker = new Broker();
    final InMemoryPapers papers = new InMemoryPapers();
    final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    /** The kit's policy in memory: a step that lost the database runs again, up to {@link #DATABASE_ATTEMPTS} runs. */
    final DatabaseRetry databaseRetry = StageHarness.databaseRetry();
    final IngestBackoff backoff = new IngestBackoff(MAX_TRIES, Duration.ofSeconds(5), Duration.ofMinutes(3));
    IngestStage stage = stageWith(JSON);

    IngestStage stageWith(ObjectMapper json) {
        return new IngestStage(arxiv, FullTextService.withDefaultLimits(arxiv), store, broker, papers, json, metrics,
                backoff, databaseRetry);
    }

    PaperStore.Claim claim(String id) {
        if (!papers.rows.containsKey(id)) {
            papers.submit(id, null, "solo");
        }
        return papers.claim(id);
    }

    double outcomes(String outcome, String reason) {
        Counter c = metrics.find("paperledge.stage.outcomes")
                .tags("stage", "ingest", "outcome", outcome, "reason", reason).counter();
        return c == null ? 0 : c.count();
    }

    double allOutcomes() {
        return metrics.find("paperledge.stage.outcomes").counters().stream().mapToDouble(Counter::count).sum();
    }

    double retries(String reason) {
        Counter c = metrics.find("paperledge.ingest.retries").tag("reason", reason).counter();
        return c == null ? 0 : c.count();
    }

    static byte[] resource(String name) {
        try (InputStream in = IngestStageTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode storedJson(String key) throws IOException {
        return JSON.readTree(store.get(key).orElseThrow());
    }

    static String key(String name) {
        return "papers/" + LORA + "/v2/" + name;
    }

    // --- success ---

    @Test
    void aPaperIsStoredUnderItsKeysAnnouncedOnceAndMarkedSent() throws Exception {
        arxiv.document(LORA, "html", Html.paper("LoRA"), "text/html; charset=utf-8");
        papers.submit(LORA, null, "duo");
        Instant before = Instant.now();
        stage.process(papers.claim(LORA));

        assertThat(store.keys()).containsExactlyInAnyOrder(key("source.html"), key("metadata.json"),
                key("sections.json"));
        assertThat(store.contentType(key("source.html"))).isEqualTo("text/html; charset=utf-8");
        assertThat(store.contentType(key("sections.json"))).isEqualTo("application/json");
        PaperText text = JSON.readValue(store.get(key("sections.json")).orElseThrow(), PaperText.class);
        assertThat(text.source()).isEqualTo("HTML");
        assertThat(text.sections()).extracting(PaperText.Section::title).startsWith("Abstract")
                .contains("Introduction", "Method", "Results");
        JsonNode meta = storedJson(key("metadata.json"));
        assertThat(meta.at("/paper/title").asText()).isEqualTo("LoRA: Low-Rank Adaptation of Large Language Models");
        assertThat(meta.at("/textSource").asText()).isEqualTo("HTML");
        assertThat(meta.at("/textNotes").asText()).isEmpty();
        assertThat(meta.at("/sourceKey").asText()).isEqualTo(key("source.html"));

        assertThat(broker.ingested).singleElement().satisfies(e -> {
            assertThat(e.arxivId()).isEqualTo(LORA);
            assertThat(e.version()).as("the version arXiv answered").isEqualTo(2);
            assertThat(e.run()).isEqualTo(1);
            assertThat(e.format()).isEqualTo("duo");
            assertThat(e.metadataKey()).isEqualTo(key("metadata.json"));
            assertThat(e.textKey()).isEqualTo(key("sections.json"));
            assertThat(e.textSource()).isEqualTo("HTML");
            assertThat(e.paper().primaryCategory()).isEqualTo("cs.CL");
            assertThat(e.ingestedAt()).isBetween(before, Instant.now());
        });
        Paper row = papers.rows.get(LORA);
        assertThat(JSON.readValue(row.ingestedEvent, PaperIngested.class)).isEqualTo(broker.ingested.get(0));
        assertThat(row.eventSentAt).isNotNull();
        assertThat(row.leaseUntil).isNull();
        assertThat(papers.status.get(row.arxivId)).isEqualTo(PaperStatus.INGESTED);
        assertThat(row.version).isEqualTo(2);
        assertThat(row.title).startsWith("LoRA");
        assertThat(row.categoryName).isEqualTo("Computation and Language");
        assertThat(row.textNotes).isNull();
        assertThat(papers.calls).containsExactly("recordIngested", "markSent");
        assertThat(broker.failed).isEmpty();
        assertThat(outcomes("success", "none")).isEqualTo(1);
        assertThat(allOutcomes()).isEqualTo(1);
        Timer timer = metrics.find("paperledge.stage.duration").tags("stage", "ingest", "outcome", "success").timer();
        assertThat(timer).isNotNull().extracting(Timer::count).isEqualTo(1L);
        assertThat(arxiv.asked).containsExactly(new ArxivId(LORA, null));
    }

    @Test
    void theRequestedVersionIsAskedForAndAForcedRunIsAnnouncedAsItsOwnEvent() {
        Paper row = papers.submit(LORA, 2, "solo");
        row.run = 3;
        stage.process(papers.claim(LORA));
        assertThat(arxiv.asked).containsExactly(new ArxivId(LORA, 2));
        assertThat(broker.ingested).singleElement().satisfies(e -> {
            assertThat(e.run()).isEqualTo(3);
            assertThat(e.eventId()).isNotEqualTo(new PaperIngested(LORA, 2, 1, null, null, null, null, null).eventId());
        });
    }

    static Stream<Arguments> fullTexts() {
        ArxivException unavailable = new ArxivException(
                "arXiv answered HTTP 503 for https://arxiv.org/html/2106.09685 (gave up after 4 attempts)", false, 503,
                null);
        ArxivException pdfTooLarge = new ArxivException.TooLarge("document too large", 60_000_000, 50_000_000);
        return Stream.of(
                Arguments.of("the HTML", Html.paper("LoRA"), null, Pdfs.withOutline(), null, "HTML", "", "source.html"),
                Arguments.of("no HTML: the PDF", null, null, Pdfs.withOutline(), null, "PDF", "no HTML rendering",
                        "source.pdf"),
                Arguments.of("no full text", null, null, null, null, "ABSTRACT", "no HTML rendering; no PDF", null),
                Arguments.of("HTML unavailable, PDF garbage", null, unavailable, Pdfs.garbage(), null, "ABSTRACT",
                        "HTML unavailable: arXiv answered HTTP 503 for https://arxiv.org/html/2106.09685 (gave up after"
                                + " 4 attempts); PDF unusable: ",
                        null),
                Arguments.of("HTML nested 200,000 deep, PDF encrypted", Html.deeplyNested(200_000), null,
                        Pdfs.encrypted(), null, "ABSTRACT",
                        "HTML unusable: the HTML full text is too large to read: elements nested more than 256 levels"
                                + " deep; PDF unusable: ",
                        null),
                Arguments.of("HTML without sections, PDF over its cap",
                        "<html><body><p>hi</p></body></html>".getBytes(), null, null, pdfTooLarge, "ABSTRACT",
                        "HTML rendering has no sections; PDF unusable: the PDF is too large to read: 60000000 bytes,"
                                + " larger than the 50000000-byte limit",
                        null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fullTexts")
    void anUnusableOrHostileFullTextFallsBackWithItsReasonAndThePaperStillSucceeds(String what, byte[] html,
            ArxivException htmlFails, byte[] pdf, ArxivException pdfFails, String source, String notes,
            String sourceName) throws Exception {
        if (html != null) {
            arxiv.document(LORA, "html", html, "text/html");
        }
        if (pdf != null) {
            arxiv.document(LORA, "pdf", pdf, "application/pdf");
        }
        if (htmlFails != null) {
            arxiv.documentFailures.put(LORA + ".html", htmlFails);
        }
        if (pdfFails != null) {
            arxiv.documentFailures.put(LORA + ".pdf", pdfFails);
        }
        stage.process(claim(LORA));

        assertThat(broker.ingested).singleElement().extracting(PaperIngested::textSource).isEqualTo(source);
        assertThat(broker.failed).isEmpty();
        Paper row = papers.rows.get(LORA);
        assertThat(papers.status.get(row.arxivId)).isEqualTo(PaperStatus.INGESTED);
        assertThat(row.textSource).isEqualTo(source);
        JsonNode meta = storedJson(key("metadata.json"));
        assertThat(meta.at("/textNotes").asText()).startsWith(notes);
        if (notes.isEmpty()) {
            assertThat(row.textNotes).isNull();
        } else {
            assertThat(row.textNotes).startsWith(notes);
        }
        PaperText text = JSON.readValue(store.get(key("sections.json")).orElseThrow(), PaperText.class);
        assertThat(text.source()).isEqualTo(source);
        assertThat(text.sections().get(0).title()).isEqualTo("Abstract");
        if (sourceName == null) {
            assertThat(store.keys()).containsExactlyInAnyOrder(key("metadata.json"), key("sections.json"));
            assertThat(meta.at("/sourceKey").isNull()).isTrue();
        } else {
            assertThat(store.keys()).contains(key(sourceName));
        }
        assertThat(outcomes("success", "none")).isEqualTo(1);
    }

    // --- failures for good ---

    static Stream<Arguments> permanentArxivAnswers() {
        return Stream.of(
                Arguments.of("an unknown ID (zero results)", "2401.99999", null, "not-found",
                        "arXiv has no paper 2401.99999 (the API returned zero results); check the identifier"),
                Arguments.of("the API's error entry", "1234.12345",
                        Fixtures.read("special/error-malformed-id.atom.xml"), "invalid-id",
                        "arXiv API error for 1234.12345: incorrect id format for 1234.12345"),
                Arguments.of("a DOCTYPE (external entities refused)", "2401.00001", resource("/atom/doctype.atom.xml"),
                        "arxiv-refused", "arXiv's answer is not readable Atom XML"),
                Arguments.of("an HTML page instead of Atom", "2401.00002",
                        "<html><body>Service notice</body></html>".getBytes(), "arxiv-refused",
                        "arXiv answered with something other than an Atom feed"),
                Arguments.of("a truncated answer", "2401.00003",
                        java.util.Arrays.copyOf(Fixtures.read(LORA + ".atom.xml"), 300), "arxiv-refused",
                        "arXiv's answer is not readable Atom XML"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("permanentArxivAnswers")
    void anUnknownIdOrAMalformedAnswerFailsForGoodWithAReadableReason(String what, String id, byte[] atom,
            String reasonClass, String reason) {
        if (atom != null) {
            arxiv.answer(id, atom);
        }
        stage.process(claim(id));

        assertThat(broker.failed).singleElement().satisfies(f -> {
            assertThat(f.arxivId()).isEqualTo(id);
            assertThat(f.failedStage()).isEqualTo(Stage.INGEST);
            assertThat(f.retryable()).isFalse();
            assertThat(f.reason()).isEqualTo(reason);
            assertThat(f.version()).as("no version recorded: the requested one, or 1").isEqualTo(1);
            assertThat(f.run()).isEqualTo(1);
            assertThat(f.attempt()).isEqualTo(1);
        });
        Paper row = papers.rows.get(id);
        assertThat(papers.status.get(row.arxivId)).isEqualTo(PaperStatus.FAILED);
        assertThat(papers.retryable.get(row.arxivId)).isFalse();
        assertThat(row.failureEvent).as("acknowledged, so forgotten").isNull();
        assertThat(row.leaseUntil).isNull();
        assertThat(papers.waiting(id)).isFalse();
        assertThat(broker.ingested).isEmpty();
        assertThat(store.keys()).isEmpty();
        assertThat(outcomes("failure", reasonClass)).isEqualTo(1);
        assertThat(allOutcomes()).isEqualTo(1);
        assertThat(retries(reasonClass)).isZero();
        assertThat(papers.calls).containsExactly("markFailed", "failureSent");
    }

    @Test
    void aRefusedRequestFailsForGoodAndTheFailureNamesTheRequestedVersion() {
        arxiv.metadataFails = new ArxivException("arXiv refused https://export.arxiv.org/api/query with HTTP 403", true,
                403, null);
        papers.submit(LORA, 3, "solo");
        stage.process(papers.claim(LORA));
        assertThat(broker.failed).singleElement().satisfies(f -> {
            assertThat(f.version()).isEqualTo(3);
            assertThat(f.reason()).isEqualTo("arXiv refused https://export.arxiv.org/api/query with HTTP 403");
            assertThat(f.retryable()).isFalse();
        });
        assertThat(outcomes("failure", "arxiv-refused")).isEqualTo(1);
    }

    @Test
    void aPaperWhoseDataCannotBeWrittenFailsForGoodWithoutTheExceptionInItsReason() {
        ObjectMapper broken = StageHarness.json().registerModule(new SimpleModule().addSerializer(PaperText.class,
                new JsonSerializer<PaperText>() {
                    @Override
                    public void serialize(PaperText value, JsonGenerator gen, SerializerProvider serializers)
                            throws IOException {
                        throw JsonMappingException.from(gen, "no serializer for section anchors");
                    }
                }));
        stage = stageWith(broken);
        stage.process(claim(LORA));

        assertThat(broker.failed).singleElement().satisfies(f -> {
            assertThat(f.retryable()).isFalse();
            assertThat(f.reason())
                    .isEqualTo("could not write the paper's data (an internal error; see the ingest-service log)");
        });
        assertThat(broker.ingested).isEmpty();
        assertThat(store.keys()).isEmpty();
        assertThat(papers.rows.get(LORA).ingestedEvent).isNull();
        assertThat(outcomes("failure", "internal")).isEqualTo(1);
    }

    // --- transient: queued with backoff, then failed retryable after the last try ---

    record Transient(String what, Consumer<IngestStageTest> breakIt, String reasonClass, String error) {
        @Override
        public String toString() {
            return what;
        }
    }

    /** arXiv still unavailable after the client's own retries: the reason is the client's sentence. */
    static Transient arxivUnavailable(String what, String reasonClass, int status, Throwable cause, String sentence) {
        String reason = sentence + " (gave up after 4 attempts)";
        return new Transient(what, t -> t.arxiv.metadataFails = new ArxivException(reason, false, status, cause),
                reasonClass, reason);
    }

    static Stream<Transient> transientErrors() {
        String api = "https://export.arxiv.org/api/query?id_list=" + LORA;
        return Stream.of(
                arxivUnavailable("arXiv 5xx", "arxiv-5xx", 503, null, "arXiv answered HTTP 503 for " + api),
                arxivUnavailable("arXiv rate limit", "arxiv-rate-limited", 429, null,
                        "arXiv answered HTTP 429 for " + api),
                arxivUnavailable("arXiv timeout", "arxiv-unreachable", 0, null,
                        "arXiv did not answer " + api + " in full within PT30S"),
                arxivUnavailable("arXiv unreachable", "arxiv-unreachable", 0,
                        new ConnectException("Connection refused"), "could not reach arXiv at " + api),
                new Transient("object store down", t -> t.store.down(true), "object-store",
                        "the object store was unavailable"),
                new Transient("stack overflow", t -> t.arxiv.fullTextBreaks = new StackOverflowError(), "internal",
                        "ingest ran out of memory on this paper (see the ingest-service log)"),
                new Transient("out of memory", t -> t.arxiv.fullTextBreaks = new OutOfMemoryError("Java heap space"),
                        "internal", "ingest ran out of memory on this paper (see the ingest-service log)"),
                new Transient("an internal error", t -> t.arxiv.metadataFails = new IllegalStateException("bug"),
                        "internal", "ingest failed on an internal error (see the ingest-service log)"),
                new Transient("recording outlasts the database policy", t -> t.papers.down("recordIngested", 1000),
                        "database", "the database was unavailable"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transientErrors")
    void aTransientErrorQueuesThePaperWithBackoffUntilTheLastTryThenFailsItRetryable(Transient error) {
        error.breakIt().accept(this);
        papers.submit(LORA, null, "solo");
        Paper row = papers.rows.get(LORA);
        for (int tries = 1; tries < MAX_TRIES; tries++) {
            Instant before = Instant.now();
            stage.process(papers.claim(LORA));
            Duration base = Duration.ofMillis(Math.min(180_000, 5_000L << (tries - 1)));
            assertThat(row.nextAttemptAt).as("try %d: the next after the backoff with its jitter", tries)
                    .isAfterOrEqualTo(before.plusMillis(base.toMillis() * 8 / 10 - 1))
                    .isBeforeOrEqualTo(Instant.now().plus(base));
            assertThat(row.lastError).isEqualTo(error.error());
            assertThat(row.leaseUntil).as("released for the next try").isNull();
            assertThat(papers.waiting(LORA)).isTrue();
            assertThat(broker.failed).isEmpty();
            assertThat(allOutcomes()).as("nothing final yet").isZero();
            assertThat(retries(error.reasonClass())).isEqualTo(tries);
        }
        stage.process(papers.claim(LORA));

        assertThat(broker.failed).singleElement().satisfies(f -> {
            assertThat(f.retryable()).isTrue();
            assertThat(f.reason()).isEqualTo(error.error() + " (gave up after 8 tries)");
        });
        assertThat(papers.status.get(row.arxivId)).isEqualTo(PaperStatus.FAILED);
        assertThat(papers.retryable.get(row.arxivId)).isTrue();
        assertThat(row.nextAttemptAt).isNull();
        assertThat(papers.waiting(LORA)).isFalse();
        assertThat(broker.ingested).isEmpty();
        assertThat(row.ingestedEvent).isNull();
        assertThat(outcomes("failure", error.reasonClass())).isEqualTo(1);
        assertThat(allOutcomes()).isEqualTo(1);
        assertThat(retries(error.reasonClass())).isEqualTo(MAX_TRIES - 1);
    }

    @Test
    void aTransientErrorGoneByTheNextTryIngestsThePaperOnce() {
        store.down(true);
        stage.process(claim(LORA));
        assertThat(papers.waiting(LORA)).isTrue();
        store.down(false);
        stage.process(papers.claim(LORA));
        assertThat(broker.ingested).hasSize(1);
        Paper row = papers.rows.get(LORA);
        assertThat(papers.status.get(row.arxivId)).isEqualTo(PaperStatus.INGESTED);
        assertThat(row.lastError).as("cleared by the ack").isNull();
        assertThat(row.nextAttemptAt).isNull();
        assertThat(row.ingestTries).isEqualTo(2);
        assertThat(broker.failed).isEmpty();
        assertThat(outcomes("success", "none")).isEqualTo(1);
    }

    // --- claims that never finished ---

    @Test
    void aClaimOverTheMaxTriesGivesUpRetryableWithoutAskingArxiv() {
        Paper row = papers.submit(LORA, null, "solo");
        row.ingestTries = MAX_TRIES;
        stage.process(papers.claim(LORA));

        assertThat(arxiv.asked).isEmpty();
        assertThat(broker.failed).singleElement().satisfies(f -> {
            assertThat(f.retryable()).isTrue();
            assertThat(f.reason()).isEqualTo("ingest gave up after 8 attempts: none of them finished (the"
                    + " service stopped or ran out of memory on this paper, or a try outlived its lease); see the"
                    + " ingest-service log");
        });
        assertThat(papers.status.get(row.arxivId)).isEqualTo(PaperStatus.FAILED);
        assertThat(outcomes("failure", "internal")).isEqualTo(1);
    }

    @Test
    void aClaimOverTheMaxTriesNamesTheLastErrorAndOneTryInTheSingular() {
        IngestBackoff once = new IngestBackoff(1, Duration.ofSeconds(5), Duration.ofMinutes(3));
        stage = new IngestStage(arxiv, FullTextService.withDefaultLimits(arxiv), store, broker, papers, JSON, metrics,
                once, databaseRetry);
        Paper row = papers.submit(LORA, null, "solo");
        row.ingestTries = 1;
        row.lastError = "the object store was unavailable";
        stage.process(papers.claim(LORA));
        assertThat(broker.failed).singleElement().extracting(StageFailed::reason).asString()
                .startsWith("ingest gave up after 1 attempt: none of them finished")
                .endsWith(". The last error: the object store was unavailable");
    }

    // --- the broker ---

    @Test
    void aPaperIngestedTheBrokerRefusesStaysForTheRepublisherAndIsSentOnceItIsBack() throws Exception {
        broker.refuseIngested = true;
        stage.process(claim(LORA));

        Paper row = papers.rows.get(LORA);
        assertThat(broker.ingested).isEmpty();
        assertThat(row.ingestedEvent).as("kept, not lost").isNotNull();
        assertThat(papers.pendingForRepublisher(LORA)).as("released to the re-publisher").isTrue();
        assertThat(papers.waiting(LORA)).as("not ingested again").isFalse();
        assertThat(papers.calls).containsExactly("recordIngested", "release");
        assertThat(metrics.counter("paperledge.ingest.unacknowledged").count()).isEqualTo(1);
        assertThat(outcomes("success", "none")).as("the stage's work is done").isEqualTo(1);
        assertThat(broker.failed).isEmpty();

        // the re-publisher, as IngestWorker.republish does it: still refused, then sent
        PaperIngested stored = JSON.readValue(row.ingestedEvent, PaperIngested.class);
        assertThat(stage.send(LORA, row.run, stored)).isFalse();
        broker.refuseIngested = false;
        assertThat(stage.send(LORA, row.run, stored)).isTrue();
        assertThat(broker.ingested).containsExactly(stored);
        assertThat(row.eventSentAt).isNotNull();
        assertThat(papers.status.get(row.arxivId)).isEqualTo(PaperStatus.INGESTED);
        assertThat(papers.pendingForRepublisher(LORA)).isFalse();
    }

    @Test
    void aStageFailedTheBrokerRefusesIsKeptForTheRepublisherAndForgottenOnceAcknowledged() {
        broker.refuseFailed = true;
        stage.process(claim("2401.99999"));

        Paper row = papers.rows.get("2401.99999");
        assertThat(broker.failed).isEmpty();
        assertThat(papers.status.get(row.arxivId)).isEqualTo(PaperStatus.FAILED);
        assertThat(row.failureEvent).as("kept in the row").isNotNull();
        assertThat(papers.calls).containsExactly("markFailed");
        assertThat(outcomes("failure", "not-found")).isEqualTo(1);

        String stored = row.failureEvent;
        assertThat(stage.sendFailure(row.arxivId, stored)).isFalse();
        assertThat(row.failureEvent).isEqualTo(stored);
        broker.refuseFailed = false;
        assertThat(stage.sendFailure(row.arxivId, stored)).isTrue();
        assertThat(broker.failed).singleElement().satisfies(f -> {
            assertThat(f.reason()).startsWith("arXiv has no paper 2401.99999");
            assertThat(f.retryable()).isFalse();
        });
        assertThat(row.failureEvent).isNull();
    }

    @Test
    void anUnreadableStoredFailureEventIsDroppedNotSentForever() {
        Paper row = papers.submit("2401.99999", null, "solo");
        row.failureEvent = "{\"arxivId\": \"2401.99999\", \"run\": ";
        assertThat(stage.sendFailure(row.arxivId, row.failureEvent)).isTrue();
        assertThat(row.failureEvent).isNull();
        assertThat(broker.failed).isEmpty();
    }

    @Test
    void anAckOfAnOlderFailureEventKeepsTheNewerOne() throws Exception {
        Paper row = papers.submit("2401.99999", null, "solo");
        String older = JSON.writeValueAsString(new StageFailed("2401.99999", 1, 1, Stage.INGEST, "old", 1, true,
                Instant.parse("2026-11-30T10:00:00Z")));
        row.failureEvent = older.replace("old", "newer");
        assertThat(stage.sendFailure(row.arxivId, older)).isTrue();
        assertThat(broker.failed).extracting(StageFailed::reason).containsExactly("old");
        assertThat(row.failureEvent).contains("newer");
    }

    // --- runs that moved on ---

    @Test
    void aRunSupersededWhileIngestingDropsItsResultAndSendsNothing() {
        PaperStore.Claim claim = claim(LORA);
        papers.rows.get(LORA).run = 2; // an operator forced a new production meanwhile
        stage.process(claim);

        Paper row = papers.rows.get(LORA);
        assertThat(row.ingestedEvent).isNull();
        assertThat(papers.status.get(row.arxivId)).isEqualTo(PaperStatus.REQUESTED);
        assertThat(broker.ingested).isEmpty();
        assertThat(broker.failed).isEmpty();
        assertThat(papers.calls).containsExactly("recordIngested");
        assertThat(allOutcomes()).isZero();
        assertThat(store.keys()).as("the same keys a redo writes").contains(key("metadata.json"));
    }

    @Test
    void aFailureOfASupersededRunIsNotRecordedOrSent() {
        PaperStore.Claim claim = claim("2401.99999");
        papers.rows.get("2401.99999").run = 2;
        stage.process(claim);
        assertThat(broker.failed).isEmpty();
        assertThat(papers.status.get("2401.99999")).isEqualTo(PaperStatus.REQUESTED);
        assertThat(papers.calls).containsExactly("markFailed");
    }

    @Test
    void aTransientErrorOfASupersededRunQueuesNothing() {
        PaperStore.Claim claim = claim(LORA);
        Paper row = papers.rows.get(LORA);
        row.run = 2;
        store.down(true);
        stage.process(claim);
        assertThat(papers.calls).containsExactly("markTransient");
        assertThat(row.nextAttemptAt).isNull();
        assertThat(row.lastError).isNull();
        assertThat(broker.failed).isEmpty();
        assertThat(allOutcomes()).isZero();
    }

    // --- the database ---

    @Test
    void aRefusedPaperIngestedWhoseReleaseMeetsAnOutageStillReachesTheRepublisher() {
        broker.refuseIngested = true;
        papers.down("release", 1);
        stage.process(claim(LORA));

        assertThat(papers.calls).as("the release is not retried; the error queues the paper's row instead")
                .containsExactly("recordIngested", "release", "markTransient");
        Paper row = papers.rows.get(LORA);
        assertThat(row.lastError).isEqualTo("the database was unavailable");
        assertThat(papers.pendingForRepublisher(LORA)).isTrue();
        assertThat(papers.waiting(LORA)).isFalse();
        assertThat(broker.failed).isEmpty();
    }

    @Test
    void aDatabaseOutageWhileRecordingIsWaitedOutAndThePaperIngestedByItsFirstTry() {
        papers.down("recordIngested", DATABASE_ATTEMPTS - 1);
        stage.process(claim(LORA));

        assertThat(papers.calls).containsExactly("recordIngested", "recordIngested", "recordIngested", "markSent");
        assertThat(broker.ingested).hasSize(1);
        assertThat(papers.status.get(LORA)).isEqualTo(PaperStatus.INGESTED);
        assertThat(papers.rows.get(LORA).ingestTries).isEqualTo(1);
        assertThat(outcomes("success", "none")).isEqualTo(1);
        assertThat(retries("database")).isZero();
    }

    @Test
    void aDatabaseOutageOutlastingThePolicyLeavesThePaperToItsLeaseAndLosesNothing() {
        PaperStore.Claim claim = claim(LORA);
        papers.down("any", 1000);
        assertThatThrownBy(() -> stage.process(claim)).as("to the worker, which logs it")
                .isInstanceOf(JDBCConnectionException.class);

        Paper row = papers.rows.get(LORA);
        assertThat(papers.calls).containsExactly("recordIngested", "recordIngested", "recordIngested",
                "markTransient", "markTransient", "markTransient");
        assertThat(row.leaseUntil).as("still leased: another claim takes it when the lease ends").isNotNull();
        assertThat(row.ingestedEvent).isNull();
        assertThat(papers.waiting(LORA)).isTrue();
        assertThat(broker.ingested).isEmpty();
        assertThat(broker.failed).isEmpty();
        assertThat(allOutcomes()).isZero();

        // the database is back and the lease over: the next claim ingests it, once
        papers.outages.clear();
        stage.process(papers.claim(LORA));
        assertThat(broker.ingested).hasSize(1);
        assertThat(papers.status.get(row.arxivId)).isEqualTo(PaperStatus.INGESTED);
    }

    @Test
    void anAckThatCannotBeRecordedQueuesTheSentEventForTheRepublisherUnderTheSameId() throws Exception {
        papers.down("markSent", DATABASE_ATTEMPTS);
        stage.process(claim(LORA));

        Paper row = papers.rows.get(LORA);
        assertThat(broker.ingested).hasSize(1);
        assertThat(row.eventSentAt).isNull();
        assertThat(row.lastError).isEqualTo("the database was unavailable");
        assertThat(papers.pendingForRepublisher(LORA)).isTrue();
        assertThat(papers.waiting(LORA)).as("its result is kept, not ingested again").isFalse();
        assertThat(broker.failed).isEmpty();

        PaperIngested stored = JSON.readValue(row.ingestedEvent, PaperIngested.class);
        assertThat(stage.send(LORA, row.run, stored)).isTrue();
        assertThat(broker.ingested).extracting(PaperIngested::eventId).as("a redelivery consumers drop")
                .containsExactly(stored.eventId(), stored.eventId());
        assertThat(papers.status.get(row.arxivId)).isEqualTo(PaperStatus.INGESTED);
    }

    /**
     * An unknown paper's try while the database is away from {@code step} on, longer than the policy
     * waits: the try ends in the exception, to the worker.
     */
    Paper unknownPaperWithTheDatabaseAwayFrom(String step) {
        PaperStore.Claim claim = claim("2401.99999");
        papers.down(step, DATABASE_ATTEMPTS);
        assertThatThrownBy(() -> stage.process(claim)).isInstanceOf(JDBCConnectionException.class);
        return papers.rows.get("2401.99999");
    }

    @Test
    void aFailureThatCannotBeRecordedIsLeftToTheLeaseAndRecordedByTheNextClaim() {
        Paper row = unknownPaperWithTheDatabaseAwayFrom("markFailed");
        assertThat(papers.status.get(row.arxivId)).isEqualTo(PaperStatus.REQUESTED);
        assertThat(row.leaseUntil).isNotNull();
        assertThat(broker.failed).isEmpty();
        assertThat(allOutcomes()).isZero();

        stage.process(papers.claim("2401.99999"));
        assertThat(broker.failed).singleElement().extracting(StageFailed::retryable).isEqualTo(false);
        assertThat(papers.status.get(row.arxivId)).isEqualTo(PaperStatus.FAILED);
    }

    @Test
    void aStageFailedAckThatCannotBeRecordedKeepsTheEventForTheRepublisherUnderTheSameId() {
        Paper row = unknownPaperWithTheDatabaseAwayFrom("failureSent");
        assertThat(papers.status.get(row.arxivId)).as("the failure is recorded").isEqualTo(PaperStatus.FAILED);
        assertThat(row.failureEvent).as("kept: its ack was not recorded").isNotNull();
        assertThat(broker.failed).hasSize(1);

        assertThat(stage.sendFailure(row.arxivId, row.failureEvent)).isTrue();
        assertThat(broker.failed).extracting(StageFailed::eventId).as("a redelivery consumers drop")
                .containsExactly(broker.failed.get(0).eventId(), broker.failed.get(0).eventId());
        assertThat(row.failureEvent).isNull();
    }

    @Test
    void aDatabaseErrorThatIsNoOutageIsNotRetriedByThePolicyAndQueuesThePaper() {
        papers.broken.put("recordIngested", new jakarta.persistence.PersistenceException("could not execute statement",
                new SQLException("value too long for type character varying(512)", "22001")));
        stage.process(claim(LORA));

        assertThat(papers.calls).as("run once: only a lost connection is run again")
                .containsExactly("recordIngested", "markTransient");
        Paper row = papers.rows.get(LORA);
        assertThat(row.lastError).isEqualTo("the database was unavailable");
        assertThat(papers.waiting(LORA)).isTrue();
        assertThat(retries("database")).isEqualTo(1);
        assertThat(broker.ingested).isEmpty();
        assertThat(broker.failed).isEmpty();
    }

    @Test
    void theDurationTimerIsOnlyStoppedForAFinalOutcome() {
        store.down(true);
        stage.process(claim(LORA));
        assertThat(metrics.find("paperledge.stage.duration").timers()).isEmpty();
        store.down(false);
        stage.process(papers.claim(LORA));
        assertThat(metrics.find("paperledge.stage.duration").timers()).singleElement()
                .satisfies(t -> assertThat(t.getId().getTag("outcome")).isEqualTo("success"))
                .extracting(Timer::count).isEqualTo(1L);
    }
}
