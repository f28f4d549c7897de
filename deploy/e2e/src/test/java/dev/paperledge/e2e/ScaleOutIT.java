package dev.paperledge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Scale-out, shown on this machine: three instances each of the script and audio services as
 * processes in one consumer group per service, sharing the topics' three partitions.
 *
 * <ol>
 * <li>Audio is stopped and script runs as three instances; all papers are submitted, one script
 * instance is killed (-9) while the others work, and every paper must still be scripted.</li>
 * <li>The queued scripts are then voiced by one audio instance, then two, then three (one core each,
 * {@code PAPERLEDGE_AUDIO_PARALLELISM=1}, so instances rather than threads are what scales); the
 * papers voiced per minute in each window show how throughput follows the instances up to the
 * cores available. In the three-instance window one audio instance is killed (-9) mid-work.</li>
 * <li>Every paper must be published exactly once: one feed item, one audio production, nothing
 * lost.</li>
 * </ol>
 *
 * {@code deploy/local/scale.sh [papers]} runs it ({@code -Dpaperledge.scale.papers=N}); the report is
 * printed and written to {@code target/scale-report.md}.
 */
@EnabledIfSystemProperty(named = "paperledge.scale.papers", matches = "\\d+")
class ScaleOutIT {
    private static final int SCRIPT_PORT = 28082;
    private static final int AUDIO_PORT = 28083;
    private static final Duration WINDOW = Duration.ofSeconds(Long.getLong("paperledge.scale.window", 180));

    private static Map<String, String> env;

    @BeforeAll
    static void startStack() throws Exception {
        Map<String, String> e = new LinkedHashMap<>();
        e.put("PAPERLEDGE_ARXIV_FIXTURES", Files.createTempDirectory("paperledge-scale").toString());
        e.put("PAPERLEDGE_ARXIV_MIN_INTERVAL", "0.2s");
        e.put("PAPERLEDGE_AUDIO_PARALLELISM", "1");
        e.put("PAPERLEDGE_SPEECH_ENGINE", System.getProperty("paperledge.scale.engine", "flite"));
        env = Map.copyOf(e);
        E2eStack.up(env);
    }

    @AfterAll
    static void stopStack() throws Exception {
        E2eStack.run(env, "stack.sh", "down");
    }

    @Test
    void threeInstancesShareTheWorkAndLoseNothingWhenOneIsKilled() throws Exception {
        int n = Integer.getInteger("paperledge.scale.papers");
        List<String> ids = Pipeline.syntheticPapers(Path.of(env.get("PAPERLEDGE_ARXIV_FIXTURES")), n);
        StringBuilder report = new StringBuilder();

        // 1. Script: three instances, one killed mid-work; audio stopped so the scripts queue up.
        E2eStack.run(env, "stack.sh", "stop", "audio-service");
        E2eStack.run(env, "stack.sh", "scale", "script-service", "3");
        long t0 = System.nanoTime();
        for (String id : ids) {
            var r = Pipeline.submit(id);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        }
        awaitCount(ids, Set.of("SCRIPTED"), Math.max(1, n / 6), Duration.ofMinutes(5));
        Map<String, Double> scriptCountsBeforeKill = successes("script-service", SCRIPT_PORT, 3);
        E2eStack.run(env, "stack.sh", "kill", "script-service-3");
        awaitCount(ids, Set.of("SCRIPTED"), n, Duration.ofMinutes(10));
        double scriptSeconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Double> scriptCounts = successes("script-service", SCRIPT_PORT, 2);
        scriptCounts.put("script-service-3 (killed)", scriptCountsBeforeKill.get("script-service-3"));
        report.append(String.format("Script: %d papers submitted and scripted in %.0f s by 3 instances, "
                + "script-service-3 killed (-9) after %d were done.%n%n", n, scriptSeconds, Math.max(1, n / 6)));
        report.append("| script instance | papers scripted |\n|---|---|\n");
        scriptCounts.forEach((k, v) -> report.append(String.format("| %s | %.0f |%n", k, v)));

        // 2. Audio: 1, then 2, then 3 instances on the queued scripts; one killed in the last window.
        Map<String, Long> voicedAt = new LinkedHashMap<>();
        List<String> windows = new ArrayList<>();
        for (int instances = 1; instances <= 3; instances++) {
            E2eStack.run(env, "stack.sh", "scale", "audio-service", String.valueOf(instances));
            long start = System.nanoTime();
            int before = voicedAt.size();
            Duration window = instances < 3 ? WINDOW : Duration.ofMinutes(20 + n);
            Map<String, Double> audioBeforeKill = null;
            boolean killed = false;
            while (System.nanoTime() - start < window.toNanos() && voicedAt.size() < n) {
                pollVoiced(ids, voicedAt);
                if (instances == 3 && !killed && System.nanoTime() - start > WINDOW.toNanos() / 3) {
                    audioBeforeKill = successes("audio-service", AUDIO_PORT, 3);
                    E2eStack.run(env, "stack.sh", "kill", "audio-service-2");
                    killed = true;
                }
                Thread.sleep(2000); // polling 30 papers costs CPU the instances are measured on
            }
            double minutes = (System.nanoTime() - start) / 6e10;
            int voiced = voicedAt.size() - before;
            windows.add(String.format("| %d | %.1f | %d | %.2f |%s", instances, minutes, voiced, voiced / minutes,
                    instances == 3 ? " audio-service-2 killed (-9) after " + Math.round(WINDOW.toSeconds() / 3.0)
                            + " s, having voiced " + fmt(audioBeforeKill == null ? null : audioBeforeKill.get("audio-service-2"))
                            + " |" : " |"));
        }
        Map<String, Double> audioCounts = successes("audio-service", AUDIO_PORT, 3);
        audioCounts.remove("audio-service-2");
        report.append("\nAudio (one core per instance): papers voiced per minute as instances are added\n\n");
        report.append("| audio instances | window (min) | papers voiced | papers / min | note |\n|---|---|---|---|---|\n");
        windows.forEach(w -> report.append(w).append('\n'));
        report.append("\n| audio instance (still running) | episodes voiced |\n|---|---|\n");
        audioCounts.forEach((k, v) -> report.append(String.format("| %s | %.0f |%n", k, v)));

        // 3. Exactly once, end to end.
        awaitCount(ids, Set.of("PUBLISHED"), n, Duration.ofMinutes(10));
        List<Pipeline.FeedItem> items = Pipeline.feedItems();
        int published = 0;
        int duplicated = 0;
        int productions = 0;
        for (String id : ids) {
            long inFeed = Pipeline.copiesInFeed(items, id);
            if (inFeed > 0 && "PUBLISHED".equals(Pipeline.status(id))) {
                published++;
            }
            duplicated += (int) Math.max(0, inFeed - 1);
            JsonNode audio = get("http://127.0.0.1:" + AUDIO_PORT + "/api/audio/" + id);
            productions += audio.size();
            duplicated += Math.max(0, audio.size() - 1);
        }
        report.append(String.format("%n| papers submitted | published | audio productions | duplicated | lost |%n"
                + "|---|---|---|---|---|%n| %d | %d | %d | %d | %d |%n", n, published, productions, duplicated, n - published));
        System.out.println("\nScale-out results\n\n" + report);
        Path target = E2eStack.ROOT.resolve("deploy/e2e/target");
        Files.createDirectories(target);
        Files.writeString(target.resolve("scale-report.md"), report.toString());

        assertThat(duplicated).as("papers produced twice").isZero();
        assertThat(published).as("papers published (lost: %d)", n - published).isEqualTo(n);
        assertThat(scriptCounts.values().stream().filter(v -> v != null && v > 0).count())
                .as("script instances that took part: %s", scriptCounts).isGreaterThanOrEqualTo(2);
    }

