package dev.paperledge.ingest.service;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

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
import dev.paperledge.ingest.storage.ObjectStore;
import dev.paperledge.ingest.text.FullText;
import dev.paperledge.ingest.text.FullTextService;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Ingests one claimed paper: metadata from arXiv, the full text, the objects under
 * {@code papers/{id}/v{n}/}, then the {@link PaperIngested} event, sent and acknowledged. Every step
 * is safe to redo (deterministic keys, deterministic event id), so a crash anywhere just redoes it.
 */
@ApplicationScoped
public class IngestProcessor {
    private static final Logger LOG = Logger.getLogger(IngestProcessor.class);

    private final ArxivClient arxiv;
    private final FullTextService fullText;
    private final ObjectStore store;
    private final EventPublisher publisher;
    private final PaperStore papers;
    private final ObjectMapper json;
    private final MeterRegistry metrics;

    public IngestProcessor(ArxivClient arxiv, FullTextService fullText, ObjectStore store, EventPublisher publisher,
            PaperStore papers, ObjectMapper json, MeterRegistry metrics) {
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
        String outcome = "ingested";
        try {
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
                    metadataKey, textKey, text.source(), Instant.now());
            if (!papers.recordIngested(claim, meta.version(), meta.title(), meta.primaryCategory(), meta.categoryName(),
                    text.source(), metadataKey, textKey, json.writeValueAsString(event))) {
                outcome = "superseded";
                LOG.infof("%s: run %d was superseded while ingesting; result dropped", claim.arxivId(), claim.run());
                return;
            }
            send(claim.arxivId(), claim.run(), event);
        } catch (ArxivException e) {
            outcome = e.permanent() ? "not-found-or-refused" : "arxiv-unavailable";
            fail(claim, e.getMessage(), !e.permanent());
        } catch (JsonProcessingException e) {
            outcome = "error";
            fail(claim, "could not write the paper's JSON: " + e.getMessage(), false);
        } catch (RuntimeException e) {
            outcome = "error";
            LOG.errorf(e, "%s: ingest failed", claim.arxivId());
            fail(claim, "ingest failed: " + e.getMessage(), true);
        } finally {
            sample.stop(metrics.timer("paperledge.stage.duration", "stage", "ingest", "outcome", outcome));
            metrics.counter("paperledge.ingest.outcomes", "outcome", outcome).increment();
        }
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
        papers.markSent(arxivId, run);
        return true;
    }

    private void fail(PaperStore.Claim claim, String reason, boolean retryable) {
        LOG.warnf("%s: ingest failed (%s): %s", claim.arxivId(), retryable ? "transient" : "permanent", reason);
        papers.markFailed(claim.arxivId(), claim.run(), reason, retryable).ifPresent(p -> {
            try {
                publisher.failed(new StageFailed(p.arxivId, p.version == null ? versionOf(claim) : p.version, p.run,
                        dev.paperledge.contracts.Stage.INGEST, reason, p.attempt, retryable, Instant.now()));
            } catch (RuntimeException e) {
                // The failure is recorded in the paper's row; the event only informs other listeners.
                LOG.warnf("%s: could not send the failure event: %s", claim.arxivId(), e.toString());
            }
        });
    }

    private static int versionOf(PaperStore.Claim claim) {
        return claim.requestedVersion() == null ? 1 : claim.requestedVersion();
    }
}
