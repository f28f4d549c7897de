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

    /** A document over its size cap (counted in the bytes as received: the client never asks for compression). */
    public static final class TooLarge extends ArxivException {
        private final long size;
        private final long limit;

        public TooLarge(String reason, long size, long limit) {
            super(reason, true, 200, null);
            this.size = size;
            this.limit = limit;
        }

        /** The size seen: the declared Content-Length, or the bytes read when that passed the limit. */
        public long size() {
            return size;
        }

        public long limit() {
            return limit;
        }
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
