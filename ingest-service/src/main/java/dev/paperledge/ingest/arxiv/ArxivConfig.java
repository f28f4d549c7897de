package dev.paperledge.ingest.arxiv;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How this service reaches arXiv (see application.properties for the env vars). */
@ConfigMapping(prefix = "paperledge.arxiv")
public interface ArxivConfig {
    /** The API, {@code GET {base}/api/query?id_list=…}. */
    @WithDefault("https://export.arxiv.org")
    String baseUrl();

    /** The site serving {@code /html/<id>} and {@code /pdf/<id>}. */
    @WithDefault("https://arxiv.org")
    String fulltextBaseUrl();

    /** Minimum time between two requests to arXiv, for the whole service. */
    @WithDefault("3s")
    Duration minInterval();

    @WithDefault("20s")
    Duration requestTimeout();

    @WithDefault("10s")
    Duration connectTimeout();

    /** Attempts per request (first try included) on 429, 5xx and timeouts. */
    @WithDefault("5")
    int maxAttempts();

    @WithDefault("2s")
    Duration initialBackoff();

    @WithDefault("60s")
    Duration maxBackoff();

    @WithDefault("PaperLedge-ingest/1.0 (research-paper podcast pipeline; contact: operator@paperledge.invalid)")
    String userAgent();

    /** Largest PDF accepted, in bytes. */
    @WithDefault("52428800")
    long maxPdfBytes();

    /** Largest HTML rendering accepted, in bytes. */
    @WithDefault("20971520")
    long maxHtmlBytes();

    /** Largest API answer accepted, in bytes. */
    @WithDefault("2097152")
    long maxAtomBytes();
}
