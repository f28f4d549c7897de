package dev.paperledge.publish.feed;

import java.util.Locale;

import org.jdom2.Element;

import com.rometools.rome.feed.module.Module;
import com.rometools.rome.io.ModuleParser;

/** Reads the Podcasting 2.0 tags of a channel or item back into a {@link PodcastModule}. */
public class PodcastModuleParser implements ModuleParser {

    @Override
    public String getNamespaceUri() {
        return PodcastModule.URI;
    }

    @Override
    public Module parse(Element element, Locale locale) {
        PodcastModule m = new PodcastModule();
        boolean found = false;
        for (Element e : element.getChildren()) {
            if (!PodcastModule.URI.equals(e.getNamespaceURI())) {
                continue;
            }
            found = true;
            switch (e.getName()) {
                case "guid" -> m.setGuid(e.getTextTrim());
                case "locked" -> {
                    m.setLocked("yes".equalsIgnoreCase(e.getTextTrim()));
                    m.setLockedOwner(e.getAttributeValue("owner"));
                }
                case "transcript" -> m.getTranscripts().add(new PodcastModule.Transcript(e.getAttributeValue("url"),
                        e.getAttributeValue("type"), e.getAttributeValue("language"), e.getAttributeValue("rel")));
                case "chapters" -> m.setChapters(
                        new PodcastModule.Chapters(e.getAttributeValue("url"), e.getAttributeValue("type")));
                case "person" -> m.getPersons().add(new PodcastModule.Person(e.getTextTrim(), e.getAttributeValue("role"),
                        e.getAttributeValue("group"), e.getAttributeValue("href"), e.getAttributeValue("img")));
                case "txt" -> m.getTxts().add(new PodcastModule.Txt(e.getAttributeValue("purpose"), e.getTextTrim()));
                default -> {
                    // other Podcasting 2.0 tags are not used by this show
                }
            }
        }
        return found ? m : null;
    }
}
