package dev.paperledge.ingest.subscription;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The subscription poller (see application.properties for the env vars). */
@ConfigMapping(prefix = "paperledge.subscriptions")
public interface PollerConfig {
    /** Whether the scheduled poll runs (an operator's "poll now" always works). */
    @WithDefault("true")
    boolean enabled();

    /** Time between two scheduled polls of every rule. */
    @WithDefault("1h")
    Duration pollInterval();

    /** Time from start-up to the first scheduled poll. */
    @WithDefault("1m")
    Duration startDelay();

    /** Papers asked for per listing request. */
    @WithDefault("50")
    int pageSize();

    /** The most papers one poll of a rule reads (pages of page-size until this bound). */
    @WithDefault("200")
    int maxResults();
}
