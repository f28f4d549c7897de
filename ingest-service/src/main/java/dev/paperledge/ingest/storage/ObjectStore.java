package dev.paperledge.ingest.storage;

/** The object store (S3 API). Keys follow {@link dev.paperledge.contracts.ObjectKeys}. */
public interface ObjectStore {
    /** Writes (or overwrites: keys are deterministic, so a redo writes the same object). */
    void put(String key, byte[] bytes, String contentType);

    /** The object's bytes, or null when there is none. */
    byte[] get(String key);

    /** Whether the store answers and the bucket exists. */
    boolean ready();
}
