package dev.paperledge.publish.service;

import java.util.List;

import dev.paperledge.contracts.AudioReady;
import dev.paperledge.publish.domain.Episode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

/** The stage's {@link Catalogue} on the real parts: episodes in PostgreSQL, the feed in the object store. */
@ApplicationScoped
public class StoredCatalogue implements Catalogue {
    private final EpisodeService episodes;
    private final FeedService feeds;
    private final TopicFeeds topics;

    public StoredCatalogue(EpisodeService episodes, FeedService feeds, TopicFeeds topics) {
        this.episodes = episodes;
        this.feeds = feeds;
        this.topics = topics;
    }

    /** In a transaction of its own, so the episode is committed before the feed is rebuilt from it. */
    @Override
    public boolean record(AudioReady production) {
        return !QuarkusTransaction.requiringNew().call(() -> episodes.publish(production)).stale();
    }

    @Override
    public Episode rebuildFeed(String arxivId) {
        feeds.rebuild();
        return episodes.find(arxivId).orElseThrow(
                () -> new IllegalStateException("episode " + arxivId + " vanished while publishing"));
    }

    @Override
    public List<String> feedUrlsFor(Episode episode) {
        return topics.feedUrlsFor(episode);
    }
}
