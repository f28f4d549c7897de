package dev.paperledge.script.it;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

public class ReviewGateProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("paperledge.script.review.enabled", "true");
    }
}
