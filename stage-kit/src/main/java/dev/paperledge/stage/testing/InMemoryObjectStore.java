package dev.paperledge.stage.testing;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.paperledge.stage.storage.ObjectStore;
import dev.paperledge.stage.storage.ObjectStoreUnavailable;

/**
 * An {@link ObjectStore} in memory, for fast tests of a stage's logic beside the real-store tests:
 * same answers as the MinIO adapter (a missing object is empty), and {@link #down(boolean)} makes every
 * call fail as an unreachable store does. Not a bean: tests create it.
 */
public class InMemoryObjectStore implements ObjectStore {
    private record Stored(byte[] bytes, String contentType, Map<String, String> metadata, Instant at) {
    }

    private final Map<String, Stored> objects = new ConcurrentHashMap<>();
    private volatile boolean down;

    /** While down, every call throws {@link ObjectStoreUnavailable}. */
    public InMemoryObjectStore down(boolean isDown) {
        this.down = isDown;
        return this;
    }

    @Override
    public void put(String key, byte[] content, String contentType, Map<String, String> userMetadata) {
        check("write " + key);
        objects.put(key, new Stored(content.clone(), contentType, userMetadata == null ? Map.of() : Map.copyOf(userMetadata),
                Instant.now()));
    }

    @Override
    public Optional<byte[]> get(String key) {
        check("read " + key);
        return Optional.ofNullable(objects.get(key)).map(s -> s.bytes().clone());
    }

    @Override
    public Optional<ObjectInfo> stat(String key) {
        check("stat " + key);
        return Optional.ofNullable(objects.get(key)).map(s -> new ObjectInfo(key, s.bytes().length, s.at(), s.metadata()));
    }

    @Override
    public InputStream read(String key, long offset, long length) {
        check("read " + key);
        Stored s = objects.get(key);
        if (s == null) {
            throw new ObjectStoreUnavailable("object store: no object " + key, null);
        }
        int from = (int) Math.min(offset, s.bytes().length);
        int to = length < 0 ? s.bytes().length : (int) Math.min(s.bytes().length, from + length);
        return new ByteArrayInputStream(Arrays.copyOfRange(s.bytes(), from, to));
    }

    @Override
    public void remove(String key) {
        check("remove " + key);
        objects.remove(key);
    }

    @Override
    public void ensureBucket() {
        check("create bucket");
    }

    @Override
    public boolean ready() {
        return !down;
    }

    /** The content type an object was stored with, or null. */
    public String contentType(String key) {
        Stored s = objects.get(key);
        return s == null ? null : s.contentType();
    }

    public java.util.Set<String> keys() {
        return java.util.Set.copyOf(objects.keySet());
    }

    private void check(String what) {
        if (down) {
            throw new ObjectStoreUnavailable("object store: could not " + what + " (down)", null);
        }
    }
}
