package dev.paperledge.publish.websub;

import java.util.Collection;
import java.util.LinkedHashSet;

import org.jboss.logging.Logger;

import dev.paperledge.publish.feed.ShowSettings;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Tells the configured WebSub hub ({@code paperledge.websub.hub}) which feeds changed, so apps hear
 * of a new episode without waiting for their next poll. Never blocks or fails publishing: each ping
 * runs asynchronously with retries ({@link WebSubPinger}); one that still fails is logged and counted
 * ({@code paperledge.websub.pings{outcome=failure}}). Without a hub it does nothing.
 */
@ApplicationScoped
public class WebSubNotifier {
    private static final Logger LOG = Logger.getLogger(WebSubNotifier.class);
    private final ShowSettings show;
    private final WebSubPinger pinger;
    private final MeterRegistry metrics;

    public WebSubNotifier(ShowSettings show, WebSubPinger pinger, MeterRegistry metrics) {
        this.show = show;
        this.pinger = pinger;
        this.metrics = metrics;
    }

    public boolean enabled() {
        return show.websubHub() != null;
    }

    /** Pings the hub once per distinct feed URL; returns at once. */
    public void changed(Collection<String> feedUrls) {
        String hub = show.websubHub();
        if (hub == null) {
            return;
        }
        for (String url : new LinkedHashSet<>(feedUrls)) {
            try {
                pinger.ping(hub, url).whenComplete((ok, failure) -> {
                    if (failure == null) {
                        LOG.debugf("WebSub hub %s told of %s", hub, url);
                        count("success");
                    } else {
                        LOG.warnf("WebSub hub %s not told of %s after retries: %s", hub, url, failure.getMessage());
                        count("failure");
                    }
                });
            } catch (RuntimeException e) {
                LOG.warnf("WebSub ping of %s for %s not started: %s", hub, url, e.getMessage());
                count("failure");
            }
        }
    }

    private void count(String outcome) {
        metrics.counter("paperledge.websub.pings", "outcome", outcome).increment();
    }
}
