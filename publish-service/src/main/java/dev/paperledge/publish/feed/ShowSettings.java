package dev.paperledge.publish.feed;

/**
 * The show's channel metadata and public address (from configuration, see {@code ShowConfig}).
 *
 * @param baseUrl public base URL without trailing slash; every URL in the feed starts with it
 */
public record ShowSettings(String title, String description, String author, String ownerName, String ownerEmail,
        String host, String language, String category, String subcategory, boolean explicit, boolean locked,
        String baseUrl) {

    public ShowSettings {
        baseUrl = baseUrl.replaceAll("/+$", "");
    }

    public String feedUrl() {
        return baseUrl + "/feed.xml";
    }

    public String artworkUrl() {
        return baseUrl + "/artwork.png";
    }

    public String episodePageUrl(String slug) {
        return baseUrl + "/episodes/" + slug;
    }

    public String audioUrl(String slug) {
        return episodePageUrl(slug) + "/audio.mp3";
    }

    public String transcriptUrl(String slug) {
        return episodePageUrl(slug) + "/transcript.vtt";
    }

    public String jsonTranscriptUrl(String slug) {
        return episodePageUrl(slug) + "/transcript.json";
    }

    public String chaptersUrl(String slug) {
        return episodePageUrl(slug) + "/chapters.json";
    }
}
