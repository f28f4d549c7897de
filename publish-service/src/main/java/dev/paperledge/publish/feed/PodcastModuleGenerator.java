package dev.paperledge.publish.feed;

import java.util.Set;

import org.jdom2.Element;
import org.jdom2.Namespace;

import com.rometools.rome.feed.module.Module;
import com.rometools.rome.io.ModuleGenerator;

/** Writes {@link PodcastModule} into a channel or item element. */
public class PodcastModuleGenerator implements ModuleGenerator {
    static final Namespace NS = Namespace.getNamespace(PodcastModule.PREFIX, PodcastModule.URI);

    @Override
    public String getNamespaceUri() {
        return PodcastModule.URI;
    }

    @Override
    public Set<Namespace> getNamespaces() {
        return Set.of(NS);
    }

    @Override
    public void generate(Module module, Element parent) {
        PodcastModule m = (PodcastModule) module;
        if (m.getGuid() != null) {
            parent.addContent(new Element("guid", NS).setText(m.getGuid()));
        }
        if (m.getLocked() != null) {
            Element locked = new Element("locked", NS).setText(m.getLocked() ? "yes" : "no");
            if (m.getLockedOwner() != null && !m.getLockedOwner().isBlank()) {
                locked.setAttribute("owner", m.getLockedOwner());
            }
            parent.addContent(locked);
        }
        for (PodcastModule.Transcript t : m.getTranscripts()) {
            Element e = new Element("transcript", NS).setAttribute("url", t.url()).setAttribute("type", t.type());
            optional(e, "language", t.language());
            optional(e, "rel", t.rel());
            parent.addContent(e);
        }
        if (m.getChapters() != null) {
            parent.addContent(new Element("chapters", NS).setAttribute("url", m.getChapters().url())
                    .setAttribute("type", m.getChapters().type()));
        }
        for (PodcastModule.Person p : m.getPersons()) {
            Element e = new Element("person", NS).setText(p.name());
            optional(e, "role", p.role());
            optional(e, "group", p.group());
            optional(e, "href", p.href());
            optional(e, "img", p.img());
            parent.addContent(e);
        }
        for (PodcastModule.Txt t : m.getTxts()) {
            Element e = new Element("txt", NS).setText(t.text());
            optional(e, "purpose", t.purpose());
            parent.addContent(e);
        }
    }

    private static void optional(Element e, String attribute, String value) {
        if (value != null && !value.isBlank()) {
            e.setAttribute(attribute, value);
        }
    }
}
