package dev.paperledge.publish.storage;

import java.io.InputStream;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The object store as publishing needs it. The default is {@link MinioObjectStore} (any S3 API).
 * Methods throw {@link ObjectStoreUnavailableException} when the store cannot be reached (transient);
 * a missing object is an empty Optional, not an exception.
 */
public interface ObjectStore {

    /** Size and metadata of an object. */
    record ObjectInfo(String key, long size, Instant lastModified, Map<String, String> userMetadata) {
    }

    Optional<ObjectInfo> stat(String key);

    /** Reads {@code length} bytes from {@code offset}; length -1 reads to the end. */
    InputStream read(String key, long offset, long length);

    byte[] readAll(String key);

    void put(String key, byte[] content, String contentType, Map<String, String> userMetadata);

    void remove(String key);

    /** Creates the bucket if it is missing; true when the store answers. */
    boolean ensureBucket();
}
