package dev.paperledge.publish.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.rometools.modules.atom.modules.AtomLinkModule;
import com.rometools.modules.itunes.EntryInformation;
import com.rometools.modules.itunes.FeedInformation;
import com.rometools.modules.itunes.ITunes;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.io.WireFeedInput;

import dev.paperledge.publish.domain.Episode;
import dev.paperledge.publish.support.Episodes;
import dev.paperledge.publish.support.PodcastTags;

class FeedBuilderTest {
    static final ShowSettings SHOW = new ShowSettings("PaperLedge", "Research papers, told as stories.", "PaperLedge",
            "PaperLedge", "owner@paperledge.example", "Ernis", "en", "Science", "Natural Sciences", false, true,
            "https://pod.example.org/");

    static Channel parse(byte[] xml) throws Exception {
        WireFeedInput in = new WireFeedInput();
        return (Channel) in.build(new InputStreamReader(new ByteArrayInputStream(xml), StandardCharsets.UTF_8));
    }

    @Test
    void aFeedOfOneEpisodeCarriesEveryChannelAndItemTag() throws Exception {
        Instant published = Instant.parse("2025-03-16T09:00:00Z");
        Episode e = Episodes.episode("2106.09685", 1, published, "LoRA: Low-Rank Adaptation of Large Language Models",
                List.of("Edward J. Hu", "Yelong Shen", "Weizhu Chen"));
        byte[] xml = new FeedBuilder(SHOW).build(List.of(e));
        String text = new String(xml, StandardCharsets.UTF_8);
        assertThat(text).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
                .contains("xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\"")
                .contains("xmlns:podcast=\"https://podcastindex.org/namespace/1.0\"")
                .contains("<itunes:explicit>false</itunes:explicit>");

        Channel c = parse(xml);
        assertThat(c.getFeedType()).isEqualTo("rss_2.0");
        assertThat(c.getTitle()).isEqualTo("PaperLedge");
        assertThat(c.getDescription()).isEqualTo("Research papers, told as stories.");
        assertThat(c.getLink()).isEqualTo("https://pod.example.org/");
        assertThat(c.getLanguage()).isEqualTo("en");
        assertThat(c.getImage().getUrl()).isEqualTo("https://pod.example.org/artwork.png");
        assertThat(c.getPubDate().toInstant()).isEqualTo(published);
        assertThat(c.getLastBuildDate().toInstant()).isEqualTo(published);

        FeedInformation itunes = (FeedInformation) c.getModule(ITunes.URI);
        assertThat(itunes.getAuthor()).isEqualTo("PaperLedge");
        assertThat(itunes.getExplicitNullable()).isFalse();
        assertThat(itunes.getImageUri()).isEqualTo("https://pod.example.org/artwork.png");
        assertThat(itunes.getCategories()).singleElement().satisfies(cat -> {
            assertThat(cat.getName()).isEqualTo("Science");
            assertThat(cat.getSubcategories()).singleElement().satisfies(s -> assertThat(s.getName()).isEqualTo("Natural Sciences"));
        });
        assertThat(itunes.getOwnerEmailAddress()).isEqualTo("owner@paperledge.example");
        assertThat(itunes.getType()).isEqualTo("episodic");

        AtomLinkModule atom = (AtomLinkModule) c.getModule(AtomLinkModule.URI);
        assertThat(atom.getLinks()).anySatisfy(l -> {
            assertThat(l.getRel()).isEqualTo("self");
            assertThat(l.getHref()).isEqualTo("https://pod.example.org/feed.xml");
            assertThat(l.getType()).isEqualTo("application/rss+xml");
        });

        PodcastModule podcast = (PodcastModule) c.getModule(PodcastModule.URI);
        assertThat(podcast.getGuid()).isEqualTo(PodcastGuid.forFeedUrl("pod.example.org/feed.xml").toString());
        assertThat(podcast.getLocked()).isTrue();
        assertThat(podcast.getLockedOwner()).isEqualTo("owner@paperledge.example");
        assertThat(podcast.getPersons()).containsExactly(new PodcastModule.Person("Ernis", "host", "cast", null, null));

        assertThat(c.getItems()).hasSize(1);
        Item item = c.getItems().get(0);
        assertThat(item.getTitle()).isEqualTo("Computation and Language - LoRA: Low-Rank Adaptation of Large Language Models");
        assertThat(item.getLink()).isEqualTo("https://pod.example.org/episodes/2106.09685");
        assertThat(item.getDescription().getValue())
                .contains("A plain-language summary of LoRA")
                .contains("https://arxiv.org/abs/2106.09685")
                .contains("Credit to Paper authors: Edward J. Hu, Yelong Shen and Weizhu Chen")
                .contains("generated with AI");
        assertThat(item.getGuid().getValue()).isEqualTo("paperledge:arxiv:2106.09685");
        assertThat(item.getGuid().isPermaLink()).isFalse();
        assertThat(item.getPubDate().toInstant()).isEqualTo(published);
        assertThat(item.getEnclosures()).singleElement().satisfies(enc -> {
            assertThat(enc.getUrl()).isEqualTo("https://pod.example.org/episodes/2106.09685/audio.mp3");
            assertThat(enc.getLength()).isEqualTo(1_000_001L);
            assertThat(enc.getType()).isEqualTo("audio/mpeg");
        });
        EntryInformation ei = (EntryInformation) item.getModule(ITunes.URI);
        assertThat(ei.getDuration().getMilliseconds()).isEqualTo(601_000L);
        assertThat(text).contains("<itunes:duration>00:10:01</itunes:duration>");
        assertThat(ei.getEpisode()).isEqualTo(1);
        assertThat(ei.getEpisodeType()).isEqualTo("full");
        PodcastModule ip = (PodcastModule) item.getModule(PodcastModule.URI);
        assertThat(ip.getTranscripts()).containsExactly(new PodcastModule.Transcript(
                "https://pod.example.org/episodes/2106.09685/transcript.vtt", "text/vtt", "en", "captions"));
        assertThat(ip.getChapters()).isEqualTo(new PodcastModule.Chapters(
                "https://pod.example.org/episodes/2106.09685/chapters.json", "application/json+chapters"));
        assertThat(ip.getPersons()).extracting(PodcastModule.Person::role).containsExactly("host");
    }

