package dev.paperledge.publish.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import dev.paperledge.testkit.StaticFileServer;

/**
 * GET /feed.xml throughput of a running publish-service against a static file server serving the
 * same bytes: the JDK's {@code jwebserver} when a JDK 18+ is found (JWEBSERVER env or
 * /usr/lib/jvm/temurin-25-jdk-amd64), otherwise a minimal JDK HttpServer file handler. Not a test;
 * see the module README. Args: [feed URL] [seconds per round] [concurrent clients].
 */
public final class FeedServingBenchmark {
    public static void main(String[] args) throws Exception {
        String feedUrl = args.length > 0 ? args[0] : "http://localhost:8080/feed.xml";
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<byte[]> first = http.send(HttpRequest.newBuilder(URI.create(feedUrl)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (first.statusCode() != 200) {
            throw new IllegalStateException(feedUrl + " answered " + first.statusCode());
        }
        byte[] feed = first.body();
        String etag = first.headers().firstValue("ETag").orElseThrow();
        Path dir = Files.createTempDirectory("paperledge-feed-bench");
        Files.write(dir.resolve("feed.xml"), feed);
        System.out.printf("feed: %d bytes, %d clients, %d s per round%n", feed.length, clients, seconds);

        Process jweb = null;
        StaticFileServer jdk = null;
        String staticUrl;
        Path jwebserver = Path.of(System.getenv().getOrDefault("JWEBSERVER", "/usr/lib/jvm/temurin-25-jdk-amd64/bin/jwebserver"));
        if (Files.isExecutable(jwebserver)) {
            // Nagle off, as in StaticFileServer (jwebserver runs on the same JDK server).
            jweb = new ProcessBuilder(jwebserver.toString(), "-J-Dsun.net.httpserver.nodelay=true", "-b", "127.0.0.1", "-p", "18099", "-d", dir.toString(),
                    "-o", "none").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            staticUrl = "http://127.0.0.1:18099/feed.xml";
            awaitUp(http, staticUrl);
            System.out.println("static server: " + jwebserver);
        } else {
            jdk = new StaticFileServer(dir.resolve("feed.xml"), "application/rss+xml", 18099, clients);
            staticUrl = "http://127.0.0.1:18099/feed.xml";
            System.out.println("static server: JDK HttpServer (no jwebserver found)");
        }
        try {
            round(http, "warm-up publish-service", feedUrl, null, 3, clients);
            round(http, "warm-up static server", staticUrl, null, 3, clients);
            round(http, "publish-service GET /feed.xml (200)", feedUrl, null, seconds, clients);
            round(http, "static file server (200)", staticUrl, null, seconds, clients);
            round(http, "publish-service conditional GET (304)", feedUrl, etag, seconds, clients);
        } finally {
            if (jweb != null) {
                jweb.destroy();
            }
            if (jdk != null) {
                jdk.close();
            }
        }
    }

    static void awaitUp(HttpClient http, String url) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(url + " did not come up");
    }

    static void round(HttpClient http, String name, String url, String ifNoneMatch, int seconds, int clients)
            throws Exception {
        AtomicLong ok = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        AtomicLong other = new AtomicLong();
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> futures = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
                if (ifNoneMatch != null) {
                    b.header("If-None-Match", ifNoneMatch);
                }
                HttpRequest req = b.build();
                while (System.nanoTime() < deadline) {
                    try {
                        HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
                        if (r.statusCode() == 200 || r.statusCode() == 304) {
                            ok.incrementAndGet();
                            bytes.addAndGet(r.body().length);
                        } else {
                            other.incrementAndGet();
                        }
                    } catch (Exception e) {
                        other.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        double secs = (System.nanoTime() - start) / 1e9;
        if (!name.startsWith("warm-up")) {
            System.out.printf("%-40s %9.0f req/s %8.1f MB/s  (%d ok, %d errors)%n", name, ok.get() / secs,
                    bytes.get() / secs / 1e6, ok.get(), other.get());
        }
    }
}
