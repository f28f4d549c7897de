package dev.paperledge.ingest.subscription;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.paperledge.contracts.SubscriptionRule;
import dev.paperledge.contracts.Topics;
import dev.paperledge.ingest.support.Api;
import dev.paperledge.ingest.support.KafkaProbe;
import dev.paperledge.ingest.support.Rules;
import dev.paperledge.ingest.support.StandInResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;

/** The subscriptions API: validation, conflicts, the operator key, and the rules on the compacted topic. */
@QuarkusTest
@WithTestResource(StandInResource.class)
class SubscriptionApiTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> invalidRules() {
        String s = "v-slug";
        List<String> cl = List.of("cs.CL");
        List<String> many = Collections.nCopies(21, "cs.CL");
        List<Arguments> a = new ArrayList<>(List.of(
                Arguments.of("no slug", Rules.body("title", "T", "categories", cl), "slug must be"),
                Arguments.of("upper-case slug", Rules.rule("NLP", cl, null, 5, null), "slug must be"),
                Arguments.of("slug with a slash", Rules.rule("a/b", cl, null, 5, null), "slug must be"),
                Arguments.of("slug starting with a hyphen", Rules.rule("-nlp", cl, null, 5, null), "slug must be"),
                Arguments.of("slug of 41 characters", Rules.rule("a".repeat(41), cl, null, 5, null), "slug must be"),
                Arguments.of("slug not a string", Rules.body("slug", 7, "title", "T", "categories", cl), "slug must be"),
                Arguments.of("no title", Rules.body("slug", s, "categories", cl), "title is required"),
                Arguments.of("blank title", Rules.body("slug", s, "title", "   ", "categories", cl), "title is required"),
                Arguments.of("title of 121 characters", Rules.body("slug", s, "title", "x".repeat(121), "categories", cl),
                        "longer than 120"),
                Arguments.of("unknown category", Rules.rule(s, List.of("cs.XX"), null, 5, null),
                        "'cs.XX' is not an arXiv category"),
                Arguments.of("category in lower case", Rules.rule(s, List.of("cs.cl"), null, 5, null),
                        "is not an arXiv category"),
                Arguments.of("categories not a list", Rules.body("slug", s, "title", "T", "categories", "cs.CL"),
                        "categories must be a list"),
                Arguments.of("21 categories", Rules.rule(s, many, null, 5, null), "at most 20"),
                Arguments.of("empty rule", Rules.body("slug", s, "title", "T"), "the rule is empty"),
                Arguments.of("empty lists", Rules.body("slug", s, "title", "T", "categories", List.of(), "keywords",
                        List.of(), "authors", List.of()), "the rule is empty"),
                Arguments.of("keyword of 101 characters", Rules.rule(s, null, List.of("k".repeat(101)), 5, null),
                        "longer than 100"),
                Arguments.of("keyword with a quote", Rules.rule(s, null, List.of("large \"language"), 5, null),
                        "contains a quote"),
                Arguments.of("keyword of punctuation", Rules.rule(s, null, List.of("?!"), 5, null), "no letter or digit"),
                Arguments.of("keyword not a string", Rules.body("slug", s, "title", "T", "keywords", List.of(3)),
                        "non-empty strings"),
                Arguments.of("author blank", Rules.body("slug", s, "title", "T", "authors", List.of(" ")),
                        "non-empty strings"),
                Arguments.of("dailyCap 0", Rules.rule(s, cl, null, 0, null), "dailyCap must be"),
                Arguments.of("dailyCap 51", Rules.rule(s, cl, null, 51, null), "dailyCap must be"),
                Arguments.of("dailyCap not a number", Rules.body("slug", s, "title", "T", "categories", cl,
                        "dailyCap", "5"), "dailyCap must be"),
                Arguments.of("dailyCap 2.5", Rules.body("slug", s, "title", "T", "categories", cl, "dailyCap", 2.5),
                        "dailyCap must be"),
                Arguments.of("format trio", Rules.rule(s, cl, null, 5, "trio"), "'trio' is not a format"),
                Arguments.of("unknown field", Rules.body("slug", s, "title", "T", "categories", cl, "query", "x"),
                        "unknown field 'query'"),
                Arguments.of("not an object", "[1]", "expected a JSON object"),
                Arguments.of("not JSON", "{\"slug\":", "expected a JSON object"),
                Arguments.of("a field twice", "{\"slug\":\"a\",\"slug\":\"b\",\"title\":\"T\",\"categories\":[\"cs.CL\"]}",
                        "expected a JSON object")));
        return a.stream();
    }

    @ParameterizedTest(name = "[{index}] 400 for {0}")
    @MethodSource("invalidRules")
    void invalidRulesAre400ProblemDetailsSayingWhy(String name, String body, String says) {
        Rules.create(body).then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("status", equalTo(400)).body("detail", containsString(says));
        given().get("/api/subscriptions/v-slug").then().statusCode(404);
    }

    @Test
    void everyProblemIsListed() {
        Rules.create(Rules.body("slug", "BAD", "categories", List.of("cs.XX"), "dailyCap", 99)).then().statusCode(400)
                .body("problems.size()", equalTo(4))
                .body("problems", hasItem(containsString("slug must be")))
                .body("problems", hasItem(containsString("title is required")))
                .body("problems", hasItem(containsString("'cs.XX' is not an arXiv category")))
                .body("problems", hasItem(containsString("dailyCap must be")));
    }

    @Test
    void createReadUpdateDeleteAndEachWriteIsOnTheTopic() throws Exception {
        String slug = Rules.slug();
        try (KafkaProbe topic = new KafkaProbe(Topics.SUBSCRIPTIONS)) {
            Rules.create(Rules.body("slug", slug, "title", "  Speech   recognition ", "categories",
                    List.of("cs.CL", "eess.AS"), "keywords", List.of("speech", " speech "), "authors",
                    List.of("Y Bengio"), "dailyCap", 3, "format", "DUO")).then().statusCode(201)
                    .header("Location", endsWith("/api/subscriptions/" + slug))
                    .body("slug", equalTo(slug)).body("title", equalTo("Speech recognition"))
                    .body("keywords", equalTo(List.of("speech"))).body("format", equalTo("duo"))
                    .body("dailyCap", equalTo(3))
                    .body("arxivQuery", equalTo("(cat:cs.CL OR cat:eess.AS) AND (ti:\"speech\" OR abs:\"speech\") "
                            + "AND (au:\"Y Bengio\")"))
                    .body("submittedToday", equalTo(0));
            Rules.create(Rules.rule(slug, List.of("cs.AI"), null, 5, null)).then().statusCode(409)
                    .contentType(startsWith("application/problem+json")).body("detail", containsString("exists already"));

            given().get("/api/subscriptions/" + slug).then().statusCode(200).body("title", equalTo("Speech recognition"))
                    .body("lastPoll", equalTo(null));
            assertThat(given().get("/api/subscriptions").then().statusCode(200).extract().jsonPath()
                    .getList("slug", String.class)).contains(slug);

            // PUT replaces the rule; no dailyCap or format: the defaults.
            Api.operator().body(Rules.body("title", "Speech", "categories", List.of("eess.AS")))
                    .put("/api/subscriptions/" + slug).then().statusCode(200).body("categories", equalTo(List.of("eess.AS")))
                    .body("keywords", equalTo(List.of())).body("dailyCap", equalTo(5)).body("format", equalTo("solo"));
            Api.operator().body(Rules.body("slug", "other", "title", "T", "categories", List.of("eess.AS")))
                    .put("/api/subscriptions/" + slug).then().statusCode(400).body("detail", containsString("cannot change"));

            Api.operator().delete("/api/subscriptions/" + slug).then().statusCode(204);
            given().get("/api/subscriptions/" + slug).then().statusCode(404)
                    .contentType(startsWith("application/problem+json"));

            List<ConsumerRecord<String, String>> records = topic.await(slug, 3, Duration.ofSeconds(20));
            assertThat(records).hasSize(3);
            SubscriptionRule created = JSON.readValue(records.get(0).value(), SubscriptionRule.class);
            assertThat(created).isEqualTo(new SubscriptionRule(slug, "Speech recognition", List.of("cs.CL", "eess.AS"),
                    List.of("speech"), List.of("Y Bengio"), 3, "duo"));
            JsonNode updated = JSON.readTree(records.get(1).value());
            assertThat(updated.get("categories").get(0).asText()).isEqualTo("eess.AS");
            assertThat(records.get(2).value()).as("a tombstone").isNull();
            assertThat(records).allMatch(r -> r.partition() == records.get(0).partition());
        }
    }

    @Inject
    Subscriptions subscriptions;

    @Test
    void everyRuleIsPublishedAgainAtStartUp() throws Exception {
        String slug = Rules.slug();
        Rules.create(Rules.rule(slug, List.of("cs.CL"), null, 7, null)).then().statusCode(201);
        try (KafkaProbe topic = new KafkaProbe(Topics.SUBSCRIPTIONS)) {
            subscriptions.republishAtStart(null); // what start-up runs (in the background)
            List<ConsumerRecord<String, String>> records = topic.await(slug, 1, Duration.ofSeconds(20));
            assertThat(records).hasSize(1);
            assertThat(JSON.readValue(records.get(0).value(), SubscriptionRule.class).dailyCap()).isEqualTo(7);
        } finally {
            Rules.delete(slug);
        }
    }

    @Test
    void unknownRulesAre404() {
        String slug = Rules.slug();
        given().get("/api/subscriptions/" + slug).then().statusCode(404).body("detail",
                equalTo("no subscription '" + slug + "'"));
        Api.operator().body(Rules.rule(slug, List.of("cs.CL"), null, 5, null)).put("/api/subscriptions/" + slug)
                .then().statusCode(404);
        Api.operator().delete("/api/subscriptions/" + slug).then().statusCode(404);
        Rules.run(slug).then().statusCode(404).contentType(startsWith("application/problem+json"));
    }

    /** A broker that does not acknowledge the tombstone: the rule is kept and the operator told to try again. */
    @Test
    void aDeleteWhoseTombstoneIsNotAcknowledgedKeepsTheRuleAndAnswers503() {
        String slug = Rules.slug();
        // A word no paper has: the rule stays behind (its delete is refused) and must never submit anything.
        Rules.create(Rules.body("slug", slug, "title", "Kept", "keywords", List.of("zqx" + slug.replace("-", ""))))
                .then().statusCode(201);
        QuarkusMock.installMockForType(new RulePublisher(null, Duration.ofSeconds(1)) {
            @Override
            public boolean tombstone(String s) {
                return false;
            }
        }, RulePublisher.class);
        Api.operator().delete("/api/subscriptions/" + slug).then().statusCode(503)
                .contentType(startsWith("application/problem+json"))
                .body("detail", containsString("was not deleted")).body("detail", containsString("try again"));
        given().get("/api/subscriptions/" + slug).then().statusCode(200).body("slug", equalTo(slug));
    }

    @Test
    void writesNeedTheOperatorKey() {
        String slug = Rules.slug();
        String body = Rules.rule(slug, List.of("cs.CL"), null, 5, null);
        given().contentType(ContentType.JSON).body(body).post("/api/subscriptions").then().statusCode(401)
                .contentType(startsWith("application/problem+json"));
        given().header("X-API-Key", "wrong").contentType(ContentType.JSON).body(body).post("/api/subscriptions")
                .then().statusCode(401);
        given().get("/api/subscriptions/" + slug).then().statusCode(404);
        Rules.create(body).then().statusCode(201);
        given().contentType(ContentType.JSON).body(body).put("/api/subscriptions/" + slug).then().statusCode(401);
        given().delete("/api/subscriptions/" + slug).then().statusCode(401);
        given().post("/api/subscriptions/" + slug + "/run").then().statusCode(401);
        given().get("/api/subscriptions/" + slug).then().statusCode(200);
        Rules.delete(slug);
    }

    @Test
    void theOpenApiDocumentListsTheCalls() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/api/subscriptions'.post.responses.'201'", org.hamcrest.Matchers.notNullValue())
                .body("paths.'/api/subscriptions/{slug}/run'.post", org.hamcrest.Matchers.notNullValue());
    }
}
