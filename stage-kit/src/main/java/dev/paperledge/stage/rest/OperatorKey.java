package dev.paperledge.stage.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The operator key ({@code PAPERLEDGE_OPERATOR_API_KEY}). A service with operator calls sets
 * {@code paperledge.operator.required=true}: then a missing key, or the well-known local one where
 * {@code paperledge.operator.local-key-allowed} is off (anything but the dev, test and local
 * profiles; the local scripts run the services in the local profile), stops start-up before the
 * service takes any request. A service without operator calls needs no key and refuses every write.
 */
@Startup(Integer.MIN_VALUE)
@ApplicationScoped
public class OperatorKey {
    public static final String LOCAL_DEFAULT = "paperledge-local-operator-key";

    private final byte[] key;

    public OperatorKey(@ConfigProperty(name = "paperledge.operator.api-key") Optional<String> key,
            @ConfigProperty(name = "paperledge.operator.local-key-allowed", defaultValue = "false") boolean localKeyAllowed,
            @ConfigProperty(name = "paperledge.operator.required", defaultValue = "false") boolean required) {
        String usable = null;
        try {
            usable = usable(key, localKeyAllowed);
        } catch (IllegalStateException e) {
            if (required) {
                throw e;
            }
        }
        this.key = usable == null ? null : usable.getBytes(StandardCharsets.UTF_8);
    }

    /** The key to use, or why the service must not start with it. */
    static String usable(Optional<String> key, boolean localKeyAllowed) {
        String k = key.map(String::strip).orElse("");
        if (k.isEmpty()) {
            throw new IllegalStateException("No operator key: set PAPERLEDGE_OPERATOR_API_KEY to a secret value "
                    + "(the local default is only for the dev and test profiles and deploy/local's scripts)");
        }
        if (k.equals(LOCAL_DEFAULT) && !localKeyAllowed) {
            throw new IllegalStateException("PAPERLEDGE_OPERATOR_API_KEY is the published local default '"
                    + LOCAL_DEFAULT + "': set a secret value outside local runs");
        }
        return k;
    }

    /** Compares in constant time, so how long a refusal takes says nothing about the key. */
    public boolean matches(String given) {
        return key != null && given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), key);
    }
}
