package dev.paperledge.publish.storage;

/** The object store did not answer or failed on its side: a retry later can help. */
public class ObjectStoreUnavailableException extends RuntimeException {
    public ObjectStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
