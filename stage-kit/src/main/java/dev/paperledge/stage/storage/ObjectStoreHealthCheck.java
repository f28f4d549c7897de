package dev.paperledge.stage.storage;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import jakarta.enterprise.context.ApplicationScoped;

/** Readiness: the object store answers and the bucket exists (creating it if a fresh store lacks it). */
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
            if (!store.ready()) {
                store.ensureBucket();
            }
            return HealthCheckResponse.named("object-store").status(store.ready()).build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("object-store").down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
