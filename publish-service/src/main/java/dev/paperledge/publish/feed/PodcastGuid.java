package dev.paperledge.publish.feed;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * {@code podcast:guid} as the Podcasting 2.0 namespace defines it: a UUIDv5 (SHA-1, RFC 4122) of the
 * feed URL without its scheme and trailing slashes, in the namespace
 * {@code ead4c236-bf58-58c6-a2c6-a6b28d128cb6}.
 */
public final class PodcastGuid {
    public static final UUID PODCAST_NAMESPACE = UUID.fromString("ead4c236-bf58-58c6-a2c6-a6b28d128cb6");

    private PodcastGuid() {
    }

    public static UUID forFeedUrl(String feedUrl) {
        String s = feedUrl.strip().replaceFirst("^[A-Za-z][A-Za-z0-9+.-]*://", "");
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return uuidV5(PODCAST_NAMESPACE, s);
    }

    public static UUID uuidV5(UUID namespace, String name) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            ByteBuffer ns = ByteBuffer.allocate(16);
            ns.putLong(namespace.getMostSignificantBits()).putLong(namespace.getLeastSignificantBits());
            sha1.update(ns.array());
            byte[] h = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
            h[6] = (byte) ((h[6] & 0x0f) | 0x50); // version 5
            h[8] = (byte) ((h[8] & 0x3f) | 0x80); // IETF variant
            ByteBuffer b = ByteBuffer.wrap(h, 0, 16);
            return new UUID(b.getLong(), b.getLong());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
