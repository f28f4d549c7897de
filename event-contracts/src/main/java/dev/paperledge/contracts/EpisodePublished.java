package dev.paperledge.contracts;

import java.time.Instant;

/**
 * publish → anyone listening: the episode is in the feed.
 *
 * @param episodeGuid  the item's guid in the feed; never changes for a paper
 * @param episodeUrl   the episode's public page
 * @param feedRevision the feed's revision (its ETag) that first carries this production
 */
public record EpisodePublished(String arxivId, int version, int run, String episodeGuid, String episodeUrl,
        String feedRevision, Instant publishedAt) implements PipelineEvent {

    public static final String TYPE = "paperledge.episode.published.v1";

    @Override
    public Stage stage() {
        return Stage.PUBLISH;
    }

    @Override
    public String eventType() {
        return TYPE;
    }
}
