package dev.paperledge.publish.topics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.modules.atom.modules.AtomLinkModule;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.rss.Channel;
import com.sun.net.httpserver.HttpServer;

import dev.paperledge.contracts.AudioReady;
import dev.paperledge.contracts.SubscriptionRule;
import dev.paperledge.publish.support.Episodes;
import dev.paperledge.publish.support.RuleProducer;
import dev.paperledge.publish.support.TestData;
import dev.paperledge.publish.support.TestMp3;
import dev.paperledge.publish.support.TestProducers;
import dev.paperledge.testkit.KafkaTestSupport;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

/**
 * WebSub against a stub hub (a JDK HttpServer here): every feed declares the hub and itself, and a
 * publication through Kafka pings the hub for the main feed, the episode's category feed and each
 * matching topic feed, riding out a hub that first answers 500; a hub that never accepts is counted.
 */
@QuarkusTest
@TestProfile(WebSubTest.WithHub.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebSubTest {
    /** The test broker, as the service under test is configured for it. */
    private static final java.util.function.Supplier<String> BROKER = () -> ConfigProvider.getConfig()
            .getValue("kafka.bootstrap.servers", String.class);

    static final String BASE = "http://localhost:18080";
    static final int HUB_PORT = freePort();
    static final String HUB = "http://localhost:" + HUB_PORT + "/hub";

    public static class WithHub implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("paperledge.websub.hub", HUB);
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Inject
    TestData data;
    @Inject
    TestProducers producers;
    @Inject
    ObjectMapper json;
    @Inject
    MeterRegistry metrics;

    HttpServer hub;
    RuleProducer rules;
    /** Every ping's form fields, in arrival order (failed attempts too). */
    final List<Map<String, String>> pings = new CopyOnWriteArrayList<>();
    final List<Integer> answers = new CopyOnWriteArrayList<>();
    final AtomicInteger failNext = new AtomicInteger();
    final AtomicBoolean refuseAll = new AtomicBoolean();
    final List<String> ids = new ArrayList<>();

    @BeforeAll
    void start() throws IOException {
        hub = HttpServer.create(new InetSocketAddress("localhost", HUB_PORT), 0);
        hub.createContext("/hub", exchange -> {
            Map<String, String> form = new HashMap<>();
            try (InputStream in = exchange.getRequestBody()) {
                for (String pair : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("&")) {
                    String[] kv = pair.split("=", 2);
                    form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                            kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
                }
            }
            form.put("content-type", exchange.getRequestHeaders().getFirst("Content-Type"));
            form.put("method", exchange.getRequestMethod());
            pings.add(form);
            int status = refuseAll.get() || failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 500 : 204;
            answers.add(status);
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        hub.start();
        KafkaTestSupport.awaitAssignment(BROKER.get(), "publish-service", Duration.ofSeconds(30));
        KafkaTestSupport.awaitAssignment(BROKER.get(), "publish-service-subscriptions",
                Duration.ofSeconds(30));
        rules = new RuleProducer(json);
    }

    @AfterAll
    void stop() {
        rules.close();
        hub.stop(0);
        ids.forEach(data::removeEpisode);
    }

    List<String> pinged(String feedUrl) {
        return pings.stream().filter(p -> feedUrl.equals(p.get("hub.url"))).map(p -> p.get("hub.mode")).toList();
    }

    double pingsCounted(String outcome) {
        var c = metrics.find("paperledge.websub.pings").tag("outcome", outcome).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void everyFeedDeclaresTheHubAndAPublicationPingsEachFeedItChangesEvenAfterTheHubFirstFails() throws Exception {
        String code = "test." + TopicFeedsTest.letters(6).toUpperCase();
        String slug = "hub-" + TopicFeedsTest.letters(8);
        String topicUrl = BASE + "/feeds/" + slug + ".xml";
        String categoryUrl = BASE + "/feeds/categories/" + code + ".xml";
        rules.put(new SubscriptionRule(slug, "Hub topic", List.of(code), List.of(), List.of(), 5, null));
        // a rule change pings its feed
        await().atMost(Duration.ofSeconds(30)).until(() -> pinged(topicUrl).contains("publish"));

        double successes = pingsCounted("success");
        failNext.set(2);
        int before = pings.size();
        String id = Episodes.randomId();
        ids.add(id);
        AudioReady evt = data.production(id, 1, 1, TestMp3.sine(1, 440),
                TestData.paper(id, "Hubs", "We push feeds.", "Test Pushing", List.of(code)));
        producers.send(evt);
        await().atMost(Duration.ofSeconds(30)).until(() -> pinged(BASE + "/feed.xml").contains("publish")
                && pinged(categoryUrl).contains("publish") && pinged(topicUrl).size() >= 2);
        await().atMost(Duration.ofSeconds(30)).until(() -> pingsCounted("success") >= successes + 3);
        List<Map<String, String>> these = pings.subList(before, pings.size());
        assertThat(these).allSatisfy(p -> {
            assertThat(p.get("method")).isEqualTo("POST");
            assertThat(p.get("content-type")).startsWith("application/x-www-form-urlencoded");
            assertThat(p.get("hub.mode")).isEqualTo("publish");
        });
        // the two 500s were retried: three feeds, at least five attempts
        assertThat(answers.subList(before, answers.size())).contains(500, 500, 204, 204, 204);

        for (String url : List.of(BASE + "/feed.xml", topicUrl, categoryUrl, BASE + "/feeds.opml")) {
            if (url.endsWith(".opml")) {
                continue;
            }
            Channel c = TopicFeedsTest.parse(given().get(url).asByteArray());
            AtomLinkModule atom = (AtomLinkModule) c.getModule(AtomLinkModule.URI);
            assertThat(atom.getLinks()).as(url).extracting(Link::getRel, Link::getHref).containsExactlyInAnyOrder(
                    org.assertj.core.groups.Tuple.tuple("hub", HUB), org.assertj.core.groups.Tuple.tuple("self", url));
        }

        // a hub that never accepts: the failure is counted, publishing is not held up
        double failures = pingsCounted("failure");
        refuseAll.set(true);
        try {
            rules.put(new SubscriptionRule(slug, "Hub topic, renamed", List.of(code), List.of(), List.of(), 5, null));
            await().atMost(Duration.ofSeconds(30)).until(() -> pingsCounted("failure") > failures);
        } finally {
            refuseAll.set(false);
            rules.delete(slug);
        }
    }
}
