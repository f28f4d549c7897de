package dev.paperledge.ingest.service;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * When to try a paper's ingest again after a transient error: exponential backoff from
 * {@code initial}, doubling up to {@code max}, with up to 20 % jitter (so papers queued behind one
 * outage do not all come back at the same instant), for at most {@code max-tries} tries.
 * Defaults: 8 tries over about 8 minutes (5 s, 10 s, 20 s, 40 s, 80 s, 160 s, 180 s).
 */
@ApplicationScoped
public class IngestBackoff {
    private final int maxTries;
    private final Duration initial;
    private final Duration max;

    public IngestBackoff(@ConfigProperty(name = "paperledge.ingest.max-tries", defaultValue = "8") int maxTries,
            @ConfigProperty(name = "paperledge.ingest.retry-initial", defaultValue = "5s") Duration initial,
            @ConfigProperty(name = "paperledge.ingest.retry-max", defaultValue = "3m") Duration max) {
        this.maxTries = maxTries;
        this.initial = initial;
        this.max = max;
    }

    public int maxTries() {
        return maxTries;
    }

    /** Whether a paper that has failed {@code triesSoFar} times (this one included) gets another try. */
    public boolean another(int triesSoFar) {
        return triesSoFar < maxTries;
    }

    /** The wait before try number {@code triesSoFar + 1}. */
    public Duration delay(int triesSoFar) {
        return delay(triesSoFar, ThreadLocalRandom.current().nextDouble(0.8, 1.0));
    }

    static Duration delay(int triesSoFar, double jitter, Duration initial, Duration max) {
        long base = initial.toMillis();
        int shift = Math.min(Math.max(triesSoFar - 1, 0), 20);
        long ms = Math.min(max.toMillis(), base << shift);
        return Duration.ofMillis(Math.max(1, (long) (ms * jitter)));
    }

    Duration delay(int triesSoFar, double jitter) {
        return delay(triesSoFar, jitter, initial, max);
    }
}
