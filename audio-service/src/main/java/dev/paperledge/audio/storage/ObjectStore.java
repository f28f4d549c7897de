package dev.paperledge.audio.storage;

/**
 * The object store as the audio stage sees it: read the script another stage wrote, write the
 * episode's files under deterministic keys. Failures surface as {@link ObjectStoreException}.
 */
public interface ObjectStore {

    byte[] get(String key);

    void put(String key, byte[] data, String contentType);

    /** Size in bytes of a stored object. */
    long size(String key);

    boolean isReachable();
}
