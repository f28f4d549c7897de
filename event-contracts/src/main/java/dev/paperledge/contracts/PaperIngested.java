package dev.paperledge.contracts;

import java.time.Instant;

/**
 * ingest → script: the paper's metadata and extracted text are in the object store.
 *
 * @param metadataKey object key of the metadata JSON
 * @param textKey     object key of the {@link PaperText} JSON
 * @param textSource  where the text came from: {@code HTML}, {@code PDF} or {@code ABSTRACT}
 */
public record PaperIngested(String arxivId, int version, int run, PaperSummary paper, String metadataKey,
        String textKey, String textSource, Instant ingestedAt) implements PipelineEvent {

    public static final String TYPE = "paperledge.paper.ingested.v1";

    @Override
    public Stage stage() {
        return Stage.INGEST;
    }

    @Override
    public String eventType() {
        return TYPE;
    }
}
