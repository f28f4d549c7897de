package dev.paperledge.publish.service;

import org.jboss.logging.Logger;

import dev.paperledge.publish.storage.ObjectStore;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Creates the bucket if missing, stores the artwork and rebuilds the feed at start-up. */
@ApplicationScoped
public class Startup {
    private static final Logger LOG = Logger.getLogger(Startup.class);

    void onStart(@Observes StartupEvent ev, ObjectStore store, FeedService feeds) {
        try {
            store.ensureBucket();
            feeds.ensureArtwork();
            // from the database, so changed show settings reach the feed; same state, same revision
            feeds.rebuild();
        } catch (RuntimeException e) {
            // Served lazily on first request; readiness reports the object store meanwhile.
            LOG.warnf("object store not ready at start-up: %s", e.getMessage());
        }
    }
}
