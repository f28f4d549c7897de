package dev.paperledge.ingest.status;

import dev.paperledge.contracts.Stage;

/** Where a paper is in the pipeline. The order of the successful states is the pipeline's order. */
public enum PaperStatus {
    REQUESTED(0), INGESTED(1), SCRIPTED(2), VOICED(3), PUBLISHED(4), FAILED(-1);

    private final int rank;

    PaperStatus(int rank) {
        this.rank = rank;
    }

    /** Position in the pipeline (FAILED has none: it is judged by its failed stage). */
    public int rank() {
        return rank;
    }

    /** The status a paper reaches when {@code stage} succeeds. */
    public static PaperStatus afterSuccessOf(Stage stage) {
        return switch (stage) {
            case INGEST -> INGESTED;
            case SCRIPT -> SCRIPTED;
            case AUDIO -> VOICED;
            case PUBLISH -> PUBLISHED;
        };
    }

    /** The status a paper has while {@code stage} is running (the previous stage's success). */
    public static PaperStatus beforeStage(Stage stage) {
        return switch (stage) {
            case INGEST -> REQUESTED;
            case SCRIPT -> INGESTED;
            case AUDIO -> SCRIPTED;
            case PUBLISH -> VOICED;
        };
    }
}