    private static String fmt(Double d) {
        return d == null ? "?" : String.valueOf(Math.round(d));
    }

    /** Successful productions per running instance, from each instance's own /q/metrics (its management port). */
    private static Map<String, Double> successes(String service, int basePort, int instances) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int k = 1; k <= instances; k++) {
            String name = k == 1 ? service : service + "-" + k;
            try {
                String body = Pipeline.metrics("http://127.0.0.1:" + (basePort + 1000 + 100 * (k - 1)) + "/q/metrics");
                out.put(name, Pipeline.metricSum(body, "paperledge_stage_outcomes_total", "outcome=\"success\""));
            } catch (Exception e) {
                out.put(name, null);
            }
        }
        return out;
    }

    private static void pollVoiced(List<String> ids, Map<String, Long> voicedAt) {
        for (String id : ids) {
            if (!voicedAt.containsKey(id)) {
                String s = Pipeline.status(id);
                if ("VOICED".equals(s) || "PUBLISHED".equals(s)) {
                    voicedAt.put(id, System.nanoTime());
                } else if ("FAILED".equals(s)) {
                    throw new AssertionError(id + " failed: " + Pipeline.paper(id));
                }
            }
        }
    }

    /** Waits until at least {@code count} papers are in one of the statuses (or past them). */
    private static void awaitCount(List<String> ids, Set<String> statuses, int count, Duration timeout)
            throws InterruptedException {
        List<String> order = List.of("INGESTED", "SCRIPTED", "VOICED", "PUBLISHED");
        int wanted = statuses.stream().mapToInt(order::indexOf).min().orElse(0);
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, String> last = new LinkedHashMap<>();
        while (System.nanoTime() < deadline) {
            int reached = 0;
            for (String id : ids) {
                String s = Pipeline.status(id);
                last.put(id, s);
                if ("FAILED".equals(s)) {
                    throw new AssertionError(id + " failed: " + Pipeline.paper(id));
                }
                if (order.indexOf(s) >= wanted) {
                    reached++;
                }
            }
            if (reached >= count) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("fewer than " + count + " papers reached " + statuses + ": " + last);
    }

    private static JsonNode get(String url) throws Exception {
        HttpResponse<String> r = Pipeline.HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url + ": " + r.body()).isEqualTo(200);
        return Pipeline.JSON.readTree(r.body());
    }
}
