package dev.paperledge.ingest.text;

/**
 * Why a full-text document (HTML or PDF) gave no text; the caller falls back to the next source and
 * records the reason, a sentence for people (the cause, if any, goes to the log).
 */
public final class UnusableDocument extends Exception {
    public UnusableDocument(String reason, Throwable cause) {
        super(reason, cause);
    }
}
