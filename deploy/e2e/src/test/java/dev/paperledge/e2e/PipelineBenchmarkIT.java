package dev.paperledge.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;


/**
 * The benchmark harness (not a test: it asserts only that the run completed). Submits N papers
 * with the offline defaults and prints a Markdown table: papers per minute, p50/p95
 * submit-to-published latency, time per stage, pipeline overhead, RSS per service at idle and
 * after the N papers, and GET /feed.xml throughput against nginx on the same bytes
 * ({@link FeedThroughput}).
 *
 * <p>{@code deploy/local/bench.sh N} runs it ({@code -Dpaperledge.bench.papers=N}).
 */
@EnabledIfSystemProperty(named = "paperledge.bench.papers", matches = "\\d+")
class PipelineBenchmarkIT {
    enum Stage { INGESTED, SCRIPTED, VOICED, PUBLISHED }

    private static Map<String, String> env;

    @BeforeAll
    static void startStack() throws Exception {
        env = Map.of("PAPERLEDGE_ARXIV_FIXTURES", Files.createTempDirectory("paperledge-bench").toString(),
                "PAPERLEDGE_ARXIV_MIN_INTERVAL", System.getProperty("paperledge.bench.arxiv-interval", "0.2s"));
        E2eStack.up(env);
    }

    @AfterAll
    static void stopStack() throws Exception {
        E2eStack.run(env, "stack.sh", "down");
    }

