package dev.paperledge.script.storage;

import java.util.Optional;

/** The object store as this service uses it (S3 API through MinIO's client by default). */
public interface ObjectStore {
    void put(String key, byte[] content, String contentType);

    /** The object's bytes, or empty when there is no such object. */
    Optional<byte[]> get(String key);

    void ensureBucket();

    boolean reachable();

    /** The store could not be reached or answered with a server error: retrying later can help. */
    class StoreUnavailableException extends RuntimeException {
        public StoreUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
