package dev.paperledge.publish.feed;

/**
 * The show's channel metadata and public address (from configuration, see {@code ShowConfig}).
 *
 * @param baseUrl   public base URL without trailing slash; every URL in the feed starts with it
 * @param aiContent what {@code <podcast:txt purpose="ai-content">} says on the channel and every item
 * @param websubHub the WebSub hub every feed declares ({@code <atom:link rel="hub">}), or null for none
 */
public record ShowSettings(String title, String description, String author, String ownerName, String ownerEmail,
        String host, String language, String category, String subcategory, boolean explicit, boolean locked,
        String baseUrl, String aiContent, String websubHub) {
    public static final String DEFAULT_AI_CONTENT = "Generated from the research paper with AI: the script is written"
            + " and voiced by machine from the paper's own text.";

    public ShowSettings {
        baseUrl = baseUrl.replaceAll("/+$", "");
        aiContent = aiContent == null || aiContent.isBlank() ? DEFAULT_AI_CONTENT : aiContent.strip();
        websubHub = websubHub == null || websubHub.isBlank() ? null : websubHub.strip();
    }

    /** Settings with the default AI-content label. */
    public ShowSettings(String title, String description, String author, String ownerName, String ownerEmail,
            String host, String language, String category, String subcategory, boolean explicit, boolean locked,
            String baseUrl) {
        this(title, description, author, ownerName, ownerEmail, host, language, category, subcategory, explicit, locked,
                baseUrl, null, null);
    }

    public String feedUrl() {
        return baseUrl + "/feed.xml";
    }

    /** A topic's feed: {@code /feeds/{slug}.xml}. */
    public String topicFeedUrl(String slug) {
        return baseUrl + "/feeds/" + slug + ".xml";
    }

    /** An arXiv primary category's feed: {@code /feeds/categories/{code}.xml}. */
    public String categoryFeedUrl(String code) {
        return baseUrl + "/feeds/categories/" + code + ".xml";
    }

    public String opmlUrl() {
        return baseUrl + "/feeds.opml";
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
