package dev.paperledge.publish.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import dev.paperledge.publish.service.FeedService;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A watch rule as copied from the compacted {@code subscriptions} topic: one row per slug, the rule
 * as its JSON ({@code SubscriptionRule}); a tombstone deletes the row.
 */
@Entity
@Table(name = "subscription_rule")
public class TopicRule extends PanacheEntityBase {
    @Id
    public String slug;
    @Column(name = "rule_json")
    public String ruleJson;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public static List<TopicRule> bySlug() {
        return listAll(Sort.ascending("slug"));
    }

    /** Changes whenever a rule is added, changed or deleted (other instances compare it to drop cached feeds). */
    public static String fingerprint() {
        StringBuilder sb = new StringBuilder();
        for (Object[] r : getEntityManager()
                .createQuery("select r.slug, r.updatedAt from TopicRule r order by r.slug", Object[].class)
                .getResultList()) {
            sb.append(r[0]).append('@').append(r[1]).append('\n');
        }
        return FeedService.revisionOf(sb.toString().getBytes(StandardCharsets.UTF_8));
    }
}
