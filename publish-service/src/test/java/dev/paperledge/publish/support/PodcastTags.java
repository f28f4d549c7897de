package dev.paperledge.publish.support;

import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.input.SAXBuilder;

import dev.paperledge.publish.feed.PodcastModule;
import dev.paperledge.publish.feed.PodcastModuleParser;

/**
 * Reads the Podcasting 2.0 tags of a feed with our ROME module parser, independent of whether
 * ROME's plugin discovery sees {@code rome.properties} in the current class loader.
 */
public final class PodcastTags {
    private PodcastTags() {
    }

    static Element channelOf(byte[] xml) {
        try {
            SAXBuilder sax = new SAXBuilder();
            sax.setExpandEntities(false);
            Document d = sax.build(new ByteArrayInputStream(xml));
            return d.getRootElement().getChild("channel");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static PodcastModule channel(byte[] xml) {
        return (PodcastModule) new PodcastModuleParser().parse(channelOf(xml), Locale.ROOT);
    }

    public static Map<String, PodcastModule> itemsByGuid(byte[] xml) {
        Map<String, PodcastModule> out = new LinkedHashMap<>();
        for (Element item : channelOf(xml).getChildren("item")) {
            out.put(item.getChildText("guid"), (PodcastModule) new PodcastModuleParser().parse(item, Locale.ROOT));
        }
        return out;
    }
}
