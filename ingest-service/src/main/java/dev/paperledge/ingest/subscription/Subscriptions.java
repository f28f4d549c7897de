package dev.paperledge.ingest.subscription;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.paperledge.contracts.SubscriptionRule;
import dev.paperledge.ingest.arxiv.Taxonomy;
import dev.paperledge.stage.rest.Problem;
import dev.paperledge.ingest.service.ShowFormats;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The watch rules: validation, storage, and their copy on the {@code subscriptions} topic (each
 * create and update publishes the rule, a delete its tombstone; every rule again at start-up).
 */
@ApplicationScoped
public class Subscriptions {
    private static final Logger LOG = Logger.getLogger(Subscriptions.class);

    public static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    public static final int MAX_TITLE = 120;
    public static final int MAX_VALUES = 20;
    public static final int MAX_VALUE_LENGTH = 100;
    public static final int MIN_CAP = 1;
    public static final int MAX_CAP = 50;
    public static final int DEFAULT_CAP = 5;
    static final Set<String> FIELDS = Set.of("slug", "title", "categories", "keywords", "authors", "dailyCap",
            "format");

    private final RulePublisher publisher;
    private final ShowFormats formats;
    private final ObjectMapper json;

    public Subscriptions(RulePublisher publisher, ShowFormats formats, ObjectMapper json) {
        this.publisher = publisher;
        this.formats = formats;
        this.json = json;
    }

    /** A rule that is not acceptable: every problem found, each a sentence. */
    public static class Invalid extends IllegalArgumentException {
        private final List<String> problems;

        public Invalid(List<String> problems) {
            super(String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    /** No rule with that slug. */
    public static class NotFound extends RuntimeException {
        public NotFound(String slug) {
            super("no subscription '" + slug + "'");
        }
    }

    /** The rule's tombstone was not acknowledged by the broker: the rule is kept, the operator tries again. */
    public static class NotWithdrawn extends RuntimeException {
        public NotWithdrawn(String slug) {
            super("subscription '" + slug + "' was not deleted: the message broker did not acknowledge its removal "
                    + "from the topic feeds; nothing changed, try again shortly");
        }
    }

    /** A rule with that slug exists already. */
    public static class Duplicate extends RuntimeException {
        public Duplicate(String slug) {
            super("a subscription '" + slug + "' exists already; change it with PUT /api/subscriptions/" + slug);
        }
    }

    /**
     * Reads a rule from a request body: {@code slug} from the body (creating) or the path
     * ({@code pathSlug}, updating: a slug in the body must be the same).
     *
     * @throws Invalid naming every problem
     */
    public SubscriptionRule read(JsonNode body, String pathSlug) {
        List<String> problems = new ArrayList<>();
        if (body == null || !body.isObject()) {
            throw new Invalid(List.of("expected a JSON object {\"slug\", \"title\", \"categories\", \"keywords\", "
                    + "\"authors\", \"dailyCap\", \"format\"}"));
        }
        for (Iterator<String> it = body.fieldNames(); it.hasNext();) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                problems.add("unknown field '" + echo(f) + "'; the fields are " + String.join(", ", FIELDS.stream()
                        .sorted().toList()));
            }
        }
        String slug = pathSlug;
        JsonNode s = body.get("slug");
        if (pathSlug == null || (s != null && !s.isNull())) {
            if (s == null || !s.isTextual() || !SLUG.matcher(s.asText()).matches()) {
                problems.add("slug must be 1 to 40 lower-case letters, digits or hyphens, starting with a letter or "
                        + "digit (it names the feed: /feeds/{slug}.xml)");
            } else if (pathSlug != null && !pathSlug.equals(s.asText())) {
                problems.add("the slug in the body ('" + s.asText() + "') is not the one in the path ('" + pathSlug
                        + "'); a rule's slug cannot change");
            } else {
                slug = s.asText();
            }
        }
        JsonNode t = body.get("title");
        String title = t != null && t.isTextual() ? t.asText().strip().replaceAll("\\s+", " ") : null;
        if (title == null || title.isEmpty()) {
            problems.add("title is required (the topic as listeners read it, at most " + MAX_TITLE + " characters)");
        } else if (title.length() > MAX_TITLE) {
            problems.add("title is longer than " + MAX_TITLE + " characters");
        } else if (title.chars().anyMatch(Character::isISOControl)) {
            problems.add("title contains control characters");
        }
        List<String> categories = strings(body, "categories", problems);
        for (String c : categories) {
            if (Taxonomy.standard().name(c).isEmpty()) {
                problems.add("'" + echo(c) + "' is not an arXiv category (e.g. cs.CL, math.PR, hep-th)");
            }
        }
        List<String> keywords = strings(body, "keywords", problems);
        List<String> authors = strings(body, "authors", problems);
        int cap = DEFAULT_CAP;
        JsonNode d = body.get("dailyCap");
        if (d != null && !d.isNull()) {
            if (!d.isIntegralNumber() || !d.canConvertToInt() || d.asInt() < MIN_CAP || d.asInt() > MAX_CAP) {
                problems.add("dailyCap must be a whole number from " + MIN_CAP + " to " + MAX_CAP
                        + " (papers the rule submits per UTC day; default " + DEFAULT_CAP + ")");
            } else {
                cap = d.asInt();
            }
        }
        String format = null;
        try {
            format = ShowFormats.ofSubmission(body.get("format"));
        } catch (ShowFormats.Unknown e) {
            problems.add("'" + echo(e.input()) + "' is not a format; one of " + ShowFormats.choices());
        }
        SubscriptionRule rule = new SubscriptionRule(slug, title, categories, keywords, authors, cap,
                format == null ? formats.defaultFormat() : format);
        if (problems.isEmpty() && rule.empty()) {
            problems.add("the rule is empty: name at least one category, keyword or author (an empty rule would "
                    + "watch all of arXiv)");
        }
        if (!problems.isEmpty()) {
            throw new Invalid(problems);
        }
        return rule;
    }

