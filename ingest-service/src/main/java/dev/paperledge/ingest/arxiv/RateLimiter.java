package dev.paperledge.ingest.arxiv;

import java.time.Duration;

/** Spaces calls at least {@code interval} apart (start to start), for every thread that shares it. */
public final class RateLimiter {
    private final long intervalNanos;
    private long nextFree = Long.MIN_VALUE;

    public RateLimiter(Duration interval) {
        this.intervalNanos = interval.toNanos();
    }

    /** Blocks until a call may start, and reserves that slot. */
    public void acquire() throws InterruptedException {
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            long start = nextFree == Long.MIN_VALUE ? now : Math.max(now, nextFree);
            nextFree = start + intervalNanos;
            wait = start - now;
        }
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }
}
