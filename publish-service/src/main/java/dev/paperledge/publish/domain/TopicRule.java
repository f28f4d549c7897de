package dev.paperledge.publish.domain;

import java.time.Instant;
import java.util.List;

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
        Object r = getEntityManager().createNativeQuery("SELECT md5(COALESCE(string_agg(slug || ':' || "
                + "extract(epoch from updated_at)::text, ',' ORDER BY slug), '')) FROM subscription_rule")
                .getSingleResult();
        return String.valueOf(r);
    }
}
