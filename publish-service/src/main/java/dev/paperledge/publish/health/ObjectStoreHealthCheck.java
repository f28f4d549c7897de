package dev.paperledge.publish.health;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import dev.paperledge.publish.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;

/** Ready only when the object store answers (feed, audio and artwork live there). */
@Readiness
@ApplicationScoped
public class ObjectStoreHealthCheck implements HealthCheck {
    private final ObjectStore store;

    public ObjectStoreHealthCheck(ObjectStore store) {
        this.store = store;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            return HealthCheckResponse.named("object-store").status(store.ensureBucket()).build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("object-store").down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
