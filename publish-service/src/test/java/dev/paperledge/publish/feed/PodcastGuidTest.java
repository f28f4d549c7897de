package dev.paperledge.publish.feed;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PodcastGuidTest {

    @Test
    void matchesThePodcastNamespaceSpecExample() {
        // the example in the Podcasting 2.0 namespace's description of podcast:guid
        assertThat(PodcastGuid.forFeedUrl("https://mp3s.nashownotes.com/pc20rss.xml"))
                .hasToString("917393e3-1b1e-5cef-ace4-edaa54e1f810");
    }

    @Test
    void ignoresSchemeAndTrailingSlashes() {
        assertThat(PodcastGuid.forFeedUrl("http://localhost:8080/feed.xml/"))
                .isEqualTo(PodcastGuid.forFeedUrl("https://localhost:8080/feed.xml"));
        assertThat(PodcastGuid.forFeedUrl("http://localhost:8080/feed.xml").version()).isEqualTo(5);
    }
}
