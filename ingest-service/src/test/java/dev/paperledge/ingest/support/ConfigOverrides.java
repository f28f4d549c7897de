package dev.paperledge.ingest.support;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** A test profile that only overrides configuration: a subclass names its settings in its constructor. */
public abstract class ConfigOverrides implements QuarkusTestProfile {
    private final Map<String, String> overrides;

    protected ConfigOverrides(Map<String, String> overrides) {
        this.overrides = overrides;
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return overrides;
    }
}
