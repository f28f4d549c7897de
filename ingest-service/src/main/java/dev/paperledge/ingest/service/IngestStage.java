package dev.paperledge.ingest.service;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.paperledge.contracts.ObjectKeys;
import dev.paperledge.contracts.PaperIngested;
import dev.paperledge.contracts.StageFailed;
import dev.paperledge.ingest.arxiv.ArxivClient;
import dev.paperledge.ingest.arxiv.ArxivException;
import dev.paperledge.ingest.arxiv.ArxivId;
import dev.paperledge.ingest.arxiv.ArxivMetadata;
import dev.paperledge.ingest.messaging.EventPublisher;
import dev.paperledge.stage.runner.DatabaseRetry;
import dev.paperledge.stage.storage.ObjectStore;
import dev.paperledge.stage.storage.ObjectStoreUnavailable;
import dev.paperledge.ingest.text.FullText;
import dev.paperledge.ingest.text.FullTextService;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Ingests one claimed paper: metadata from arXiv, the full text, the objects under
 * {@code papers/{id}/v{n}/}, then the {@link PaperIngested} event, sent and acknowledged. Every step
 * is safe to redo (deterministic keys, deterministic event id), so a crash anywhere just redoes it.
 * The database steps after real work (recording the result, a failure, the broker's ack) ride out a
 * database that is briefly away with the kit's one {@link DatabaseRetry} policy, so the work before
 * them (arXiv, object store) is not thrown away for a connection that comes back; ingest bounds the
 * policy to 60 s (application.properties), as a claim's lease takes the paper over after.
 */
@ApplicationScoped
public class IngestStage {
    private static final Logger LOG = Logger.getLogger(IngestStage.class);

    private final ArxivClient arxiv;
    private final FullTextService fullText;
    private final ObjectStore store;
    private final EventPublisher publisher;
    private final IngestRecords papers;
    private final ObjectMapper json;
    private final MeterRegistry metrics;
    private final IngestBackoff backoff;
    private final DatabaseRetry databaseRetry;

    public IngestStage(ArxivClient arxiv, FullTextService fullText, ObjectStore store, EventPublisher publisher,
            IngestRecords papers, ObjectMapper json, MeterRegistry metrics, IngestBackoff backoff,
            DatabaseRetry databaseRetry) {
        this.backoff = backoff;
        this.databaseRetry = databaseRetry;
        this.arxiv = arxiv;
        this.fullText = fullText;
        this.store = store;
        this.publisher = publisher;
        this.papers = papers;
        this.json = json;
        this.metrics = metrics;
    }

    public void process(PaperStore.Claim claim) {
        Timer.Sample sample = Timer.start(metrics);
        String outcome = null; // success | failure, once final; null while the paper waits for another try
        String reason = "none";
        try {
            if (claim.ingestTries() > backoff.maxTries()) {
                // Every try so far was claimed and never finished: do not start another.
                reason = "internal";
                fail(claim, gaveUp(claim), true);
                outcome = "failure";
                return;
            }
            ArxivId id = new ArxivId(claim.arxivId(), claim.requestedVersion());
            ArxivMetadata meta = arxiv.metadata(id);
            FullText text = fullText.extract(meta);

            String metadataKey = ObjectKeys.paper(meta.arxivId(), meta.version(), "metadata.json");
            String textKey = ObjectKeys.paper(meta.arxivId(), meta.version(), "sections.json");
            if (text.sourceFile() != null) {
                store.put(ObjectKeys.paper(meta.arxivId(), meta.version(), text.sourceName()), text.sourceFile(),
                        text.contentType());
            }
            store.put(textKey, json.writeValueAsBytes(text.text()), "application/json");
            Map<String, Object> metadataDoc = new LinkedHashMap<>();
            metadataDoc.put("paper", meta);
            metadataDoc.put("textSource", text.source());
            metadataDoc.put("textNotes", text.notes());
            metadataDoc.put("sourceKey", text.sourceName() == null ? null
                    : ObjectKeys.paper(meta.arxivId(), meta.version(), text.sourceName()));
            store.put(metadataKey, json.writeValueAsBytes(metadataDoc), "application/json");

            PaperIngested event = new PaperIngested(meta.arxivId(), meta.version(), claim.run(), meta.summary(),
                    metadataKey, textKey, text.source(), Instant.now(), claim.format());
            String eventJson = json.writeValueAsString(event);
            boolean current = database(claim.arxivId() + ": recording the ingest result",
                    () -> papers.recordIngested(claim, meta.version(), meta.title(), meta.primaryCategory(),
                            meta.categoryName(), text.source(), text.notes(), metadataKey, textKey, eventJson));
            if (!current) {
                LOG.infof("%s: run %d was superseded while ingesting; result dropped", claim.arxivId(), claim.run());
                return;
            }
            outcome = "success";
            send(claim.arxivId(), claim.run(), event);
        } catch (ArxivException e) {
            reason = reasonOf(e);
            if (e.getCause() != null) {
                LOG.warnf(e, "%s: %s", claim.arxivId(), e.getMessage());
            }
            outcome = failOrRetry(claim, e.getMessage(), !e.permanent(), reason);
        } catch (JsonProcessingException e) {
            // Reasons are public: a sentence for people; the exception and its trace go to the log.
            reason = "internal";
            LOG.errorf(e, "%s: could not write the paper's JSON", claim.arxivId());
            outcome = failOrRetry(claim, "could not write the paper's data (an internal error; see the ingest-service log)",
                    false, reason);
        } catch (ObjectStoreUnavailable e) {
            reason = "object-store";
            LOG.warnf(e, "%s: object store unavailable", claim.arxivId());
            outcome = failOrRetry(claim, "the object store was unavailable", true, reason);
        } catch (StackOverflowError | OutOfMemoryError e) {
            // A hostile document the limits did not catch: this try fails, the worker lives on.
            reason = "internal";
            LOG.errorf(e, "%s: ingest try ran out of %s", claim.arxivId(),
                    e instanceof StackOverflowError ? "stack" : "memory");
            outcome = failOrRetry(claim, "ingest ran out of memory on this paper (see the ingest-service log)", true,
                    reason);
        } catch (RuntimeException e) {
            reason = isDatabase(e) ? "database" : "internal";
            LOG.warnf(e, "%s: ingest try failed", claim.arxivId());
            outcome = failOrRetry(claim, reason.equals("database") ? "the database was unavailable"
                    : "ingest failed on an internal error (see the ingest-service log)", true, reason);
        } finally {
            if (outcome != null) {
                sample.stop(Timer.builder("paperledge.stage.duration").description("Time a stage spent on a paper")
                        .tags("stage", "ingest", "outcome", outcome).publishPercentileHistogram().register(metrics));
                metrics.counter("paperledge.stage.outcomes", "stage", "ingest", "outcome", outcome, "reason", reason)
                        .increment();
            }
        }
    }

    /** The reason of a paper whose every try was claimed and never finished. */
    private String gaveUp(PaperStore.Claim claim) {
        int tries = claim.ingestTries() - 1;
        String reason = "ingest gave up after " + tries + " attempt" + (tries == 1 ? "" : "s")
                + ": none of them finished (the service stopped or ran out of memory on this paper, or a try"
                + " outlived its lease); see the ingest-service log";
        LOG.warnf("%s: %d claims of run %d never finished; failing it", claim.arxivId(), tries, claim.run());
        return claim.lastError() == null ? reason : reason + ". The last error: " + claim.lastError();
    }

    /** A short, bounded reason class for metrics (never free text). */
    static String reasonOf(ArxivException e) {
        if (e.permanent()) {
            String m = e.getMessage() == null ? "" : e.getMessage();
            return m.startsWith("arXiv has no paper") ? "not-found" : m.startsWith("arXiv API error") ? "invalid-id"
                    : "arxiv-refused";
        }
        return e.httpStatus() == 429 ? "arxiv-rate-limited" : e.httpStatus() >= 500 ? "arxiv-5xx" : "arxiv-unreachable";
    }

    private static boolean isDatabase(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException || t instanceof jakarta.persistence.PersistenceException
                    || t.getClass().getName().startsWith("org.hibernate.")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Transient errors keep the paper queued with exponential backoff until the tries run out; then,
     * like permanent errors at once, the paper fails. Returns the final outcome or null (queued).
     */
    private String failOrRetry(PaperStore.Claim claim, String reason, boolean transientError, String reasonClass) {
        int tries = claim.ingestTries(); // the claim counted this try
        if (transientError && backoff.another(tries)) {
            java.time.Duration wait = backoff.delay(tries);
            LOG.warnf("%s: transient ingest error (try %d of %d), next try in %d ms: %s", claim.arxivId(), tries,
                    backoff.maxTries(), wait.toMillis(), reason);
            metrics.counter("paperledge.ingest.retries", "reason", reasonClass).increment();
            database(claim.arxivId() + ": scheduling the next try",
                    () -> papers.markTransient(claim.arxivId(), claim.run(), reason, Instant.now().plus(wait)));
            return null;
        }
        String finalReason = transientError ? reason + " (gave up after " + tries + " tries)" : reason;
        fail(claim, finalReason, transientError);
        return "failure";
    }

    /**
     * Sends a stored ingested event and records the broker's ack; on failure the row is released and
     * the re-publisher sends it later. Returns whether it went out.
     */
    public boolean send(String arxivId, int run, PaperIngested event) {
        try {
            publisher.ingested(event);
        } catch (RuntimeException e) {
            LOG.warnf("%s: broker did not acknowledge the ingested event (%s); the re-publisher will retry", arxivId,
                    e.toString());
            papers.release(arxivId);
            metrics.counter("paperledge.ingest.unacknowledged").increment();
            return false;
        }
        database(arxivId + ": recording the broker's ack", () -> {
            papers.markSent(arxivId, run, event.ingestedAt());
            return true;
        });
        return true;
    }

    private void fail(PaperStore.Claim claim, String reason, boolean retryable) {
        LOG.warnf("%s: ingest failed (%s): %s", claim.arxivId(), retryable ? "transient" : "permanent", reason);
        database(claim.arxivId() + ": recording the failure",
                () -> papers.markFailed(claim.arxivId(), claim.run(), reason, retryable,
                        p -> failureJson(new StageFailed(p.arxivId, p.version == null ? versionOf(claim) : p.version,
                                p.run, dev.paperledge.contracts.Stage.INGEST, reason, p.attempt, retryable,
                                Instant.now()))))
                .ifPresent(eventJson -> sendFailure(claim.arxivId(), eventJson));
    }

    private String failureJson(StageFailed event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends a recorded failure event and forgets it once the broker acknowledged it; if the broker
     * does not, it stays in the paper's row for the re-publisher. Returns whether it went out.
     */
    public boolean sendFailure(String arxivId, String eventJson) {
        try {
            publisher.failed(json.readValue(eventJson, StageFailed.class));
        } catch (JsonProcessingException e) {
            LOG.errorf(e, "%s: unreadable stored failure event dropped", arxivId);
            papers.failureSent(arxivId, eventJson);
            return true;
        } catch (RuntimeException e) {
            LOG.warnf("%s: broker did not acknowledge the failure event (%s); the re-publisher will retry", arxivId,
                    e.toString());
            return false;
        }
        database(arxivId + ": recording the broker's ack of the failure", () -> {
            papers.failureSent(arxivId, eventJson);
            return true;
        });
        return true;
    }

    /**
     * Runs the database step {@code what} under the kit's {@link DatabaseRetry} policy and returns what
     * it returned (the policy runs a {@code Runnable}); each failed try is logged, the last one thrown.
     */
    private <T> T database(String what, Supplier<T> step) {
        AtomicReference<T> result = new AtomicReference<>();
        databaseRetry.run(() -> {
            try {
                result.set(step.get());
            } catch (RuntimeException e) {
                LOG.warnf("%s failed: %s", what, e.toString());
                throw e;
            }
        });
        return result.get();
    }

    private static int versionOf(PaperStore.Claim claim) {
        return claim.requestedVersion() == null ? 1 : claim.requestedVersion();
    }
}