    private static List<String> strings(JsonNode body, String field, List<String> problems) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return List.of();
        }
        if (!n.isArray()) {
            problems.add(field + " must be a list of strings");
            return List.of();
        }
        if (n.size() > MAX_VALUES) {
            problems.add(field + " holds " + n.size() + " values; at most " + MAX_VALUES);
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (JsonNode v : n) {
            String text = v.isTextual() ? v.asText().strip() : null;
            if (text == null || text.isEmpty()) {
                problems.add(field + " must hold non-empty strings");
            } else if (text.length() > MAX_VALUE_LENGTH) {
                problems.add("a value of " + field + " is longer than " + MAX_VALUE_LENGTH + " characters");
            } else if (text.chars().anyMatch(Character::isISOControl) || text.indexOf('"') >= 0) {
                problems.add("'" + echo(text) + "' in " + field + " contains a quote or control characters");
            } else if (!text.codePoints().anyMatch(Character::isLetterOrDigit)) {
                problems.add("'" + echo(text) + "' in " + field + " has no letter or digit");
            } else {
                out.add(text);
            }
        }
        return out;
    }

    private static String echo(String s) {
        return Problem.echo(s);
    }

    public SubscriptionRule create(SubscriptionRule rule) {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                if (Subscription.findById(rule.slug()) != null) {
                    throw new Duplicate(rule.slug());
                }
                Subscription s = new Subscription();
                s.slug = rule.slug();
                s.createdAt = Instant.now();
                s.set(rule);
                s.persist();
            });
        } catch (Duplicate e) {
            throw e;
        } catch (RuntimeException e) {
            // Two creates of one slug at once: the primary key lets one in; the other is a duplicate too.
            if (QuarkusTransaction.requiringNew().call(() -> Subscription.findById(rule.slug()) != null)) {
                throw new Duplicate(rule.slug());
            }
            throw e;
        }
        publisher.publish(rule);
        return rule;
    }

    public SubscriptionRule update(SubscriptionRule rule) {
        QuarkusTransaction.requiringNew().run(() -> require(rule.slug()).set(rule));
        publisher.publish(rule);
        return rule;
    }

    /**
     * The tombstone goes first: a rule is deleted only once the feeds have been told, so a broker that
     * does not acknowledge leaves the rule as it was ({@link NotWithdrawn}) rather than a deleted rule
     * whose topic feed lives on. (Should the row's delete then fail, the start-up re-publication puts
     * the rule back on the topic, as the database still has it.)
     */
    public void delete(String slug) {
        get(slug);
        if (!publisher.tombstone(slug)) {
            throw new NotWithdrawn(slug);
        }
        QuarkusTransaction.requiringNew().run(() -> require(slug).delete());
    }

    public SubscriptionRule get(String slug) {
        return QuarkusTransaction.requiringNew().call(() -> require(slug).rule());
    }

    public List<SubscriptionRule> all() {
        return QuarkusTransaction.requiringNew().call(() -> Subscription.<Subscription>listAll(Sort.by("slug"))
                .stream().map(Subscription::rule).toList());
    }

    /** Every rule as the API shows it, by slug. */
    public List<RuleView> views(java.time.Instant nextPollAt) {
        return QuarkusTransaction.requiringNew().call(() -> Subscription.<Subscription>listAll(Sort.by("slug"))
                .stream().map(s -> RuleView.of(s, nextPollAt, json)).toList());
    }

    /** One rule as the API shows it. */
    public RuleView view(String slug, java.time.Instant nextPollAt) {
        return QuarkusTransaction.requiringNew().call(() -> RuleView.of(require(slug), nextPollAt, json));
    }

    /** A poll as the API shows it. */
    public RuleView.PollView view(SubscriptionPoll poll) {
        return RuleView.PollView.of(poll, json);
    }

    static Subscription require(String slug) {
        Subscription s = slug == null ? null : Subscription.findById(slug);
        if (s == null) {
            throw new NotFound(slug);
        }
        return s;
    }

    /** Every rule again on the topic (cheap, idempotent): heals a publish that failed during a write. */
    void republishAtStart(@Observes StartupEvent start) {
        Thread t = new Thread(() -> {
            try {
                List<SubscriptionRule> rules = all();
                int done = publisher.publishAll(rules);
                LOG.infof("published %d of %d subscription rules at start-up", done, rules.size());
            } catch (RuntimeException e) {
                LOG.warnf(e, "could not publish the subscription rules at start-up");
            }
        }, "subscriptions-republish");
        t.setDaemon(true);
        t.start();
    }
}
