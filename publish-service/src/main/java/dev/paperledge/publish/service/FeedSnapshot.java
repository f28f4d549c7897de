package dev.paperledge.publish.service;

import java.time.Instant;

/**
 * One revision of the feed as served.
 *
 * @param revision     hex SHA-256 prefix of the content; the HTTP ETag (quoted) and the feed revision of events
 * @param lastModified when this content first appeared (whole seconds, as HTTP dates carry)
 */
public record FeedSnapshot(byte[] content, String revision, Instant lastModified) {
    public String etag() {
        return "\"" + revision + "\"";
    }
}