    @Test
    void benchmark() throws Exception {
        int n = Integer.getInteger("paperledge.bench.papers");
        // Idle: the stack up and settled, nothing submitted yet.
        Thread.sleep(Duration.ofSeconds(Integer.getInteger("paperledge.bench.settle-seconds", 20)).toMillis());
        Map<String, Long> idleRss = new LinkedHashMap<>();
        for (String c : COMPONENTS) {
            idleRss.put(c, E2eStack.rssKb(c));
        }
        List<String> ids = Pipeline.syntheticPapers(Path.of(env.get("PAPERLEDGE_ARXIV_FIXTURES")), n);
        Map<String, Long> submittedAt = new LinkedHashMap<>();
        Map<String, EnumMap<Stage, Long>> seen = new LinkedHashMap<>();
        long start = System.nanoTime();
        for (String id : ids) {
            submittedAt.put(id, System.nanoTime());
            var r = Pipeline.submit(id);
            if (r.statusCode() != 202) {
                throw new AssertionError("submit " + id + ": " + r.statusCode() + " " + r.body());
            }
            seen.put(id, new EnumMap<>(Stage.class));
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(10 + n).toNanos();
        long peakRss = 0;
        while (System.nanoTime() < deadline) {
            boolean all = true;
            for (String id : ids) {
                String status = Pipeline.status(id);
                if ("FAILED".equals(status)) {
                    throw new AssertionError(id + " failed: " + Pipeline.paper(id));
                }
                long now = System.nanoTime();
                for (Stage s : Stage.values()) {
                    if (reached(status, s)) {
                        seen.get(id).putIfAbsent(s, now);
                    }
                }
                all &= seen.get(id).containsKey(Stage.PUBLISHED);
            }
            peakRss = Math.max(peakRss, totalRss());
            if (all) {
                break;
            }
            Thread.sleep(250);
        }
        long end = System.nanoTime();

        List<Double> latencies = new ArrayList<>();
        Map<Stage, List<Double>> stageTimes = new EnumMap<>(Stage.class);
        for (String id : ids) {
            EnumMap<Stage, Long> t = seen.get(id);
            if (!t.containsKey(Stage.PUBLISHED)) {
                throw new AssertionError(id + " not published in time: " + Pipeline.paper(id));
            }
            latencies.add((t.get(Stage.PUBLISHED) - submittedAt.get(id)) / 1e9);
            long previous = submittedAt.get(id);
            for (Stage s : Stage.values()) {
                long at = t.getOrDefault(s, previous);
                stageTimes.computeIfAbsent(s, k -> new ArrayList<>()).add((at - previous) / 1e9);
                previous = at;
            }
        }
        double minutes = (end - start) / 60e9;
        double scriptCompute = metricMeanSeconds(E2eStack.SCRIPT_METRICS, "script");
        double audioCompute = metricMeanSeconds(E2eStack.AUDIO_METRICS, "audio");

        StringBuilder md = new StringBuilder();
        md.append(String.format("%n### Pipeline benchmark: %d papers (offline defaults)%n%n", n));
        md.append("| figure | value |\n|---|---|\n");
        md.append(String.format("| papers per minute | %.2f |%n", n / minutes));
        md.append(String.format("| wall time | %.1f s |%n", minutes * 60));
        md.append(String.format("| submit→published p50 | %.1f s |%n", percentile(latencies, 50)));
        md.append(String.format("| submit→published p95 | %.1f s |%n", percentile(latencies, 95)));
        for (Stage s : Stage.values()) {
            md.append(String.format("| time to %s (mean, from previous stage) | %.1f s |%n", s, mean(stageTimes.get(s))));
        }
        if (scriptCompute >= 0 && audioCompute >= 0) {
            md.append(String.format("| script compute (mean) | %.2f s |%n", scriptCompute));
            md.append(String.format("| audio compute (mean) | %.2f s |%n", audioCompute));
            md.append(String.format("| pipeline overhead (p50 latency − script − audio compute) | %.1f s |%n",
                    percentile(latencies, 50) - scriptCompute - audioCompute));
            // Near 100 %, speech is the bottleneck and the overhead above is mostly papers queued for it.
            md.append(String.format("| audio-service busy (N × audio compute / wall time) | %.0f %% |%n",
                    100 * n * audioCompute / (minutes * 60)));
        }
        for (String c : COMPONENTS) {
            md.append(String.format("| RSS %s (idle / after %d papers) | %d MB / %d MB |%n", c, n, idleRss.get(c) / 1024,
                    E2eStack.rssKb(c) / 1024));
        }
        long total = totalRss();
        md.append(String.format("| RSS the four services (now / peak seen) | %d MB / %d MB |%n", total / 1024,
                Math.max(peakRss, total) / 1024));
        FeedThroughput.Result feed = FeedThroughput.measure(E2eStack.PUBLISH + "/feed.xml", E2eStack.pid("publish-service"));
        md.append(feed.markdown());
        System.out.println(md);
        Path target = E2eStack.ROOT.resolve("deploy/e2e/target");
        Files.createDirectories(target);
        Files.writeString(target.resolve("bench-" + n + ".md"), md.toString());
    }

    private static boolean reached(String status, Stage s) {
        List<String> order = List.of("REQUESTED", "INGESTED", "SCRIPTED", "VOICED", "PUBLISHED");
        int at = order.indexOf(status);
        return at >= 0 && at >= order.indexOf(s.name());
    }

    private static final List<String> COMPONENTS = List.of("ingest-service", "script-service", "audio-service",
            "publish-service", "arxiv-standin");

    private static long totalRss() {
        long total = 0;
        for (String c : COMPONENTS.subList(0, 4)) {
            total += Math.max(0, E2eStack.rssKb(c));
        }
        return total;
    }

    /** Mean of a service's stage timer from its Prometheus endpoint (sum / count), or -1. */
    private static double metricMeanSeconds(String metricsUrl, String stage) {
        try {
            String body = Pipeline.metrics(metricsUrl);
            String label = "stage=\"" + stage + "\"";
            double sum = Pipeline.metricSum(body, "paperledge_stage_duration_seconds_sum", label);
            double count = Pipeline.metricSum(body, "paperledge_stage_duration_seconds_count", label);
            return count > 0 ? sum / count : -1;
        } catch (Exception e) {
            return -1;
        }
    }

    private static double mean(List<Double> xs) {
        return xs == null || xs.isEmpty() ? 0 : xs.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }

    private static double percentile(List<Double> xs, int p) {
        List<Double> sorted = new ArrayList<>(xs);
        Collections.sort(sorted);
        int idx = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, idx)));
    }
}
