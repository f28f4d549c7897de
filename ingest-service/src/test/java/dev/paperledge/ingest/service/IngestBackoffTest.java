package dev.paperledge.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class IngestBackoffTest {
    static final Duration INITIAL = Duration.ofSeconds(5);
    static final Duration MAX = Duration.ofMinutes(3);

    @Test
    void theWaitDoublesFromTheInitialUpToTheCap() {
        long[] secs = new long[8];
        for (int tries = 1; tries <= 8; tries++) {
            secs[tries - 1] = IngestBackoff.delay(tries, 1.0, INITIAL, MAX).toSeconds();
        }
        assertThat(secs).containsExactly(5, 10, 20, 40, 80, 160, 180, 180);
    }

    @Test
    void eightTriesSpanAboutEightMinutesAndSurviveAThirtySecondOutage() {
        IngestBackoff b = new IngestBackoff(8, INITIAL, MAX);
        long total = 0;
        for (int tries = 1; b.another(tries); tries++) {
            total += IngestBackoff.delay(tries, 1.0, INITIAL, MAX).toSeconds();
        }
        assertThat(total).isBetween(420L, 600L);
        // the first four waits (even at the low jitter end) reach past a 30 s outage
        double lowest = 0;
        for (int tries = 1; tries <= 4; tries++) {
            lowest += IngestBackoff.delay(tries, 0.8, INITIAL, MAX).toMillis();
        }
        assertThat(lowest).isGreaterThan(30_000);
        assertThat(b.another(7)).isTrue();
        assertThat(b.another(8)).isFalse();
    }

    @Test
    void hugeTryCountsDoNotOverflow() {
        assertThat(IngestBackoff.delay(500, 1.0, INITIAL, MAX)).isEqualTo(MAX);
    }
}
