package dev.paperledge.stage.storage;

/** The object store could not be reached or answered with a server error: retrying later can help. */
public class ObjectStoreUnavailable extends RuntimeException {
    public ObjectStoreUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
