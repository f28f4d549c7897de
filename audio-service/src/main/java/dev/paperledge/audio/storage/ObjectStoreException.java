package dev.paperledge.audio.storage;

/** The object store failed. {@code missing} marks a key that does not exist (permanent). */
public class ObjectStoreException extends RuntimeException {
    private final boolean missing;

    public ObjectStoreException(String message, boolean missing, Throwable cause) {
        super(message, cause);
        this.missing = missing;
    }

    public boolean missing() {
        return missing;
    }
}
