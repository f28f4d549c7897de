package dev.paperledge.publish.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.paperledge.contracts.SubscriptionRule;
import dev.paperledge.publish.domain.TopicRule;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * A topic feed served from memory follows a rule another instance changed in the shared table: the
 * refresh sees the rules' fingerprint move and the next request rebuilds.
 */
@QuarkusTest
class TopicFeedsRefreshTest {
    @Inject
    TopicFeeds topics;
    @Inject
    ObjectMapper json;

    @Test
    void aRuleChangedByAnotherInstanceReachesTheCachedFeedOnTheNextRefresh() throws Exception {
        String slug = "refresh-" + Long.toString(System.nanoTime(), 36);
        String path = "/feeds/" + slug + ".xml";
        topics.applyRule(slug, new SubscriptionRule(slug, "Before", List.of("cs.CL"), List.of(), List.of(), 5, null));
        try {
            topics.refreshRules();
            assertThat(given().get(path).asString()).contains("<title>PaperLedge: Before</title>");
            assertThat(topics.cachedRule(slug)).isNotNull();

            // another instance's consumer writes the table; this one's memory is not told
            String after = json.writeValueAsString(
                    new SubscriptionRule(slug, "After", List.of("cs.CL"), List.of(), List.of(), 5, null));
            QuarkusTransaction.requiringNew().run(() -> {
                TopicRule row = TopicRule.findById(slug);
                row.ruleJson = after;
                row.updatedAt = Instant.now().plusSeconds(1);
            });
            assertThat(given().get(path).asString()).contains("<title>PaperLedge: Before</title>");

            topics.refreshRules();
            assertThat(topics.cachedRule(slug)).isNull();
            assertThat(given().get(path).asString()).contains("<title>PaperLedge: After</title>");
        } finally {
            topics.applyRule(slug, null);
        }
    }
}
