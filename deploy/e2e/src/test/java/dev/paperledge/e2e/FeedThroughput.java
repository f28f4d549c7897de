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
 * serving its copy from disk, both loaded by wrk (2 threads, 16 connections, 10 s after a 3 s
 * warm-up), plain and with {@code Accept-Encoding: gzip}. deploy/local/bench.sh installs nginx and
 * wrk; without them it falls back to the JDK's file server loaded by Java clients, and says so.
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

    static Result measure(String feedUrl) throws Exception {
        byte[] feed = Pipeline.HTTP.send(HttpRequest.newBuilder(URI.create(feedUrl)).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body();
        Path dir = Files.createTempDirectory("paperledge-static");
        Path www = Files.createDirectories(dir.resolve("www"));
        Files.write(www.resolve("feed.xml"), feed);
        if (onPath("nginx") && onPath("wrk")) {
            return withNginx(feedUrl, dir, feed.length);
        }
        try (StaticFileServer stat = new StaticFileServer(www.resolve("feed.xml"), "application/rss+xml; charset=utf-8",
                0, 4)) {
            return new Result("JDK file server (nginx or wrk not installed; Java clients)", feed.length,
                    List.of(new Row("4 Java clients", javaClients(feedUrl), javaClients(stat.url()))));
        }
    }

    private static Result withNginx(String feedUrl, Path dir, int bytes) throws Exception {
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
            rows.add(new Row("wrk -t2 -c16, plain", wrk(feedUrl, false), wrk(staticUrl, false)));
            rows.add(new Row("wrk -t2 -c16, gzip", wrk(feedUrl, true), wrk(staticUrl, true)));
            return new Result("nginx " + nginxVersion(), bytes, rows);
        } finally {
            nginx.destroy();
            nginx.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static double wrk(String url, boolean gzip) throws Exception {
        run(wrkCommand(url, gzip, "3s"));
        String out = run(wrkCommand(url, gzip, "10s"));
        Matcher m = RPS.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("wrk printed no rate:\n" + out);
        }
        return Double.parseDouble(m.group(1));
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
