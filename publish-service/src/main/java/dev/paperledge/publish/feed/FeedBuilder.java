package dev.paperledge.publish.feed;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;

import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.Namespace;
import org.jdom2.filter.Filters;
import org.jdom2.output.Format;
import org.jdom2.output.XMLOutputter;

import com.rometools.modules.atom.modules.AtomLinkModuleImpl;
import com.rometools.modules.itunes.AbstractITunesObject;
import com.rometools.modules.itunes.EntryInformationImpl;
import com.rometools.modules.itunes.FeedInformationImpl;
import com.rometools.modules.itunes.types.Category;
import com.rometools.modules.itunes.types.Duration;
import com.rometools.modules.itunes.types.Subcategory;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.module.Module;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Description;
import com.rometools.rome.feed.rss.Enclosure;
import com.rometools.rome.feed.rss.Guid;
import com.rometools.rome.feed.rss.Image;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedOutput;

import dev.paperledge.publish.domain.Episode;

/**
 * Builds the podcast feed: RSS 2.0 with the iTunes, Atom (self link) and Podcasting 2.0
 * namespaces, items newest first. Output depends only on the show settings and the episodes, so the
 * same state always yields the same bytes (and the same ETag).
 */
public class FeedBuilder {
    public static final String GENERATOR = "PaperLedge publish-service (ROME)";
    public static final String AI_NOTE = "This episode was generated with AI: the script is written and voiced by"
            + " machine from the paper's own text. Check the paper for the details.";
    static final Comparator<Episode> NEWEST_FIRST = Comparator.comparing((Episode e) -> e.publishedAt)
            .thenComparingInt(e -> e.episodeNumber).reversed();

    private final ShowSettings show;

    public FeedBuilder(ShowSettings show) {
        this.show = show;
    }

    public ShowSettings show() {
        return show;
    }

    /**
     * Which feed is being built: its channel title and its own URL (the atom self link and the seed
     * of its {@code podcast:guid}).
     */
    public record Identity(String title, String feedUrl) {
    }

    /** The main feed: every episode, under the show's title at {@code /feed.xml}. */
    public Identity main() {
        return new Identity(show.title(), show.feedUrl());
    }

    public byte[] build(List<Episode> episodes) {
        return build(main(), episodes);
    }

    /** A feed of these episodes (a topic's, a category's or the main one) with the show's tags and artwork. */
    public byte[] build(Identity feed, List<Episode> episodes) {
        List<Episode> sorted = new ArrayList<>(episodes);
        sorted.sort(NEWEST_FIRST);
        Channel channel = channel(feed, sorted);
        try {
            Document doc = new WireFeedOutput().outputJDom(channel);
            addPodcastTags(doc, feed, sorted);
            normaliseExplicit(doc);
            ByteArrayOutputStream out = new ByteArrayOutputStream(4096 + sorted.size() * 2048);
            new XMLOutputter(Format.getPrettyFormat().setEncoding("UTF-8")).output(doc, out);
            return out.toByteArray();
        } catch (FeedException | IOException e) {
            throw new IllegalStateException("could not write the feed: " + e.getMessage(), e);
        }
    }

    /** The plain-text item description: summary, the paper's link, the credits and the AI note. */
    public static String itemDescription(Episode e) {
        StringBuilder sb = new StringBuilder();
        if (e.updateNote != null && !e.updateNote.isBlank()) {
            sb.append(e.updateNote.strip()).append("\n\n");
        }
        if (e.description != null && !e.description.isBlank()) {
            sb.append(e.description.strip()).append("\n\n");
        }
        if (e.absUrl != null && !e.absUrl.isBlank()) {
            sb.append("Paper: ").append(e.absUrl).append("\n\n");
        }
        if (!e.authorList().isEmpty()) {
            sb.append("Credit to Paper authors: ").append(e.creditLine()).append("\n\n");
        }
        sb.append(AI_NOTE);
        return sb.toString();
    }

    private Channel channel(Identity feed, List<Episode> episodes) {
        Channel c = new Channel("rss_2.0");
        c.setEncoding("UTF-8");
        c.setTitle(feed.title());
        c.setDescription(show.description());
        c.setLink(show.baseUrl() + "/");
        c.setLanguage(show.language());
        c.setGenerator(GENERATOR);
        c.setDocs("https://www.rssboard.org/rss-specification");
        if (!episodes.isEmpty()) {
            c.setPubDate(Date.from(episodes.get(0).publishedAt));
            c.setLastBuildDate(Date.from(episodes.stream().map(e -> e.updatedAt).max(Instant::compareTo).orElseThrow()));
        }
        Image image = new Image();
        image.setUrl(show.artworkUrl());
        image.setTitle(feed.title());
        image.setLink(show.baseUrl() + "/");
        // RSS 2.0 caps the channel image at 144 px wide; ROME would otherwise write -1.
        image.setWidth(144);
        image.setHeight(144);
        c.setImage(image);

        FeedInformationImpl itunes = new FeedInformationImpl();
        itunes.setAuthor(show.author());
        itunes.setSummary(show.description());
        itunes.setExplicit(show.explicit());
        itunes.setImageUri(show.artworkUrl());
        itunes.setOwnerName(show.ownerName());
        itunes.setOwnerEmailAddress(show.ownerEmail());
        itunes.setType("episodic");
        Category category = new Category(show.category());
        if (show.subcategory() != null && !show.subcategory().isBlank()) {
            category.setSubcategory(new Subcategory(show.subcategory()));
        }
        itunes.setCategories(List.of(category));

        AtomLinkModuleImpl atom = new AtomLinkModuleImpl();
        List<Link> links = new ArrayList<>(2);
        if (show.websubHub() != null) {
            links.add(link(show.websubHub(), "hub", null));
        }
        links.add(link(feed.feedUrl(), "self", "application/rss+xml"));
        atom.setLinks(links);

        c.setModules(new ArrayList<>(List.<Module>of(itunes, atom)));
        List<Item> items = new ArrayList<>(episodes.size());
        for (Episode e : episodes) {
            items.add(item(e));
        }
        c.setItems(items);
        return c;
    }

