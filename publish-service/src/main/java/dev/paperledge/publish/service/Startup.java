package dev.paperledge.publish.service;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Stores the artwork and rebuilds the feed at start-up (the stage kit's object store makes the bucket). */
@ApplicationScoped
public class Startup {
    private static final Logger LOG = Logger.getLogger(Startup.class);

    void onStart(@Observes StartupEvent ev, FeedService feeds) {
        try {
            feeds.ensureArtwork();
            // from the database, so changed show settings reach the feed; same state, same revision
            feeds.rebuild();
        } catch (RuntimeException e) {
            // Served lazily on first request; readiness reports the object store meanwhile.
            LOG.warnf("object store not ready at start-up: %s", e.getMessage());
        }
    }
}
