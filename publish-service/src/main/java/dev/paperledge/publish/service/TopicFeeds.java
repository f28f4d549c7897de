package dev.paperledge.publish.service;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.jboss.logging.Logger;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.output.Format;
import org.jdom2.output.XMLOutputter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.paperledge.contracts.SubscriptionRule;
import dev.paperledge.publish.domain.Episode;
import dev.paperledge.publish.domain.TopicRule;
import dev.paperledge.publish.feed.FeedBuilder;
import dev.paperledge.publish.feed.ShowSettings;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The topic feeds beside {@code /feed.xml}: one per watch rule ({@code /feeds/{slug}.xml}, the
 * episodes {@link SubscriptionRule#matches} accepts), one per arXiv primary category with episodes
 * ({@code /feeds/categories/{code}.xml}) and the OPML list of all feeds. Each is built from the
 * database on first request and then served from memory, until the main feed's revision (any episode
 * change) or the rules change; other instances notice both on their refresh.
 */
@ApplicationScoped
public class TopicFeeds {
    private static final Logger LOG = Logger.getLogger(TopicFeeds.class);
    public static final String OPML_CONTENT_TYPE = "text/x-opml; charset=utf-8";
    static final String OPML_KEY = "opml";

    /** A feed the caller asked for that does not exist: an unknown rule, a category without episodes. */
    public static class NoSuchFeed extends RuntimeException {
        public NoSuchFeed(String message) {
            super(message);
        }
    }

    /** A built feed and the state it was built from. */
    private record Cached(FeedSnapshot snapshot, String mainRevision, long rules) {
    }

    private final FeedService feeds;
    private final FeedBuilder builder;
    private final ObjectMapper json;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    /** Bumped on every rule change seen here or (by fingerprint) made by another instance. */
    private final AtomicLong rulesGeneration = new AtomicLong();
    private volatile String rulesFingerprint;

    public TopicFeeds(FeedService feeds, ShowSettings show, ObjectMapper json) {
        this.feeds = feeds;
        this.builder = new FeedBuilder(show);
        this.json = json;
    }

    public ShowSettings show() {
        return builder.show();
    }

    static String ruleKey(String slug) {
        return "rule:" + slug;
    }

    static String categoryKey(String code) {
        return "category:" + code;
    }

    /** The feed in memory when still current, else null (cheap: for the event loop). */
    public FeedSnapshot cached(String key) {
        Cached c = cache.get(key);
        FeedSnapshot main = feeds.cached();
        if (c == null || main == null || !c.mainRevision().equals(main.revision())
                || c.rules() != rulesGeneration.get()) {
            return null;
        }
        return c.snapshot();
    }

    public FeedSnapshot cachedRule(String slug) {
        return cached(ruleKey(slug));
    }

    public FeedSnapshot cachedCategory(String code) {
        return cached(categoryKey(code));
    }

    public FeedSnapshot cachedOpml() {
        return cached(OPML_KEY);
    }

    /** {@code /feeds/{slug}.xml}: the episodes the rule matches; {@link NoSuchFeed} for an unknown rule. */
    public FeedSnapshot ruleFeed(String slug) {
        return load(ruleKey(slug), () -> {
            TopicRule row = TopicRule.findById(slug);
            SubscriptionRule rule = row == null ? null : read(row).orElse(null);
            if (rule == null) {
                throw new NoSuchFeed("no topic feed named '" + slug + "'");
            }
            List<Episode> episodes = Episode.newestFirst().stream().filter(e -> rule.matches(e.summary())).toList();
            String title = rule.title() == null || rule.title().isBlank() ? slug : rule.title().strip();
            return feed(new FeedBuilder.Identity(show().title() + ": " + title, show().topicFeedUrl(slug)), episodes,
                    row.updatedAt);
        });
    }

    /** {@code /feeds/categories/{code}.xml}: the episodes whose primary category is {@code code}. */
    public FeedSnapshot categoryFeed(String code) {
        return load(categoryKey(code), () -> {
            List<Episode> episodes = Episode.inPrimaryCategory(code);
            if (episodes.isEmpty()) {
                throw new NoSuchFeed("no episodes in arXiv category '" + code + "'");
            }
            String name = episodes.get(0).categoryName;
            String label = name == null || name.isBlank() || name.equals(code) ? code : name + " (" + code + ")";
            return feed(new FeedBuilder.Identity(show().title() + ": " + label, show().categoryFeedUrl(code)), episodes,
                    null);
        });
    }

    /** {@code /feeds.opml}: the main feed, every topic feed and every category feed (OPML 2.0). */
    public FeedSnapshot opml() {
        return load(OPML_KEY, () -> {
            Element body = new Element("body");
            body.addContent(outline(show().title(), show().feedUrl()));
            List<TopicRule> rules = TopicRule.bySlug();
            Instant newest = Instant.EPOCH;
            if (!rules.isEmpty()) {
                Element topics = new Element("outline").setAttribute("text", "Topics");
                for (TopicRule row : rules) {
                    Optional<SubscriptionRule> rule = read(row);
                    String title = rule.map(SubscriptionRule::title).filter(t -> !t.isBlank()).orElse(row.slug);
                    topics.addContent(outline(show().title() + ": " + title, show().topicFeedUrl(row.slug)));
                    newest = row.updatedAt.isAfter(newest) ? row.updatedAt : newest;
                }
                body.addContent(topics);
            }
            List<Episode.CategoryCount> categories = Episode.primaryCategories();
            if (!categories.isEmpty()) {
                Element byCategory = new Element("outline").setAttribute("text", "arXiv categories");
                for (Episode.CategoryCount c : categories) {
                    String label = c.name().equals(c.code()) ? c.code() : c.name() + " (" + c.code() + ")";
                    byCategory.addContent(outline(show().title() + ": " + label, show().categoryFeedUrl(c.code())));
                }
                body.addContent(byCategory);
            }
            Element head = new Element("head").addContent(new Element("title").setText(show().title() + " feeds"))
                    .addContent(new Element("ownerName").setText(show().ownerName()))
                    .addContent(new Element("docs").setText("http://opml.org/spec2.opml"));
            Document doc = new Document(new Element("opml").setAttribute("version", "2.0").addContent(head)
                    .addContent(body));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                new XMLOutputter(Format.getPrettyFormat().setEncoding("UTF-8")).output(doc, out);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            byte[] content = out.toByteArray();
            Instant lm = Optional.ofNullable(feeds.cached()).map(FeedSnapshot::lastModified).orElse(Instant.EPOCH);
            return new FeedSnapshot(content, FeedService.revisionOf(content),
                    (lm.isAfter(newest) ? lm : newest).truncatedTo(ChronoUnit.SECONDS));
        });
    }

    private Element outline(String title, String xmlUrl) {
        return new Element("outline").setAttribute("type", "rss").setAttribute("text", title)
                .setAttribute("title", title).setAttribute("xmlUrl", xmlUrl)
                .setAttribute("htmlUrl", show().baseUrl() + "/");
    }

    /** Last-Modified: the newest change of an episode in it (or of the rule), in whole seconds. */
    private FeedSnapshot feed(FeedBuilder.Identity id, List<Episode> episodes, Instant ruleChanged) {
        byte[] content = builder.build(id, episodes);
        Instant lm = episodes.stream().map(e -> e.updatedAt).max(Comparator.naturalOrder()).orElse(Instant.EPOCH);
        if (ruleChanged != null && ruleChanged.isAfter(lm)) {
            lm = ruleChanged;
        }
        return new FeedSnapshot(content, FeedService.revisionOf(content), lm.truncatedTo(ChronoUnit.SECONDS));
    }

    /** Builds on a worker thread; keeps it unless the state changed meanwhile (then the next request rebuilds). */
    private FeedSnapshot load(String key, Supplier<FeedSnapshot> build) {
        FeedSnapshot hit = cached(key);
        if (hit != null) {
            return hit;
        }
        String mainRevision = feeds.current().revision();
        long rules = rulesGeneration.get();
        FeedSnapshot snap = QuarkusTransaction.joiningExisting().call(build::get);
        FeedSnapshot main = feeds.cached();
        if (main != null && main.revision().equals(mainRevision) && rules == rulesGeneration.get()) {
            cache.put(key, new Cached(snap, mainRevision, rules));
        }
        return snap;
    }

    public Optional<SubscriptionRule> read(TopicRule row) {
        try {
            return Optional.of(json.readValue(row.ruleJson, SubscriptionRule.class));
        } catch (JsonProcessingException e) {
            LOG.warnf("stored rule %s is unreadable: %s", row.slug, e.getOriginalMessage());
            return Optional.empty();
        }
    }

    /**
     * Applies a record of the subscriptions topic: a rule (added or changed) or, for a null rule (a
     * tombstone), its deletion. Returns whether anything changed.
     */
    public boolean applyRule(String slug, SubscriptionRule rule) {
        boolean changed = QuarkusTransaction.requiringNew().call(() -> {
            TopicRule row = TopicRule.findById(slug);
            if (rule == null) {
                return row != null && TopicRule.deleteById(slug);
            }
            String ruleJson = json.writeValueAsString(rule);
            if (row != null && row.ruleJson.equals(ruleJson)) {
                return false;
            }
            if (row == null) {
                row = new TopicRule();
                row.slug = slug;
                row.ruleJson = ruleJson;
                row.updatedAt = Instant.now();
                row.persist();
            } else {
                row.ruleJson = ruleJson;
                row.updatedAt = Instant.now();
            }
            return true;
        });
        if (changed) {
            rulesGeneration.incrementAndGet();
            LOG.infof("topic rule %s %s", slug, rule == null ? "deleted" : "stored");
        }
        return changed;
    }

    /** Every feed an episode is in: the main feed, its primary category's and each matching rule's. */
    public List<String> feedUrlsFor(Episode e) {
        List<String> urls = new ArrayList<>();
        urls.add(show().feedUrl());
        if (e.primaryCategory != null) {
            urls.add(show().categoryFeedUrl(e.primaryCategory));
        }
        QuarkusTransaction.joiningExisting().run(() -> {
            for (TopicRule row : TopicRule.bySlug()) {
                read(row).filter(r -> r.matches(e.summary())).ifPresent(r -> urls.add(show().topicFeedUrl(row.slug)));
            }
        });
        return urls;
    }

    /** Another instance may have changed the rules: drop the feeds built from the old ones. */
    @Scheduled(every = "${paperledge.feed.refresh-every}", delayed = "${paperledge.feed.refresh-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refreshRules() {
        try {
            String now = QuarkusTransaction.requiringNew().call(TopicRule::fingerprint);
            if (rulesFingerprint != null && !Objects.equals(rulesFingerprint, now)) {
                rulesGeneration.incrementAndGet();
            }
            rulesFingerprint = now;
        } catch (RuntimeException e) {
            LOG.warnf("topic rules refresh failed: %s", e.getMessage());
        }
    }
}
