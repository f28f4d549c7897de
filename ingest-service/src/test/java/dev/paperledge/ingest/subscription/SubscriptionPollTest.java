package dev.paperledge.ingest.subscription;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.paperledge.ingest.support.Api;
import dev.paperledge.ingest.support.Atom;
import dev.paperledge.ingest.support.Fixtures;
import dev.paperledge.ingest.support.Papers;
import dev.paperledge.ingest.support.Rules;
import dev.paperledge.ingest.support.StandInResource;
import dev.paperledge.testkit.ArxivStandIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

/**
 * The poller over the arXiv stand-in's listings, the real database and broker: daily caps and paging,
 * dedupe against papers already known, one poller at a time (another thread, another database session),
 * an arXiv 503 and a malformed listing recorded as failed polls with the next poll working, and a newer
 * arXiv version of a published paper produced again (from a poll and from an operator).
 */
@QuarkusTest
@WithTestResource(StandInResource.class)
class SubscriptionPollTest {
    @Inject
    SubscriptionPoller poller;

    @ConfigProperty(name = "paperledge.arxiv.user-agent")
    String userAgent;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String dbUser;

    @ConfigProperty(name = "quarkus.datasource.password")
    String dbPassword;

    private final List<String> slugs = new ArrayList<>();

    @AfterEach
    void deleteRules() {
        slugs.forEach(Rules::delete);
    }

    /** A word no other paper in the stand-in's folder has. */
    private static String word() {
        return "quokka" + Fixtures.randomId().replace(".", "");
    }

    /** A cs.CL paper whose title holds {@code word}, first submitted on day {@code day} of January 2026. */
    private static String paper(String word, int version, int day) {
        String id = Fixtures.randomId();
        write(id, word, version, day);
        return id;
    }

    private static void write(String id, String word, int version, int day) {
        Fixtures.write(StandInResource.folder(), id, ".atom.xml", Atom.entry(id, version, "On " + word + " and more",
                List.of("Ada Lovelace"), "We study " + word + ".", "cs.CL", List.of("cs.CL", "cs.LG"),
                "2026-01-%02dT09:00:00Z".formatted(day)));
    }

    private String rule(String word, int cap) {
        String slug = Rules.slug();
        Rules.create(Rules.rule(slug, List.of("cs.CL"), List.of(word), cap, "duo")).then().statusCode(201);
        slugs.add(slug);
        return slug;
    }

    private static JsonPath run(String slug) {
        return Rules.run(slug).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void theDailyCapLimitsSubmissionsNewestFirstAndPagingStopsThere() {
        String w = word();
        List<String> ids = new ArrayList<>();
        for (int day = 1; day <= 5; day++) {
            ids.add(paper(w, 1, day));
        }
        String slug = rule(w, 2);
        ArxivStandIn standIn = StandInResource.standIn();
        int before = standIn.listingRequests().size();

        JsonPath first = run(slug);
        assertThat(first.getString("error")).isNull();
        // page-size 3 in tests: the first page (days 5, 4, 3) reaches the cap, so no second page is asked for.
        assertThat(first.getInt("requests")).isEqualTo(1);
        assertThat(first.getInt("found")).isEqualTo(3);
        assertThat(first.getInt("new")).isEqualTo(3);
        assertThat(first.getInt("submitted")).isEqualTo(2);
        assertThat(first.getList("submittedIds")).containsExactly(ids.get(4) + "v1", ids.get(3) + "v1");
        assertThat(first.getList("skippedItems.arxivId")).containsExactly(ids.get(2));
        assertThat(first.getList("skippedItems.reason")).containsExactly("daily cap of 2 reached");
        JsonPath p = Api.paper(ids.get(4));
        assertThat(p.getString("format")).isEqualTo("duo");
        assertThat(p.getList("timeline.detail", String.class)).anyMatch(d -> d.contains("by subscription " + slug));
        given().get("/api/papers/" + ids.get(2)).then().statusCode(404);

        var requests = standIn.listingRequests().subList(before, standIn.listingRequests().size());
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).userAgent()).isEqualTo(userAgent);
        assertThat(requests.get(0).searchQuery())
                .isEqualTo("(cat:cs.CL) AND (ti:\"" + w + "\" OR abs:\"" + w + "\")");
        assertThat(requests.get(0).rawQuery()).contains("sortBy=submittedDate").contains("sortOrder=descending")
                .contains("start=0").contains("max_results=3");

