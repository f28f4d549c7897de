package dev.paperledge.ingest.service;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

import dev.paperledge.ingest.domain.Paper;

/**
 * What the ingest stage needs of its papers' rows, behind one seam: {@link PaperStore} on PostgreSQL
 * (each call its own transaction, or the caller's); fast tests run {@link IngestStage} on rows in
 * memory. Every call names the run it is for and changes nothing once the paper moved on to another.
 */
public interface IngestRecords {
    /**
     * Stores the ingest result and the event to send, unless the paper moved on to another run
     * meanwhile (a forced re-production): then the result is dropped and false returned.
     */
    boolean recordIngested(PaperStore.Claim c, int version, String title, String category, String categoryName,
            String textSource, String textNotes, String metadataKey, String textKey, String eventJson);

    /** The broker acknowledged the ingested event of run {@code run}, written at {@code ingestedAt}. */
    void markSent(String arxivId, int run, Instant ingestedAt);

    /** Gives the row back (e.g. the broker did not acknowledge): the re-publisher will take it. */
    void release(String arxivId);

    /**
     * Ingest gave up on run {@code run}: records the failure and, with it, the failure event
     * {@code event} makes of the paper (kept until the broker acknowledged it). Returns that event, or
     * empty if the run moved on.
     */
    Optional<String> markFailed(String arxivId, int run, String reason, boolean retryable,
            Function<Paper, String> event);

    /** The broker acknowledged the failure event {@code json} (a newer one, if any, stays). */
    void failureSent(String arxivId, String json);

    /**
     * A transient error: the paper stays queued and is tried again at {@code next}. Returns false if
     * the run moved on.
     */
    boolean markTransient(String arxivId, int run, String error, Instant next);
}