    @Test
    void anItemListsBothTranscriptsWhenThereIsAJsonOneAndOnlyWhatExists() throws Exception {
        Instant published = Instant.parse("2025-03-16T09:00:00Z");
        Episode both = Episodes.episode("1703.09824", 2, published, "Sources", List.of("A. Author"));
        both.jsonTranscriptKey = "audio/1703.09824/v1/r1/transcript.json";
        Episode vttOnly = Episodes.episode("1703.00001", 1, published.minusSeconds(60), "Before", List.of("A. Author"));
        Episode none = Episodes.episode("1703.00002", 3, published.minusSeconds(120), "Silent", List.of("A. Author"));
        none.transcriptKey = null;
        byte[] xml = new FeedBuilder(SHOW).build(List.of(both, vttOnly, none));
        var items = PodcastTags.itemsByGuid(xml);
        assertThat(items.get("paperledge:arxiv:1703.09824").getTranscripts()).containsExactly(
                new PodcastModule.Transcript("https://pod.example.org/episodes/1703.09824/transcript.vtt", "text/vtt",
                        "en", "captions"),
                new PodcastModule.Transcript("https://pod.example.org/episodes/1703.09824/transcript.json",
                        "application/json", "en", "captions"));
        assertThat(items.get("paperledge:arxiv:1703.00001").getTranscripts()).extracting(PodcastModule.Transcript::type)
                .containsExactly("text/vtt");
        assertThat(items.get("paperledge:arxiv:1703.00002").getTranscripts()).isEmpty();
        assertThat(new String(xml, StandardCharsets.UTF_8)).contains(
                "<podcast:transcript url=\"https://pod.example.org/episodes/1703.09824/transcript.json\" type=\"application/json\"");
    }

    @Test
    void anItemListsWhoSpeaksInItBothHostsOfADuoTheOneOfASolo() throws Exception {
        Instant published = Instant.parse("2025-03-16T09:00:00Z");
        Episode duo = Episodes.episode("2501.00001", 3, published, "Two voices", List.of("A. Author"));
        duo.format = Episode.DUO;
        duo.hosts = "Ernis\nSam";
        Episode solo = Episodes.episode("2501.00002", 2, published.minusSeconds(60), "One voice", List.of("A. Author"));
        solo.hosts = "Ernis";
        Episode old = Episodes.episode("2501.00003", 1, published.minusSeconds(120), "Before formats", List.of("A. Author"));
        byte[] xml = new FeedBuilder(SHOW).build(List.of(duo, solo, old));

        var items = PodcastTags.itemsByGuid(xml);
        assertThat(items.get("paperledge:arxiv:2501.00001").getPersons()).containsExactly(
                new PodcastModule.Person("Ernis", "host", "cast", null, null),
                new PodcastModule.Person("Sam", "host", "cast", null, null));
        assertThat(items.get("paperledge:arxiv:2501.00002").getPersons())
                .containsExactly(new PodcastModule.Person("Ernis", "host", "cast", null, null));
        assertThat(items.get("paperledge:arxiv:2501.00003").getPersons()).as("an episode from before formats: the show's host")
                .containsExactly(new PodcastModule.Person("Ernis", "host", "cast", null, null));
        // the channel names the show's host once, the same way
        assertThat(PodcastTags.channel(xml).getPersons())
                .containsExactly(new PodcastModule.Person("Ernis", "host", "cast", null, null));
        assertThat(new String(xml, StandardCharsets.UTF_8))
                .contains("<podcast:person role=\"host\" group=\"cast\">Sam</podcast:person>");
        // still a feed ROME reads, items and enclosures intact
        Channel c = parse(xml);
        assertThat(c.getItems()).extracting(i -> i.getGuid().getValue()).containsExactly("paperledge:arxiv:2501.00001",
                "paperledge:arxiv:2501.00002", "paperledge:arxiv:2501.00003");
        assertThat(c.getItems()).allSatisfy(i -> assertThat(i.getEnclosures()).hasSize(1));
    }

