package dev.paperledge.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.paperledge.testkit.StaticFileServer;

/**
 * Feed throughput against a static server on the same bytes: publish-service's feed URL and nginx
 * serving its copy from disk, both loaded by wrk (2 threads, 16 connections), plain and with
 * {@code Accept-Encoding: gzip}. The service's feed path is warmed up first (10 s, so the JIT has
 * compiled it: the pipeline run before never asked for the feed that often), then the two servers
 * take turns, three 5 s runs each, and the medians are compared. On two cores wrk, the server and
 * everything else on the machine share the CPUs, which moves single runs by ±15 %; a third row gives
 * each side a core of its own (the server under test on CPU 0, wrk on CPU 1, with {@code taskset}),
 * the steadier comparison. deploy/local/bench.sh installs nginx and wrk; without them it falls back
 * to the JDK's file server loaded by Java clients, and says so.
 */
final class FeedThroughput {
    private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");

    /** One row per load: the service's and the static server's requests per second. */
    record Row(String load, double service, double reference) {
    }

    record Result(String reference, int bytes, List<Row> rows) {
        String markdown() {
            StringBuilder md = new StringBuilder();
            for (Row r : rows) {
                md.append(String.format(Locale.ROOT, "| GET feed (%d bytes), %s: publish-service / %s | %.0f / %.0f req/s (%.2f×) |%n",
                        bytes, r.load(), reference, r.service(), r.reference(), r.service() / Math.max(1, r.reference())));
            }
            return md.toString();
        }
    }

    private FeedThroughput() {
    }

    private static final int ROUNDS = 3;

    /** @param publishPid the service's process, for the pinned row (blank: no pinned row) */
    static Result measure(String feedUrl, String publishPid) throws Exception {
        byte[] feed = Pipeline.HTTP.send(HttpRequest.newBuilder(URI.create(feedUrl)).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body();
        Path dir = Files.createTempDirectory("paperledge-static");
        Path www = Files.createDirectories(dir.resolve("www"));
        Files.write(www.resolve("feed.xml"), feed);
        if (onPath("nginx") && onPath("wrk")) {
            return withNginx(feedUrl, publishPid, dir, feed.length);
        }
        try (StaticFileServer stat = new StaticFileServer(www.resolve("feed.xml"), "application/rss+xml; charset=utf-8",
                0, 4)) {
            return new Result("JDK file server (nginx or wrk not installed; Java clients)", feed.length,
                    List.of(new Row("4 Java clients", javaClients(feedUrl), javaClients(stat.url()))));
        }
    }

    private static Result withNginx(String feedUrl, String publishPid, Path dir, int bytes) throws Exception {
        // nginx's workers run as nobody when started by root: the copy must be world-readable.
        for (Path p : List.of(dir, dir.resolve("www"))) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.setPosixFilePermissions(dir.resolve("www/feed.xml"), PosixFilePermissions.fromString("rw-r--r--"));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path conf = dir.resolve("nginx.conf");
        Files.writeString(conf, """
                daemon off;
                worker_processes auto;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log;
                events { worker_connections 1024; }
                http {
                    access_log off;
                    sendfile on;
                    tcp_nopush on;
                    keepalive_requests 100000;
                    types { application/rss+xml xml; }
                    gzip on;
                    gzip_types application/rss+xml;
                    server {
                        listen 127.0.0.1:%2$d;
                        root %1$s/www;
                    }
                }
                """.formatted(dir, port), StandardCharsets.UTF_8);
        Process nginx = new ProcessBuilder("nginx", "-c", conf.toString(), "-p", dir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
        try {
            String staticUrl = "http://127.0.0.1:" + port + "/feed.xml";
            waitFor(staticUrl);
            List<Row> rows = new ArrayList<>();
            rows.add(compare("wrk -t2 -c16, plain", feedUrl, staticUrl, false, List.of()));
            rows.add(compare("wrk -t2 -c16, gzip", feedUrl, staticUrl, true, List.of()));
            if (onPath("taskset") && publishPid != null && publishPid.matches("\\d+")) {
                List<String> servers = new ArrayList<>(List.of(publishPid));
                servers.addAll(childPids(nginx.pid()));
                try {
                    pin(servers, "0");
                    rows.add(compare("wrk -t2 -c16, plain, one core each", feedUrl, staticUrl, false,
                            List.of("taskset", "-c", "1")));
                } finally {
                    pin(servers, "0-" + (Runtime.getRuntime().availableProcessors() - 1));
                }
            }
            return new Result("nginx " + nginxVersion(), bytes, rows);
        } finally {
            nginx.destroy();
            nginx.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Warm-up, then the two servers in turns; the medians of their runs. */
    private static Row compare(String load, String feedUrl, String staticUrl, boolean gzip, List<String> prefix)
            throws Exception {
        wrk(prefix, feedUrl, gzip, "10s");
        wrk(prefix, staticUrl, gzip, "3s");
        List<Double> service = new ArrayList<>();
        List<Double> reference = new ArrayList<>();
        for (int i = 0; i < ROUNDS; i++) {
            service.add(wrk(prefix, feedUrl, gzip, "5s"));
            reference.add(wrk(prefix, staticUrl, gzip, "5s"));
        }
        return new Row(load, median(service), median(reference));
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static double wrk(List<String> prefix, String url, boolean gzip, String duration) throws Exception {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(wrkCommand(url, gzip, duration));
        String out = run(cmd);
        Matcher m = RPS.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("wrk printed no rate:\n" + out);
        }
        return Double.parseDouble(m.group(1));
    }

    /** All threads of these processes onto these CPUs. */
    private static void pin(List<String> pids, String cpus) throws Exception {
        for (String pid : pids) {
            run(List.of("taskset", "-a", "-p", "-c", cpus, pid));
        }
    }

    /** nginx's workers (its master only accepts). */
    private static List<String> childPids(long parent) {
        return ProcessHandle.of(parent).map(p -> p.children().map(c -> String.valueOf(c.pid())).toList())
                .orElse(List.of());
    }

    private static List<String> wrkCommand(String url, boolean gzip, String duration) {
        List<String> cmd = new ArrayList<>(List.of("wrk", "-t2", "-c16", "-d" + duration));
        if (gzip) {
            cmd.addAll(List.of("-H", "Accept-Encoding: gzip"));
        }
        cmd.add(url);
        return cmd;
    }

    private static String nginxVersion() {
        try {
            return run(List.of("nginx", "-v")).replaceAll("(?s).*nginx/(\\S+).*", "$1").strip();
        } catch (Exception e) {
            return "";
        }
    }

    private static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed:\n" + out);
        }
        return out;
    }

    private static void waitFor(String url) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                if (Pipeline.HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                if (System.nanoTime() > until) {
                    throw e;
                }
            }
            Thread.sleep(100);
        }
    }

    private static boolean onPath(String program) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(d, program))) {
                return true;
            }
        }
        return false;
    }

    /** Requests per second for 10 s with 4 concurrent Java clients. */
    private static double javaClients(String url) throws Exception {
        AtomicLong ok = new AtomicLong();
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).build();
        for (int i = 0; i < 4; i++) {
            pool.submit(() -> {
                while (System.nanoTime() < until) {
                    try {
                        if (Pipeline.HTTP.send(req, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                            ok.incrementAndGet();
                        }
                    } catch (Exception e) {
                        return;
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.SECONDS);
        return ok.get() / 10.0;
    }
}
