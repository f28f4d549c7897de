package dev.paperledge.ingest.arxiv;

/**
 * arXiv could not give what was asked. {@link #permanent()} failures (no such paper, the API's error
 * entry, a refused document) will not change on retry; the others (429, 5xx, timeouts after the
 * client's own retries) may.
 */
public class ArxivException extends Exception {
    private final boolean permanent;
    private final int httpStatus;

    public ArxivException(String reason, boolean permanent, int httpStatus, Throwable cause) {
        super(reason, cause);
        this.permanent = permanent;
        this.httpStatus = httpStatus;
    }

    public static ArxivException permanent(String reason) {
        return new ArxivException(reason, true, 0, null);
    }

    public boolean permanent() {
        return permanent;
    }

    /** The last HTTP status seen, 0 when none (timeouts, connection errors, parse errors). */
    public int httpStatus() {
        return httpStatus;
    }
}
