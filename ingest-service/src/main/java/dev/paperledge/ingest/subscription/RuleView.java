package dev.paperledge.ingest.subscription;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.paperledge.contracts.SubscriptionRule;

/**
 * A rule as the API and the dashboard show it: the rule, the arXiv query it makes, its last poll,
 * the next scheduled poll and how many papers it submitted (today and in all).
 */
public record RuleView(String slug, String title, List<String> categories, List<String> keywords,
        List<String> authors, int dailyCap, String format, String arxivQuery, String href, Instant createdAt,
        Instant updatedAt, long submittedToday, long submittedTotal, PollView lastPoll, Instant nextPollAt) {

    /** One poll: its counts, what it submitted, what it skipped and why, or why it failed. */
    public record PollView(long id, String trigger, Instant startedAt, Instant finishedAt, int found,
            @JsonProperty("new") int newPapers, int submitted, int skipped, int requests, List<String> submittedIds,
            List<SubscriptionPoller.Skip> skippedItems, String error) {

        static PollView of(SubscriptionPoll p, ObjectMapper json) {
            if (p == null) {
                return null;
            }
            try {
                return new PollView(p.id == null ? 0 : p.id, p.trigger, p.startedAt, p.finishedAt, p.found,
                        p.newPapers, p.submitted, p.skipped, p.requests,
                        json.readValue(p.submittedIds, new TypeReference<List<String>>() {
                        }), json.readValue(p.skippedItems, new TypeReference<List<SubscriptionPoller.Skip>>() {
                        }), p.error);
            } catch (java.io.IOException e) {
                throw new IllegalStateException("unreadable poll record " + p.id, e);
            }
        }
    }

    /** Needs a transaction (reads the rule's polls and submissions). */
    static RuleView of(Subscription s, Instant nextPollAt, ObjectMapper json) {
        SubscriptionRule r = s.rule();
        return new RuleView(r.slug(), r.title(), r.categories(), r.keywords(), r.authors(), r.dailyCap(), r.format(),
                r.arxivQuery(), "/api/subscriptions/" + r.slug(), s.createdAt, s.updatedAt,
                SubscriptionSubmission.today(r.slug()), SubscriptionSubmission.total(r.slug()),
                PollView.of(SubscriptionPoll.latest(r.slug()), json), nextPollAt);
    }
}
