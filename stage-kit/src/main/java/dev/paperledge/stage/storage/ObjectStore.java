package dev.paperledge.stage.storage;

import java.io.InputStream;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The object store (S3 API) as every stage uses it; keys follow
 * {@link dev.paperledge.contracts.ObjectKeys}. One answer for a missing object everywhere: an empty
 * {@link Optional}. A store that cannot be reached, or answers with a server error, throws
 * {@link ObjectStoreUnavailable} (transient: retrying later can help). The default is
 * {@link MinioObjectStore}; tests of a stage's logic use {@link dev.paperledge.stage.testing.InMemoryObjectStore}.
 */
public interface ObjectStore {
    /** Size, time and user metadata (keys lower-case) of a stored object. */
    record ObjectInfo(String key, long size, Instant lastModified, Map<String, String> userMetadata) {
    }

    /** Writes (or overwrites: keys are deterministic, so a redo writes the same object). */
    default void put(String key, byte[] content, String contentType) {
        put(key, content, contentType, Map.of());
    }

    void put(String key, byte[] content, String contentType, Map<String, String> userMetadata);

    /** The object's bytes, or empty when there is no such object. */
    Optional<byte[]> get(String key);

    /** The object's size and metadata, or empty when there is no such object. */
    Optional<ObjectInfo> stat(String key);

    /** Reads {@code length} bytes from {@code offset} (length -1: to the end); the caller closes it. */
    InputStream read(String key, long offset, long length);

    void remove(String key);

    /** Creates the bucket if it is missing. */
    void ensureBucket();

    /** Whether the store answers and the bucket exists. */
    boolean ready();
}