        // Again the same day: the two known papers are skipped, the cap still holds the rest back.
        JsonPath second = run(slug);
        assertThat(second.getInt("submitted")).isZero();
        assertThat(second.getInt("new")).isEqualTo(1);
        assertThat(second.getList("skippedItems.reason", String.class))
                .allMatch(r -> r.startsWith("in progress") || r.startsWith("already produced") || r.startsWith("daily cap"));

        // A higher cap: two more today, read over two pages; the fifth paper stays for tomorrow.
        Api.operator().body(Rules.rule(slug, List.of("cs.CL"), List.of(w), 4, "duo")).put("/api/subscriptions/" + slug)
                .then().statusCode(200);
        JsonPath third = run(slug);
        assertThat(third.getList("submittedIds")).containsExactly(ids.get(2) + "v1", ids.get(1) + "v1");
        assertThat(third.getInt("requests")).isEqualTo(2);
        assertThat(third.getInt("found")).isEqualTo(5);
        assertThat(third.getList("skippedItems.reason")).contains("daily cap of 4 reached");
        given().get("/api/subscriptions/" + slug).then().statusCode(200).body("submittedToday", equalTo(4))
                .body("submittedTotal", equalTo(4)).body("lastPoll.submitted", equalTo(2))
                .body("lastPoll.trigger", equalTo("operator"));
        Api.awaitIngested(ids.get(1), Duration.ofSeconds(30));
    }

    @Test
    void papersAlreadyKnownAreSkippedWithTheReason() {
        String w = word();
        String published = paper(w, 1, 3);
        String inProgress = paper(w, 1, 2);
        String unknown = paper(w, 1, 1);
        Papers.published(published, 1, 1);
        Papers.requested(inProgress, 1, java.time.Instant.now());
        String slug = rule(w, 5);

        JsonPath poll = run(slug);
        assertThat(poll.getInt("found")).isEqualTo(3);
        assertThat(poll.getInt("new")).isEqualTo(1);
        assertThat(poll.getList("submittedIds")).containsExactly(unknown + "v1");
        assertThat(poll.getList("skippedItems.arxivId")).containsExactly(published, inProgress);
        assertThat(poll.getList("skippedItems.reason")).containsExactly("already produced (v1, run 1)",
                "in progress (REQUESTED)");
        assertThat(Api.paper(published).getInt("run")).isEqualTo(1);
        assertThat(Api.paper(inProgress).getInt("run")).isEqualTo(1);
        Api.awaitIngested(unknown, Duration.ofSeconds(30));
    }

    @Test
    void aNewerVersionOfAPublishedPaperIsProducedAgain() {
        String w = word();
        String id = paper(w, 1, 4);
        Papers.published(id, 1, 1);
        String slug = rule(w, 5);
        assertThat(run(slug).getList("skippedItems.reason")).containsExactly("already produced (v1, run 1)");

        write(id, w, 2, 4); // arXiv now lists v2
        JsonPath poll = run(slug);
        assertThat(poll.getList("submittedIds")).containsExactly(id + "v2");
        assertThat(poll.getInt("new")).isEqualTo(1);
        JsonPath p = Api.awaitIngested(id, Duration.ofSeconds(30));
        assertThat(p.getInt("run")).isEqualTo(2);
        assertThat(p.getInt("version")).isEqualTo(2);
        assertThat(p.getString("metadataKey")).isEqualTo("papers/" + id + "/v2/metadata.json");
        assertThat(p.getList("timeline.detail", String.class))
                .anyMatch(d -> d.startsWith("new version v2, run 2") && d.endsWith("by subscription " + slug));
        // While v2 is produced, the listing's v2 is in progress, not a third run.
        assertThat(run(slug).getList("skippedItems.reason", String.class)).singleElement()
                .satisfies(r -> assertThat(r).startsWith("in progress"));
    }

    @Test
    void anOperatorNamingANewerVersionOfAPublishedPaperStartsANewRun() {
        String id = paper(word(), 3, 5);
        Papers.published(id, 1, 1);
        Api.submit(id).then().statusCode(200).body("run", equalTo(1));
        Api.submit(id + "v1").then().statusCode(200).body("run", equalTo(1));
        Api.submit(id + "v3").then().statusCode(202).body("run", equalTo(2)).body("status", equalTo("REQUESTED"));
        JsonPath p = Api.awaitIngested(id, Duration.ofSeconds(30));
        assertThat(p.getInt("version")).isEqualTo(3);
        assertThat(p.getString("metadataKey")).isEqualTo("papers/" + id + "/v3/metadata.json");
    }

    @Test
    void onlyOnePollerRunsAtOnceAcrossThreadsAndDatabaseSessions() throws Exception {
        String w = word();
        paper(w, 1, 1);
        String slug = rule(w, 5);
        ArxivStandIn standIn = StandInResource.standIn();
        int before = standIn.listingRequests().size();
        standIn.delayNext(Duration.ofMillis(1200)); // under the 1.5 s request timeout of the tests
        CompletableFuture<SubscriptionPoll> slow = CompletableFuture.supplyAsync(() -> poller.poll(slug, "schedule"));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> standIn.listingRequests().size() > before);

        assertThat(poller.pollAll("schedule")).as("a second poller while one polls").isEmpty();
        assertThatThrownBy(() -> poller.poll(slug, "operator")).isInstanceOf(SubscriptionPoller.Busy.class);
        Rules.run(slug).then().statusCode(409).body("detail", containsString("another poll is running"));
        assertThat(slow.get(20, TimeUnit.SECONDS).submitted).isEqualTo(1);
        assertThat(standIn.listingRequests().size() - before).as("only the first poller asked arXiv").isEqualTo(1);

        // Another instance is another database session: while it holds the lock, this one does not poll.
        try (Connection other = DriverManager.getConnection(jdbcUrl, dbUser, dbPassword)) {
            try (ResultSet rs = other.createStatement().executeQuery("SELECT pg_try_advisory_lock(" + PollerLock.KEY + ")")) {
                assertThat(rs.next() && rs.getBoolean(1)).isTrue();
            }
            assertThat(poller.pollAll("schedule")).isEmpty();
            Rules.run(slug).then().statusCode(409);
            other.createStatement().execute("SELECT pg_advisory_unlock(" + PollerLock.KEY + ")");
            Optional<List<SubscriptionPoll>> polls = poller.pollAll("schedule");
            assertThat(polls).isPresent();
            assertThat(polls.get()).anyMatch(p -> p.slug.equals(slug) && p.error == null && p.found == 1);
        }
    }

    @Test
    void anArxivOutageIsAFailedPollAndTheNextPollWorks() {
        String w = word();
        String id = paper(w, 1, 1);
        String slug = rule(w, 5);
        ArxivStandIn standIn = StandInResource.standIn();
        for (int i = 0; i < 4; i++) { // every attempt of the client (max-attempts 4 in tests)
            standIn.enqueueStatus(503);
        }
        JsonPath failed = run(slug);
        assertThat(failed.getString("error")).contains("arXiv answered HTTP 503").contains("gave up after 4 attempts");
        assertThat(failed.getInt("found")).isZero();
        assertThat(failed.getInt("submitted")).isZero();
        given().get("/api/subscriptions/" + slug).then().body("lastPoll.error", containsString("HTTP 503"));
        given().get("/api/papers/" + id).then().statusCode(404);

        JsonPath next = run(slug);
        assertThat(next.getString("error")).isNull();
        assertThat(next.getList("submittedIds")).containsExactly(id + "v1");
    }

    @Test
    void aMalformedListingIsAFailedPollWithAReadableReasonAndTheNextPollWorks() {
        String w = word();
        String id = paper(w, 1, 1);
        String slug = rule(w, 5);
        ArxivStandIn standIn = StandInResource.standIn();

        standIn.enqueueResponse(200, "application/atom+xml", "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><id>");
        assertThat(run(slug).getString("error")).isEqualTo("arXiv's answer is not readable Atom XML");
        standIn.enqueueResponse(200, "application/atom+xml", """
                <feed xmlns="http://www.w3.org/2005/Atom"><entry><id>https://arxiv.org/abs/not-a-paper</id>
                <title>T</title></entry></feed>""");
        assertThat(run(slug).getString("error")).isEqualTo("arXiv's listing has an entry without a readable arXiv ID");
        standIn.enqueueResponse(200, "text/html", "<html><body>maintenance</body></html>");
        assertThat(run(slug).getString("error")).isNotBlank();
        given().get("/api/papers/" + id).then().statusCode(404);

        JsonPath next = run(slug);
        assertThat(next.getString("error")).isNull();
        assertThat(next.getList("submittedIds")).containsExactly(id + "v1");
        assertThat(Map.of("polls", given().get("/api/subscriptions/" + slug).then().extract().jsonPath()
                .getInt("lastPoll.submitted"))).containsEntry("polls", 1);
    }
}
