package dev.paperledge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Nothing lost, nothing duplicated: each scenario submits papers, injects one fault into the
 * running stack (real processes, loopback only), recovers, and checks that every paper is published
 * exactly once. Runs with {@code -Dpaperledge.faults=true} (deploy/local/test.sh sets it); the
 * table of outcomes is printed and written to {@code target/fault-report.md}.
 */
@EnabledIfSystemProperty(named = "paperledge.faults", matches = "true")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultInjectionIT {
    private static final int PAPERS = Integer.getInteger("paperledge.faults.papers", 3);
    private static final Duration SETTLE = Duration.ofMinutes(8);
    private static final Map<String, int[]> REPORT = new LinkedHashMap<>();
    private static final List<String> POOL = new ArrayList<>();
    private static Map<String, String> env;

    @BeforeAll
    static void startStack() throws Exception {
        Path fixtures = Files.createTempDirectory("paperledge-fault-fixtures");
        POOL.addAll(Pipeline.syntheticPapers(fixtures, PAPERS * 9));
        env = Map.of("PAPERLEDGE_ARXIV_FIXTURES", fixtures.toString());
        E2eStack.up(env);
    }

    @AfterAll
    static void report() throws Exception {
        StringBuilder table = new StringBuilder("| scenario | submitted | published | duplicated | lost |\n|---|---|---|---|---|\n");
        REPORT.forEach((name, r) -> table.append(String.format("| %s | %d | %d | %d | %d |%n", name, r[0], r[1], r[2], r[3])));
        System.out.println("\nFault-injection results\n" + table);
        Path target = E2eStack.ROOT.resolve("deploy/e2e/target");
        Files.createDirectories(target);
        Files.writeString(target.resolve("fault-report.md"), table.toString());
        E2eStack.run(env, "infra.sh", "start", "s3");
        E2eStack.run(env, "infra.sh", "start", "kafka");
        E2eStack.run(env, "stack.sh", "down");
    }

    private static synchronized List<String> take() {
        List<String> ids = new ArrayList<>(POOL.subList(0, PAPERS));
        POOL.subList(0, PAPERS).clear();
        return ids;
    }

    private static List<String> submitAll() throws Exception {
        List<String> ids = take();
        for (String id : ids) {
            var r = Pipeline.submit(id);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        }
        return ids;
    }

    /** Waits until any of the papers is in one of the given statuses (the victim is at work). */
    private static void awaitAny(List<String> ids, Predicate<String> status) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            for (String id : ids) {
                if (status.test(Pipeline.status(id))) {
                    return;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no paper reached the stage to inject the fault at");
    }

    /** Waits for every paper to settle, then records and checks submitted/published/duplicated/lost. */
    private static void settle(String scenario, List<String> ids) throws Exception {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (System.nanoTime() < deadline && !ids.stream().allMatch(id -> "PUBLISHED".equals(Pipeline.status(id)))) {
            Thread.sleep(1000);
        }
        List<Pipeline.FeedItem> items = Pipeline.feedItems();
        int published = 0;
        int duplicated = 0;
        for (String id : ids) {
            long inFeed = Pipeline.copiesInFeed(items, id);
            if (inFeed > 0 && "PUBLISHED".equals(Pipeline.status(id))) {
                published++;
            }
            duplicated += Math.max(0, inFeed - 1);
        }
        int lost = ids.size() - published;
        REPORT.put(scenario, new int[] {ids.size(), published, duplicated, lost});
        Map<String, String> statuses = new LinkedHashMap<>();
        ids.forEach(id -> statuses.put(id, String.valueOf(Pipeline.paper(id))));
        assertThat(duplicated).as("duplicated items in %s", scenario).isZero();
        assertThat(lost).as("lost papers in %s: %s", scenario, statuses).isZero();
    }

    private static void killAndRestart(String service) throws Exception {
        E2eStack.run(env, "stack.sh", "kill", service);
        E2eStack.run(env, "stack.sh", "start", service);
    }

    @Test
    @Order(1)
    void ingestKilledRightAfterAcceptingPapers() throws Exception {
        List<String> ids = submitAll();
        killAndRestart("ingest-service");
        settle("kill -9 ingest-service after 202", ids);
    }

    @Test
    @Order(2)
    void scriptServiceKilledMidWork() throws Exception {
        List<String> ids = submitAll();
        awaitAny(ids, s -> s.equals("INGESTED"));
        killAndRestart("script-service");
        settle("kill -9 script-service mid-work", ids);
    }

    @Test
    @Order(3)
    void audioServiceKilledMidWork() throws Exception {
        List<String> ids = submitAll();
        awaitAny(ids, s -> s.equals("SCRIPTED"));
        killAndRestart("audio-service");
        settle("kill -9 audio-service mid-work", ids);
    }

    @Test
    @Order(4)
    void publishServiceKilledMidWork() throws Exception {
        List<String> ids = submitAll();
        awaitAny(ids, s -> s.equals("VOICED"));
        killAndRestart("publish-service");
        settle("kill -9 publish-service mid-work", ids);
    }

    @Test
    @Order(5)
    void kafkaRestartedMidPipeline() throws Exception {
        List<String> ids = submitAll();
        awaitAny(ids, s -> s.equals("INGESTED") || s.equals("SCRIPTED"));
        E2eStack.run(env, "infra.sh", "stop", "kafka");
        Thread.sleep(5_000);
        E2eStack.run(env, "infra.sh", "start", "kafka");
        settle("Kafka broker restarted mid-pipeline", ids);
    }

    @Test
    @Order(6)
    void objectStoreDownForThirtySeconds() throws Exception {
        List<String> ids = submitAll();
        awaitAny(ids, s -> s.equals("INGESTED") || s.equals("SCRIPTED"));
        E2eStack.run(env, "infra.sh", "stop", "s3");
        Thread.sleep(30_000);
        E2eStack.run(env, "infra.sh", "start", "s3");
        settle("object store down for 30 s", ids);
    }

    @Test
    @Order(7)
    void postgresRestarted() throws Exception {
        List<String> ids = submitAll();
        awaitAny(ids, s -> s.equals("INGESTED") || s.equals("SCRIPTED"));
        E2eStack.run(env, "infra.sh", "stop", "postgresql");
        Thread.sleep(3_000);
        E2eStack.run(env, "infra.sh", "start", "postgresql");
        settle("PostgreSQL restarted", ids);
    }

    @Test
    @Order(8)
    void arxivFlappingBetweenErrorsAndAnswers() throws Exception {
        E2eStack.run(env, "stack.sh", "stop", "arxiv-standin");
        Map<String, String> flapping = new java.util.HashMap<>(env);
        flapping.put("PAPERLEDGE_ARXIV_STANDIN_FLAP", "2");
        E2eStack.run(flapping, "stack.sh", "start", "arxiv-standin");
        try {
            settle("arXiv stand-in flapping (2 errors, 2 answers)", submitAll());
        } finally {
            E2eStack.run(env, "stack.sh", "stop", "arxiv-standin");
            E2eStack.run(env, "stack.sh", "start", "arxiv-standin");
        }
    }
}
