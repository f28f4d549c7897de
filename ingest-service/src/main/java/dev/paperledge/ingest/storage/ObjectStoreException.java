package dev.paperledge.ingest.storage;

/** The object store failed: transient (down, timing out) as far as this service can tell. */
public class ObjectStoreException extends RuntimeException {
    public ObjectStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
