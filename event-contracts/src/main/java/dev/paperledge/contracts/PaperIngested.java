package dev.paperledge.contracts;

import java.time.Instant;

/**
 * ingest → script: the paper's metadata and extracted text are in the object store.
 *
 * @param metadataKey object key of the metadata JSON
 * @param textKey     object key of the {@link PaperText} JSON
 * @param textSource  where the text came from: {@code HTML}, {@code PDF} or {@code ABSTRACT}
 * @param format      the episode's format asked for at submission ({@code solo} or {@code duo}), or
 *                    null: the script stage's configured default (events from before formats)
 */
public record PaperIngested(String arxivId, int version, int run, PaperSummary paper, String metadataKey,
        String textKey, String textSource, Instant ingestedAt, String format) implements PipelineEvent {

    public static final String TYPE = "paperledge.paper.ingested.v1";

    /** An ingested paper in the stage's default format. */
    public PaperIngested(String arxivId, int version, int run, PaperSummary paper, String metadataKey,
            String textKey, String textSource, Instant ingestedAt) {
        this(arxivId, version, run, paper, metadataKey, textKey, textSource, ingestedAt, null);
    }

    @Override
    public Stage stage() {
        return Stage.INGEST;
    }

    @Override
    public String eventType() {
        return TYPE;
    }
}
