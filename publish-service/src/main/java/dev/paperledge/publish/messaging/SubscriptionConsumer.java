package dev.paperledge.publish.messaging;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import dev.paperledge.contracts.SubscriptionRule;
import dev.paperledge.publish.rest.FeedResource;
import dev.paperledge.publish.service.TopicFeeds;
import dev.paperledge.publish.websub.WebSubNotifier;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The compacted {@code subscriptions} topic (ingest-service's watch rules, key = slug) into the
 * rules behind {@code /feeds/{slug}.xml}; a tombstone (null value) deletes the rule.
 */
@ApplicationScoped
public class SubscriptionConsumer {
    private static final Logger LOG = Logger.getLogger(SubscriptionConsumer.class);
    private final TopicFeeds topics;
    private final WebSubNotifier websub;

    public SubscriptionConsumer(TopicFeeds topics, WebSubNotifier websub) {
        this.topics = topics;
        this.websub = websub;
    }

    @Incoming("subscriptions-in")
    @Blocking
    public void onRule(ConsumerRecord<String, SubscriptionRule> rec) {
        String slug = rec.key();
        if (slug == null || !FeedResource.SLUG.matcher(slug).matches()) {
            LOG.warnf("subscriptions record at offset %d has key '%s', not a rule's slug: ignored", rec.offset(), slug);
            return;
        }
        SubscriptionRule rule = rec.value();
        if (rule != null && rule.slug() != null && !slug.equals(rule.slug())) {
            LOG.warnf("subscriptions record for '%s' names the rule '%s': kept under its key", slug, rule.slug());
        }
        if (topics.applyRule(slug, rule)) {
            websub.changed(List.of(topics.show().topicFeedUrl(slug)));
        }
    }
}
