package dev.paperledge.ingest.subscription;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.paperledge.ingest.support.Atom;
import dev.paperledge.ingest.support.ConfigOverrides;
import dev.paperledge.ingest.support.Fixtures;
import dev.paperledge.ingest.support.Rules;
import dev.paperledge.ingest.support.StandInResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/** With the schedule on (every 2 s here), the poller polls a new rule by itself and says when it polls next. */
@QuarkusTest
@TestProfile(ScheduledPollTest.ScheduleOn.class)
@WithTestResource(StandInResource.class)
class ScheduledPollTest {

    public static class ScheduleOn extends ConfigOverrides {
        public ScheduleOn() {
            super(Map.of("paperledge.subscriptions.enabled", "true", "paperledge.subscriptions.poll-interval", "2s",
                    "paperledge.subscriptions.start-delay", "1s"));
        }
    }

    @Test
    void theScheduleSubmitsARulesNewPaperAndNamesTheNextPoll() {
        String word = "numbat" + Fixtures.randomId().replace(".", "");
        String id = Fixtures.randomId();
        Fixtures.write(StandInResource.folder(), id, ".atom.xml", Atom.entry(id, 1, "On " + word, List.of("A B"),
                "About " + word + ".", "cs.CL", List.of("cs.CL"), "2026-03-01T09:00:00Z"));
        String slug = Rules.slug();
        Rules.create(Rules.body("slug", slug, "title", "Numbats", "keywords", List.of(word))).then().statusCode(201);
        try {
            JsonPath[] rule = new JsonPath[1];
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> {
                rule[0] = given().get("/api/subscriptions/" + slug).then().statusCode(200).extract().jsonPath();
                return rule[0].get("lastPoll") != null;
            });
            assertThat(rule[0].getString("lastPoll.trigger")).isEqualTo("schedule");
            assertThat(rule[0].getList("lastPoll.submittedIds")).containsExactly(id + "v1");
            assertThat(Instant.parse(rule[0].getString("nextPollAt"))).isAfter(Instant.now().minusSeconds(3))
                    .isBefore(Instant.now().plusSeconds(5));
            JsonPath dashboard = given().get("/api/dashboard").then().statusCode(200).extract().jsonPath();
            assertThat(dashboard.getList("rules.slug")).contains(slug);
            given().get("/api/papers/" + id).then().statusCode(200);
        } finally {
            Rules.delete(slug);
        }
    }
}
