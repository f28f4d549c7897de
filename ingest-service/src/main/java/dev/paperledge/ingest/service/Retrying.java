package dev.paperledge.ingest.service;

import java.time.Duration;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

/**
 * Retries a short database step through a hiccup (a PostgreSQL restart takes seconds): the work
 * before it (arXiv, object store) is not thrown away for a connection that comes back.
 */
final class Retrying {
    private static final Logger LOG = Logger.getLogger(Retrying.class);

    private Retrying() {
    }

    static <T> T db(String what, Duration within, Supplier<T> step) {
        long deadline = System.nanoTime() + within.toNanos();
        long backoff = 200;
        while (true) {
            try {
                return step.get();
            } catch (RuntimeException e) {
                if (System.nanoTime() + backoff * 1_000_000 > deadline) {
                    throw e;
                }
                LOG.warnf("%s failed (%s); retrying in %d ms", what, e.toString(), backoff);
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                backoff = Math.min(backoff * 2, 5_000);
            }
        }
    }
}
