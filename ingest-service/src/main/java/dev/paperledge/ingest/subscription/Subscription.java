package dev.paperledge.ingest.subscription;

import java.time.Instant;
import java.util.List;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import dev.paperledge.contracts.SubscriptionRule;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A watch rule as stored (V6); {@link #rule()} is the shared contract's view of it. */
@Entity
@Table(name = "subscription")
public class Subscription extends PanacheEntityBase {
    @Id
    public String slug;

    public String title;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> categories = List.of();

    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> keywords = List.of();

    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> authors = List.of();

    @Column(name = "daily_cap")
    public int dailyCap;

    public String format;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public SubscriptionRule rule() {
        return new SubscriptionRule(slug, title, categories, keywords, authors, dailyCap, format);
    }

    /** Takes every field of {@code rule} but its slug. */
    void set(SubscriptionRule rule) {
        title = rule.title();
        categories = rule.categories();
        keywords = rule.keywords();
        authors = rule.authors();
        dailyCap = rule.dailyCap();
        format = rule.format();
        updatedAt = Instant.now();
    }
}
