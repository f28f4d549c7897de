package dev.paperledge.ingest.subscription;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.paperledge.contracts.SubscriptionRule;
import dev.paperledge.ingest.arxiv.ArxivClient;
import dev.paperledge.ingest.arxiv.ArxivException;
import dev.paperledge.ingest.arxiv.ArxivId;
import dev.paperledge.ingest.arxiv.ArxivMetadata;
import dev.paperledge.ingest.arxiv.AtomParser;
import dev.paperledge.ingest.status.PaperStatus;
import dev.paperledge.ingest.status.StatusRecord;
import dev.paperledge.ingest.service.IngestWorker;
import dev.paperledge.ingest.service.IntakeService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.scheduler.Trigger;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Polls the watch rules: every {@code paperledge.subscriptions.poll-interval} (one poller across all
 * instances, by {@link PollerLock}) and when an operator asks. Per rule it reads arXiv's listing for
 * {@link SubscriptionRule#arxivQuery()}, newest submissions first, a page at a time up to
 * {@code max-results}, through the same {@link ArxivClient} as ingest (its rate limit and retries).
 * A paper not produced before is submitted through {@link IntakeService} in the rule's format while
 * the rule's submissions today (UTC) are under its daily cap; a paper PUBLISHED at an older version
 * than the listing's is produced again at the new one; anything else is skipped with the reason.
 * Every poll is recorded, a failed one (arXiv unavailable, a listing that cannot be read) with its
 * reason; the next poll starts afresh.
 */
@ApplicationScoped
public class SubscriptionPoller {
    private static final Logger LOG = Logger.getLogger(SubscriptionPoller.class);
    static final String JOB = "subscription-poller";

    private final ArxivClient arxiv;
    private final IntakeService intake;
    private final IngestWorker worker;
    private final PollerLock lock;
    private final PollerConfig config;
    private final Scheduler scheduler;
    private final ObjectMapper json;

    public SubscriptionPoller(ArxivClient arxiv, IntakeService intake, IngestWorker worker, PollerLock lock,
            PollerConfig config, Scheduler scheduler, ObjectMapper json) {
        this.arxiv = arxiv;
        this.intake = intake;
        this.worker = worker;
        this.lock = lock;
        this.config = config;
        this.scheduler = scheduler;
        this.json = json;
    }

    /** Another poll holds the lock (here or on another instance). */
    public static class Busy extends RuntimeException {
        public Busy() {
            super("another poll is running (here or on another instance); try again when it has finished");
        }
    }

    /** A paper the poll did not submit, and why. */
    public record Skip(String arxivId, int version, String reason) {
    }

    @Scheduled(identity = JOB, every = "${paperledge.subscriptions.poll-interval:1h}",
            delayed = "${paperledge.subscriptions.start-delay:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (config.enabled()) {
            pollAll("schedule");
        }
    }

    /** When the next scheduled poll is due; empty when scheduled polls are off. */
    public Optional<Instant> nextPoll() {
        if (!config.enabled()) {
            return Optional.empty();
        }
        Trigger t = scheduler.getScheduledJob(JOB);
        return Optional.ofNullable(t == null ? null : t.getNextFireTime());
    }

    /**
     * Polls every rule, if no other poll runs.
     *
     * @return the polls made, or empty when another poller holds the lock
     */
    public Optional<List<SubscriptionPoll>> pollAll(String trigger) {
        return lock.tryWith(() -> {
            List<SubscriptionPoll> polls = new ArrayList<>();
            for (String slug : QuarkusTransaction.requiringNew()
                    .call(() -> Subscription.<Subscription>listAll().stream().map(s -> s.slug).sorted().toList())) {
                try {
                    polls.add(pollRule(slug, trigger, arxiv));
                } catch (Subscriptions.NotFound e) {
                    LOG.debugf("rule %s was deleted during the poll", slug);
                }
            }
            return polls;
        });
    }

    /**
     * Polls one rule now.
     *
     * @throws Subscriptions.NotFound no such rule
     * @throws Busy                   another poll is running
     */
    public SubscriptionPoll poll(String slug, String trigger) {
        return poll(slug, trigger, arxiv);
    }

    /** As {@link #poll(String, String)}, reading arXiv through {@code client}. */
    SubscriptionPoll poll(String slug, String trigger, ArxivClient client) {
        QuarkusTransaction.requiringNew().run(() -> Subscriptions.require(slug));
        return lock.tryWith(() -> pollRule(slug, trigger, client)).orElseThrow(Busy::new);
    }

    private SubscriptionPoll pollRule(String slug, String trigger, ArxivClient client) {
        SubscriptionRule rule = QuarkusTransaction.requiringNew().call(() -> Subscriptions.require(slug).rule());
        Instant started = Instant.now();
        List<Skip> skipped = new ArrayList<>();
        List<String> submitted = new ArrayList<>();
        int found = 0;
        int fresh = 0;
        int requests = 0;
        String error = null;
        try {
            int start = 0;
            boolean capReached = false;
            while (start < config.maxResults() && !capReached) {
                int size = Math.min(config.pageSize(), config.maxResults() - start);
                requests++;
                AtomParser.Listing page = client.search(rule.arxivQuery(), start, size);
                for (ArxivMetadata paper : page.papers()) {
                    found++;
                    Decision d = QuarkusTransaction.requiringNew().call(() -> decide(rule, paper));
                    fresh += d.fresh ? 1 : 0;
                    if (d.submitted != null) {
                        submitted.add(d.submitted);
                    } else {
                        skipped.add(new Skip(paper.arxivId(), paper.version(), d.reason));
                        capReached |= d.capReached;
                    }
                }
                start += page.papers().size();
                if (page.papers().size() < size || start >= page.totalResults()) {
                    break;
                }
            }
        } catch (ArxivException e) {
            error = e.getMessage();
            LOG.warnf(e, "poll of rule %s failed: %s", slug, error);
        } catch (RuntimeException e) {
            error = "the poll stopped on an internal error (" + e.getClass().getSimpleName() + "); see the log";
            LOG.errorf(e, "poll of rule %s failed", slug);
        }
        if (!submitted.isEmpty()) {
            worker.nudge();
        }
        SubscriptionPoll poll = new SubscriptionPoll();
        poll.slug = slug;
        poll.trigger = trigger;
        poll.startedAt = started;
        poll.found = found;
        poll.newPapers = fresh;
        poll.submitted = submitted.size();
        poll.skipped = skipped.size();
        poll.skippedItems = write(skipped);
        poll.submittedIds = write(submitted);
        poll.requests = requests;
        poll.error = error;
        poll.finishedAt = Instant.now();
        QuarkusTransaction.requiringNew().run(() -> {
            if (Subscription.findById(slug) != null) {
                poll.persist();
            }
        });
        LOG.infof("poll of rule %s: found %d, new %d, submitted %d, skipped %d%s", slug, found, fresh,
                submitted.size(), skipped.size(), error == null ? "" : ", failed: " + error);
        return poll;
    }

    /** What became of one listed paper: submitted (its ID and version), or skipped and why. */
    private record Decision(boolean fresh, String submitted, String reason, boolean capReached) {
        static Decision skip(boolean fresh, String reason) {
            return new Decision(fresh, null, reason, false);
        }
    }

    private Decision decide(SubscriptionRule rule, ArxivMetadata listed) {
        if (!rule.matches(listed.summary())) {
            return Decision.skip(false, "does not match the rule (arXiv's search is broader than the rule's words)");
        }
        StatusRecord known = StatusRecord.findById(listed.arxivId());
        boolean newVersion = known != null && known.status == PaperStatus.PUBLISHED && known.version != null
                && listed.version() > known.version;
        if (known != null && !newVersion) {
            return Decision.skip(false, why(known, listed.version()));
        }
        if (SubscriptionSubmission.today(rule.slug()) >= rule.dailyCap()) {
            return new Decision(true, null, "daily cap of " + rule.dailyCap() + " reached", true);
        }
        // A new paper: the latest version, as an operator's submission; a newer version: that version.
        ArxivId id = new ArxivId(listed.arxivId(), newVersion ? listed.version() : null);
        IntakeService.Submission s = intake.submit(id, false, newVersion ? null : rule.format(),
                "subscription " + rule.slug());
        if (!s.newProduction()) {
            return Decision.skip(true, s.refused() != null ? s.refused()
                    : why(StatusRecord.findById(listed.arxivId()), listed.version()));
        }
        SubscriptionSubmission record = new SubscriptionSubmission();
        record.slug = rule.slug();
        record.arxivId = listed.arxivId();
        record.version = listed.version();
        record.run = s.paper().run;
        record.submittedAt = Instant.now();
        record.persist();
        return new Decision(true, listed.arxivId() + "v" + listed.version(), null, false);
    }

    /** Why a known paper is not submitted again. */
    private static String why(StatusRecord p, int listedVersion) {
        return switch (p.status) {
            case PUBLISHED -> "already produced (v" + p.version + ", run " + p.run + ")";
            case FAILED -> "already submitted; failed"
                    + (p.failedStage == null ? "" : " at " + p.failedStage.name().toLowerCase(Locale.ROOT))
                    + " (an operator can retry it)";
            default -> "in progress (" + p.status + (p.version != null && listedVersion > p.version
                    ? "; v" + listedVersion + " is taken once it is published" : "") + ")";
        };
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