    @Test
    void xmlSpecialCharactersAndNonAsciiSurviveTheRoundTrip() throws Exception {
        String title = "Q&A <on> \"quotes\" & 'apostrophes' ]]> — Ünïcödé 数学 🎙";
        List<String> authors = List.of("Zalán Borsos", "Mihajlo Velimirović", "Carlos Muñoz Ferrandis", "O'Brien <&>");
        Episode e = Episodes.episode("2306.12925", 7, Instant.parse("2025-03-20T10:00:00Z"), title, authors);
        e.description = "Less < more & \"so\" on ]]> \u0000-free";
        e.description = e.description.replace("\u0000", "");
        Channel c = parse(new FeedBuilder(SHOW).build(List.of(e)));
        Item item = c.getItems().get(0);
        assertThat(item.getTitle()).isEqualTo("Computation and Language - " + title);
        assertThat(item.getDescription().getValue()).contains("Less < more & \"so\" on ]]>")
                .contains("Credit to Paper authors: Zalán Borsos, Mihajlo Velimirović, Carlos Muñoz Ferrandis and O'Brien <&>");
        assertThat(((EntryInformation) item.getModule(ITunes.URI)).getTitle()).isEqualTo("Computation and Language - " + title);
    }

    @Test
    void aFeedOfFiveHundredEpisodesListsThemNewestFirst() throws Exception {
        Instant t0 = Instant.parse("2024-01-01T00:00:00Z");
        List<Episode> episodes = new ArrayList<>();
        IntStream.rangeClosed(1, 500).forEach(n -> episodes.add(Episodes.episode(String.format("2401.%05d", n), n,
                t0.plusSeconds(3600L * n), "Paper " + n, List.of("Author " + n))));
        java.util.Collections.shuffle(episodes, new java.util.Random(42));
        byte[] xml = new FeedBuilder(SHOW).build(episodes);
        Channel c = parse(xml);
        assertThat(c.getItems()).hasSize(500);
        List<Integer> numbers = c.getItems().stream()
                .map(i -> ((EntryInformation) i.getModule(ITunes.URI)).getEpisode()).toList();
        assertThat(numbers).isEqualTo(IntStream.iterate(500, n -> n - 1).limit(500).boxed().toList());
        assertThat(c.getItems()).extracting(i -> i.getGuid().getValue()).doesNotHaveDuplicates();
        assertThat(c.getItems()).allSatisfy(i -> assertThat(i.getEnclosures().get(0).getLength()).isGreaterThan(1_000_000L));
        assertThat(c.getLastBuildDate().toInstant()).isEqualTo(t0.plusSeconds(3600L * 500));
        // same state, same bytes: the ETag only changes when the feed does
        assertThat(new FeedBuilder(SHOW).build(episodes)).isEqualTo(xml);
    }

    @Test
    void theChannelAndEveryItemAreLabelledAsAiContentWithTheConfiguredText() {
        Instant t0 = Instant.parse("2025-03-16T09:00:00Z");
        List<Episode> episodes = List.of(Episodes.episode("2106.09685", 1, t0, "LoRA", List.of("Edward J. Hu")),
                Episodes.episode("2106.09686", 2, t0.plusSeconds(60), "QLoRA", List.of("Tim Dettmers")));
        byte[] xml = new FeedBuilder(SHOW).build(episodes);
        PodcastModule.Txt label = new PodcastModule.Txt("ai-content", ShowSettings.DEFAULT_AI_CONTENT);
        assertThat(PodcastTags.channel(xml).getTxts()).containsExactly(label);
        assertThat(PodcastTags.itemsByGuid(xml).values()).hasSize(2)
                .allSatisfy(item -> assertThat(item.getTxts()).containsExactly(label));
        assertThat(new String(xml, StandardCharsets.UTF_8))
                .contains("<podcast:txt purpose=\"ai-content\">" + ShowSettings.DEFAULT_AI_CONTENT + "</podcast:txt>");

        ShowSettings own = new ShowSettings("PaperLedge", "d", "PaperLedge", "PaperLedge", "o@paperledge.example",
                "Ernis", "en", "Science", null, false, true, "https://pod.example.org", "Made by machine & voiced by AI.",
                null);
        byte[] custom = new FeedBuilder(own).build(episodes);
        assertThat(PodcastTags.channel(custom).getTxts())
                .containsExactly(new PodcastModule.Txt("ai-content", "Made by machine & voiced by AI."));
        assertThat(PodcastTags.itemsByGuid(custom).values())
                .allSatisfy(item -> assertThat(item.getTxts()).extracting(PodcastModule.Txt::text)
                        .containsExactly("Made by machine & voiced by AI."));
    }
}
