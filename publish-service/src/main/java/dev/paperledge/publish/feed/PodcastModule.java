package dev.paperledge.publish.feed;

import java.util.ArrayList;
import java.util.List;

import com.rometools.rome.feed.CopyFrom;
import com.rometools.rome.feed.module.Module;

/**
 * The Podcasting 2.0 namespace ({@code https://podcastindex.org/namespace/1.0}) as a ROME module:
 * on the channel {@code podcast:guid}, {@code podcast:locked} and {@code podcast:person}; on an item
 * {@code podcast:transcript}, {@code podcast:chapters} and {@code podcast:person}. ROME 2.1.0's
 * modules do not cover this namespace; {@link PodcastModuleGenerator} writes it and
 * {@link PodcastModuleParser} reads it back (both registered in {@code rome.properties}).
 */
public class PodcastModule implements Module {
    public static final String URI = "https://podcastindex.org/namespace/1.0";
    public static final String PREFIX = "podcast";

    public record Person(String name, String role, String group, String href, String img) {
    }

    public record Transcript(String url, String type, String language, String rel) {
    }

    public record Chapters(String url, String type) {
    }

    /** {@code <podcast:txt purpose="...">text</podcast:txt>}; the purpose is optional. */
    public record Txt(String purpose, String text) {
    }

    private String guid;
    private Boolean locked;
    private String lockedOwner;
    private List<Person> persons = new ArrayList<>();
    private List<Transcript> transcripts = new ArrayList<>();
    private Chapters chapters;
    private List<Txt> txts = new ArrayList<>();

    public String getGuid() {
        return guid;
    }

    public void setGuid(String guid) {
        this.guid = guid;
    }

    public Boolean getLocked() {
        return locked;
    }

    public void setLocked(Boolean locked) {
        this.locked = locked;
    }

    public String getLockedOwner() {
        return lockedOwner;
    }

    public void setLockedOwner(String lockedOwner) {
        this.lockedOwner = lockedOwner;
    }

    public List<Person> getPersons() {
        return persons;
    }

    public void setPersons(List<Person> persons) {
        this.persons = new ArrayList<>(persons);
    }

    public List<Transcript> getTranscripts() {
        return transcripts;
    }

    public void setTranscripts(List<Transcript> transcripts) {
        this.transcripts = new ArrayList<>(transcripts);
    }

    public Chapters getChapters() {
        return chapters;
    }

    public void setChapters(Chapters chapters) {
        this.chapters = chapters;
    }

    public List<Txt> getTxts() {
        return txts;
    }

    public void setTxts(List<Txt> txts) {
        this.txts = new ArrayList<>(txts);
    }

    @Override
    public String getUri() {
        return URI;
    }

    @Override
    public Class<? extends CopyFrom> getInterface() {
        return PodcastModule.class;
    }

    @Override
    public void copyFrom(CopyFrom obj) {
        PodcastModule o = (PodcastModule) obj;
        guid = o.guid;
        locked = o.locked;
        lockedOwner = o.lockedOwner;
        persons = new ArrayList<>(o.persons);
        transcripts = new ArrayList<>(o.transcripts);
        chapters = o.chapters;
        txts = new ArrayList<>(o.txts);
    }

    @Override
    public Object clone() {
        PodcastModule m = new PodcastModule();
        m.copyFrom(this);
        return m;
    }
}