    private static Link link(String href, String rel, String type) {
        Link link = new Link();
        link.setHref(href);
        link.setRel(rel);
        if (type != null) {
            link.setType(type);
        }
        return link;
    }

    /** A speaker as Podcasting 2.0 lists them: {@code <podcast:person role="host" group="cast">}. */
    private static PodcastModule.Person host(String name) {
        return new PodcastModule.Person(name, "host", "cast", null, null);
    }

    private Item item(Episode e) {
        Item item = new Item();
        item.setTitle(e.title);
        item.setLink(show.episodePageUrl(e.slug));
        Description d = new Description();
        d.setType("text/plain");
        d.setValue(itemDescription(e));
        item.setDescription(d);
        Guid guid = new Guid();
        guid.setPermaLink(false);
        guid.setValue(e.guid);
        item.setGuid(guid);
        item.setPubDate(Date.from(e.publishedAt));
        Enclosure enc = new Enclosure();
        enc.setUrl(show.audioUrl(e.slug));
        enc.setLength(e.byteSize);
        enc.setType(e.mimeType == null ? "audio/mpeg" : e.mimeType);
        item.setEnclosures(List.of(enc));

        EntryInformationImpl itunes = new EntryInformationImpl();
        itunes.setTitle(e.title);
        itunes.setAuthor(show.author());
        itunes.setDuration(new Duration(e.durationMs));
        itunes.setEpisode(e.episodeNumber);
        itunes.setEpisodeType("full");
        itunes.setExplicit(show.explicit());
        item.setModules(new ArrayList<>(List.<Module>of(itunes)));
        return item;
    }

    /** Podcasting 2.0's label for AI-made media: {@code <podcast:txt purpose="ai-content">}. */
    private PodcastModule.Txt aiContent() {
        return new PodcastModule.Txt("ai-content", show.aiContent());
    }

    PodcastModule channelPodcast(Identity feed) {
        PodcastModule podcast = new PodcastModule();
        podcast.setGuid(PodcastGuid.forFeedUrl(feed.feedUrl()).toString());
        podcast.setLocked(show.locked());
        podcast.setLockedOwner(show.ownerEmail());
        podcast.setPersons(List.of(host(show.host())));
        podcast.setTxts(List.of(aiContent()));
        return podcast;
    }

    PodcastModule itemPodcast(Episode e) {
        PodcastModule podcast = new PodcastModule();
        List<PodcastModule.Transcript> transcripts = new ArrayList<>(2);
        if (e.transcriptKey != null) {
            transcripts.add(new PodcastModule.Transcript(show.transcriptUrl(e.slug), "text/vtt", show.language(),
                    "captions"));
        }
        if (e.jsonTranscriptKey != null) {
            transcripts.add(new PodcastModule.Transcript(show.jsonTranscriptUrl(e.slug), "application/json",
                    show.language(), "captions"));
        }
        podcast.setTranscripts(transcripts);
        if (e.chaptersKey != null) {
            podcast.setChapters(new PodcastModule.Chapters(show.chaptersUrl(e.slug), "application/json+chapters"));
        }
        // who speaks in this episode: both hosts of a duo, the one host of a solo show
        podcast.setPersons(e.hostList(show.host()).stream().map(FeedBuilder::host).toList());
        podcast.setTxts(List.of(aiContent()));
        return podcast;
    }

    /**
     * Writes the Podcasting 2.0 tags with our generator directly: ROME finds plugins through
     * {@code rome.properties} on its own class loader, which does not see this module's file in
     * every deployment (Quarkus' class loaders), and the tags must never silently disappear.
     */
    private void addPodcastTags(Document doc, Identity feed, List<Episode> sorted) {
        Element rss = doc.getRootElement();
        rss.addNamespaceDeclaration(PodcastModuleGenerator.NS);
        Element channel = rss.getChild("channel");
        PodcastModuleGenerator generator = new PodcastModuleGenerator();
        int firstItem = channel.indexOf(channel.getChild("item"));
        Element holder = new Element("holder");
        generator.generate(channelPodcast(feed), holder);
        List<org.jdom2.Content> tags = new ArrayList<>(holder.removeContent());
        if (firstItem < 0) {
            channel.addContent(tags);
        } else {
            channel.addContent(firstItem, tags);
        }
        List<Element> items = channel.getChildren("item");
        for (int i = 0; i < items.size(); i++) {
            generator.generate(itemPodcast(sorted.get(i)), items.get(i));
        }
    }

    /** ROME writes itunes:explicit as yes/no; Apple's current spec asks for true/false. */
    private static void normaliseExplicit(Document doc) {
        Namespace ns = Namespace.getNamespace(AbstractITunesObject.URI);
        List<Element> found = new ArrayList<>();
        doc.getDescendants(Filters.element("explicit", ns)).forEach(found::add);
        for (Element e : found) {
            String v = e.getTextTrim();
            e.setText("yes".equalsIgnoreCase(v) || "true".equalsIgnoreCase(v) ? "true" : "false");
        }
    }
}
