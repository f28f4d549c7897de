package dev.paperledge.ingest.status;

/** A paper's row or stage rows changed (fired inside the transaction; observers act after commit). */
public record PaperChanged(String arxivId) {
}
