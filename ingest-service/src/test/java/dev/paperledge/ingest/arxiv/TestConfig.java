package dev.paperledge.ingest.arxiv;

import java.time.Duration;

/** An {@link ArxivConfig} for tests of the client outside Quarkus: fast retries, small caps. */
record TestConfig(String baseUrl, Duration minInterval, Duration requestTimeout, int maxAttempts, long maxPdfBytes)
        implements ArxivConfig {

    static TestConfig of(String baseUrl) {
        return new TestConfig(baseUrl, Duration.ofMillis(10), Duration.ofMillis(800), 4, 1_000_000);
    }

    TestConfig withInterval(Duration d) {
        return new TestConfig(baseUrl, d, requestTimeout, maxAttempts, maxPdfBytes);
    }

    @Override
    public String fulltextBaseUrl() {
        return baseUrl;
    }

    @Override
    public Duration connectTimeout() {
        return Duration.ofSeconds(2);
    }

    @Override
    public Duration initialBackoff() {
        return Duration.ofMillis(20);
    }

    @Override
    public Duration maxBackoff() {
        return Duration.ofMillis(200);
    }

    @Override
    public String userAgent() {
        return "PaperLedge-ingest/test";
    }

    @Override
    public long maxHtmlBytes() {
        return 1_000_000;
    }

    @Override
    public long maxAtomBytes() {
        return 1_000_000;
    }
}
