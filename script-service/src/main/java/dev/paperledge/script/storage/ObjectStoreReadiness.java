package dev.paperledge.script.storage;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/** Ready only when the bucket answers; creates the bucket at start-up on fresh machines. */
@Readiness
@ApplicationScoped
public class ObjectStoreReadiness implements HealthCheck {
    @Inject
    ObjectStore store;

    void onStart(@Observes StartupEvent ev) {
        try {
            store.ensureBucket();
        } catch (RuntimeException e) {
            org.jboss.logging.Logger.getLogger(ObjectStoreReadiness.class).warn("object store not ready at start-up", e);
        }
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("object-store").status(store.reachable()).build();
    }
}
