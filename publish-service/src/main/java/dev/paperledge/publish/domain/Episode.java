package dev.paperledge.publish.domain;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import dev.paperledge.contracts.PaperSummary;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/**
 * One podcast episode: one per paper, keyed by arXiv ID. Its guid, number, slug and first
 * publication date are fixed when it is first published; a newer production of the same paper
 * replaces the rest in place.
 */
@Entity
public class Episode extends PanacheEntityBase {
    public static final String SOLO = "solo";
    public static final String DUO = "duo";

    @Id
    @Column(name = "arxiv_id")
    public String arxivId;
    public String guid;
    @Column(name = "episode_number")
    public int episodeNumber;
    public String slug;
    public int version;
    public int run;
    public String title;
    public String description;
    @Column(name = "paper_title")
    public String paperTitle;
    /** Every author in the paper's order, one per line. */
    public String authors;
    @Column(name = "category_name")
    public String categoryName;
    /** The paper's primary arXiv category code ({@code cs.CL}), or null (arXiv lists a few papers with none). */
    @Column(name = "primary_category")
    public String primaryCategory;
    /** Every arXiv category the paper is listed in, the primary first, one per line. */
    public String categories = "";
    /** The paper's abstract (topic rules match its words; a new version's abstract is compared with it). */
    @Column(name = "abstract_text")
    public String abstractText;
    /** "Updated for v2: ..." once a newer arXiv version of the paper replaced the production; else null. */
    @Column(name = "update_note")
    public String updateNote;
    @Column(name = "abs_url")
    public String absUrl;
    @Column(name = "audio_key")
    public String audioKey;
    @Column(name = "byte_size")
    public long byteSize;
    @Column(name = "duration_ms")
    public long durationMs;
    @Column(name = "mime_type")
    public String mimeType;
    @Column(name = "chapters_key")
    public String chaptersKey;
    @Column(name = "transcript_key")
    public String transcriptKey;
    /** Podcasting 2.0 JSON transcript, or null (episodes from before it). */
    @Column(name = "json_transcript_key")
    public String jsonTranscriptKey;
    /** The listening check ({@code AudioReady.Listening} as JSON), or null when there was none. */
    public String listening;
    /** {@link #SOLO} or {@link #DUO}. */
    public String format = SOLO;
    /** Who speaks in the episode, one name per line, the show's host first; empty before formats. */
    public String hosts = "";
    @Column(name = "speech_engine")
    public String speechEngine;
    /** First publication: the item's pubDate, never moved by a re-production. */
    @Column(name = "published_at")
    public Instant publishedAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    /** ETag of the first feed revision carrying the current production. */
    @Column(name = "feed_revision")
    public String feedRevision;

    /** Where this episode's objects live: {@code audio/<id>/}. */
    public static String objectPrefix(String slug) {
        return "audio/" + slug + "/";
    }

    /**
     * Whether a key names one of this paper's own objects (under {@code audio/<id>/}, no {@code ..}
     * or empty segments): keys come from events and are not trusted further than that.
     */
    public static boolean ownsKey(String slug, String key) {
        return key != null && key.startsWith(objectPrefix(slug)) && !key.contains("..") && !key.contains("//")
                && !key.contains("\\") && key.length() > objectPrefix(slug).length();
    }

    public List<String> authorList() {
        return authors == null || authors.isBlank() ? List.of() : lines(authors);
    }

    private static List<String> lines(String s) {
        return Arrays.asList(s.split("\n"));
    }

    /** An event's format as stored: null (events from before formats) is solo; null when unknown. */
    public static String formatOf(String eventFormat) {
        if (eventFormat == null || eventFormat.isBlank()) {
            return SOLO;
        }
        String f = eventFormat.strip().toLowerCase(java.util.Locale.ROOT);
        return SOLO.equals(f) || DUO.equals(f) ? f : null;
    }

    public List<String> categoryList() {
        return categories == null || categories.isBlank() ? List.of() : lines(categories);
    }

    /** The paper as events carry it, rebuilt from what is stored (what topic rules match against). */
    public PaperSummary summary() {
        return new PaperSummary(paperTitle, authorList(), abstractText, primaryCategory, categoryName, null, absUrl,
                categoryList());
    }

    /** Episodes whose primary category is {@code code}, newest first. */
    public static List<Episode> inPrimaryCategory(String code) {
        return find("primaryCategory", NEWEST_FIRST, code).list();
    }

    /** A primary category with episodes: its code, its name as stored, how many. */
    public record CategoryCount(String code, String name, long episodes) {
    }

    /** Every primary category that has episodes, by code. */
    public static List<CategoryCount> primaryCategories() {
        return getEntityManager().createQuery("select e.primaryCategory, max(e.categoryName), count(e) from Episode e"
                + " where e.primaryCategory is not null group by e.primaryCategory order by e.primaryCategory",
                Object[].class).getResultList().stream()
                .map(r -> new CategoryCount((String) r[0], r[1] == null ? (String) r[0] : (String) r[1], (Long) r[2]))
                .toList();
    }

    public static List<Episode> pageInPrimaryCategory(String code, int index, int size) {
        return find("primaryCategory", NEWEST_FIRST, code).page(Page.of(index, size)).list();
    }

    public boolean duo() {
        return DUO.equals(format);
    }

    /** Who speaks, the show's host first; the configured host for episodes that recorded no names. */
    public List<String> hostList(String showHost) {
        return hosts == null || hosts.isBlank() ? List.of(showHost) : lines(hosts);
    }

    /**
     * The format in words: "A conversation between Ernis and Sam" (duo) or "With Ernis" (solo).
     */
    public String formatLine(String showHost) {
        List<String> h = hostList(showHost);
        return duo() && h.size() > 1 ? "A conversation between " + andList(h) : "With " + andList(h);
    }

    /** Authors as the show credits them: "A", "A and B", "A, B and C". */
    public String creditLine() {
        return andList(authorList());
    }

    /** "A", "A and B", "A, B and C"; empty for none. */
    static String andList(List<String> a) {
        if (a.size() <= 1) {
            return a.isEmpty() ? "" : a.get(0);
        }
        return String.join(", ", a.subList(0, a.size() - 1)) + " and " + a.get(a.size() - 1);
    }

    /** Newest first; ties (same instant) by episode number. */
    public static final Sort NEWEST_FIRST = Sort.descending("publishedAt", "episodeNumber");

    public static List<Episode> newestFirst() {
        return findAll(NEWEST_FIRST).list();
    }

    public static List<Episode> page(int index, int size) {
        return findAll(NEWEST_FIRST).page(Page.of(index, size)).list();
    }

    public static Optional<Episode> bySlug(String slug) {
        return find("slug", slug).firstResultOptional();
    }

    public static int nextEpisodeNumber() {
        Integer max = getEntityManager().createQuery("select max(e.episodeNumber) from Episode e", Integer.class)
                .getSingleResult();
        return max == null ? 1 : max + 1;
    }
}
