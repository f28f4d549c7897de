package dev.paperledge.ingest.subscription;

import java.time.Duration;
import java.util.List;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

import dev.paperledge.contracts.SubscriptionRule;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Writes rules to the compacted {@code subscriptions} topic, keyed by slug (plain JSON, the
 * {@link SubscriptionRule} contract); a deleted rule is a tombstone (the slug with no value).
 * Returns once the broker acknowledged, or says it did not: the rule is already stored, and the
 * start-up re-publication of every rule heals a publish that failed.
 */
@ApplicationScoped
public class RulePublisher {
    private static final Logger LOG = Logger.getLogger(RulePublisher.class);

    private final MutinyEmitter<Record<String, SubscriptionRule>> emitter;
    private final Duration ackTimeout;

    public RulePublisher(@Channel("subscriptions-out") MutinyEmitter<Record<String, SubscriptionRule>> emitter,
            @ConfigProperty(name = "paperledge.ingest.ack-timeout", defaultValue = "30s") Duration ackTimeout) {
        this.emitter = emitter;
        this.ackTimeout = ackTimeout;
    }

    /** Publishes the rule; false (logged) when the broker did not acknowledge. */
    public boolean publish(SubscriptionRule rule) {
        return send(rule.slug(), rule);
    }

    /** Publishes the tombstone of a deleted rule; false (logged) when the broker did not acknowledge. */
    public boolean tombstone(String slug) {
        return send(slug, null);
    }

    /** Publishes every rule again (idempotent on a compacted topic); returns how many were acknowledged. */
    public int publishAll(List<SubscriptionRule> rules) {
        return (int) rules.stream().filter(this::publish).count();
    }

    private boolean send(String slug, SubscriptionRule rule) {
        try {
            emitter.send(Record.of(slug, rule)).await().atMost(ackTimeout);
            return true;
        } catch (RuntimeException e) {
            LOG.warnf(e, "rule %s was not acknowledged by the broker; it is published again at the next start-up",
                    slug);
            return false;
        }
    }
}
