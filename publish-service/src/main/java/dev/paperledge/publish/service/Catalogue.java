package dev.paperledge.publish.service;

import java.util.List;

import dev.paperledge.contracts.AudioReady;
import dev.paperledge.publish.domain.Episode;

/**
 * What the publish stage needs of the episodes and the feeds, behind one seam: {@link StoredCatalogue}
 * on PostgreSQL and the object store; fast tests run the stage on one in memory.
 */
public interface Catalogue {
    /**
     * Records the production as the paper's episode, committed on return; false when the episode
     * already carries a newer production (nothing changed).
     */
    boolean record(AudioReady production);

    /**
     * Rebuilds the stored feed from the committed episodes and returns the paper's episode as the
     * feed now shows it (its feed revision set).
     */
    Episode rebuildFeed(String arxivId);

    /** Every feed the episode is in: the main feed, its primary category's, each matching topic's. */
    List<String> feedUrlsFor(Episode episode);
}
