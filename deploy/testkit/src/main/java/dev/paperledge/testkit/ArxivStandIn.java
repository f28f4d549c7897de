package dev.paperledge.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local stand-in for the arXiv API, for offline runs and tests. It replays recorded answers:
 * {@code GET /api/query?id_list=<id>} returns {@code <id>.atom.xml} from the fixtures folder
 * (old-style IDs with '/' written as '_'; a versioned ID falls back to its unversioned file), the
 * API's empty answer for an unknown ID and its error entry for a malformed one. It also serves
 * {@code /html/<id>} and {@code /pdf/<id>} from {@code <id>.html} / {@code <id>.pdf} when present
 * (404 otherwise, as arXiv does for papers without an HTML rendering).
 *
 * <p>Tests can script faults: {@link #enqueueStatus(int)} answers the next requests with an HTTP
 * status, {@link #delayNext(Duration)} slows the next answer, {@link #flap(int)} alternates runs of
 * errors and answers.
 *
 * <p>Run it with {@code java -cp testkit.jar dev.paperledge.testkit.ArxivStandIn}; the folder comes
 * from {@code PAPERLEDGE_ARXIV_FIXTURES}, the port from {@code PAPERLEDGE_ARXIV_STANDIN_PORT} (8090).
 */
public final class ArxivStandIn implements AutoCloseable {

    // The shapes arXiv accepts in id_list (new style with optional version, old style).
    private static final Pattern ID = Pattern.compile(
            "(\\d{4}\\.\\d{4,5}|[a-z\\-]+(\\.[A-Z]{2})?/\\d{7})(v\\d+)?");

    private final HttpServer server;
    private final Path fixtures;
    private final Deque<Integer> scriptedStatuses = new ArrayDeque<>();
    private volatile Duration nextDelay = Duration.ZERO;
    private final AtomicInteger apiRequests = new AtomicInteger();
    private final AtomicInteger allRequests = new AtomicInteger();
    private volatile int flapRun;

    public ArxivStandIn(Path fixtures, int port) throws IOException {
        this.fixtures = fixtures;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/api/query", this::query);
        server.createContext("/html/", ex -> file(ex, "/html/", ".html", "text/html; charset=utf-8"));
        server.createContext("/pdf/", ex -> file(ex, "/pdf/", ".pdf", "application/pdf"));
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    public static void main(String[] args) throws IOException {
        String folder = System.getenv().getOrDefault("PAPERLEDGE_ARXIV_FIXTURES", "deploy/fixtures/arxiv");
        int port = Integer.parseInt(System.getenv().getOrDefault("PAPERLEDGE_ARXIV_STANDIN_PORT", "8090"));
        ArxivStandIn standIn = new ArxivStandIn(Path.of(folder), port);
        standIn.flap(Integer.parseInt(System.getenv().getOrDefault("PAPERLEDGE_ARXIV_STANDIN_FLAP", "0")));
        System.out.println("arXiv stand-in serving " + Path.of(folder).toAbsolutePath() + " at " + standIn.baseUrl());
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The next request (of any kind) is answered with this status and no body. Stackable. */
    public synchronized void enqueueStatus(int status) {
        scriptedStatuses.addLast(status);
    }

    /**
     * Flapping: requests alternate between runs of {@code run} answers of 503 and {@code run} normal
     * answers (0 turns it off). Set for a whole run with {@code PAPERLEDGE_ARXIV_STANDIN_FLAP}.
     */
    public void flap(int run) {
        flapRun = Math.max(0, run);
    }

    /** The next request is answered only after this delay. */
    public void delayNext(Duration delay) {
        nextDelay = delay;
    }

    /** How many API queries arrived (including scripted failures). */
    public int apiRequests() {
        return apiRequests.get();
    }

    private synchronized Integer nextScriptedStatus() {
        return scriptedStatuses.pollFirst();
    }

    private boolean faulted(HttpExchange ex) throws IOException {
        Duration delay = nextDelay;
        if (!delay.isZero()) {
            nextDelay = Duration.ZERO;
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Integer status = nextScriptedStatus();
        int n = allRequests.getAndIncrement();
        if (status == null && flapRun > 0 && (n / flapRun) % 2 == 0) {
            status = 503;
        }
        if (status != null) {
            send(ex, status, "text/plain", ("scripted status " + status).getBytes(StandardCharsets.UTF_8));
            return true;
        }
        return false;
    }

    private void query(HttpExchange ex) throws IOException {
        try (ex) {
            apiRequests.incrementAndGet();
            if (faulted(ex)) {
                return;
            }
            String idList = param(ex.getRequestURI().getRawQuery(), "id_list");
            if (idList == null || idList.isBlank()) {
                send(ex, 400, "text/plain", "id_list is required".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String id = idList.split(",")[0].strip();
            byte[] body;
            if (!ID.matcher(id).matches()) {
                body = errorFeed(id).getBytes(StandardCharsets.UTF_8);
            } else {
                Path file = find(id, ".atom.xml");
                body = file != null ? Files.readAllBytes(file) : emptyFeed(id).getBytes(StandardCharsets.UTF_8);
            }
            send(ex, 200, "application/atom+xml; charset=utf-8", body);
        }
    }

    private void file(HttpExchange ex, String prefix, String suffix, String type) throws IOException {
        try (ex) {
            if (faulted(ex)) {
                return;
            }
            String id = ex.getRequestURI().getPath().substring(prefix.length());
            if (id.endsWith(suffix)) {
                id = id.substring(0, id.length() - suffix.length());
            }
            Path file = ID.matcher(id).matches() ? find(id, suffix) : null;
            if (file == null) {
                send(ex, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
            } else {
                send(ex, 200, type, Files.readAllBytes(file));
            }
        }
    }

    private Path find(String id, String suffix) {
        String name = id.replace('/', '_');
        Path exact = fixtures.resolve(name + suffix);
        if (Files.isRegularFile(exact)) {
            return exact;
        }
        Path unversioned = fixtures.resolve(name.replaceFirst("v\\d+$", "") + suffix);
        return Files.isRegularFile(unversioned) ? unversioned : null;
    }

    private static String param(String rawQuery, String name) {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static String head(String id, int total) {
        String q = xml(id);
        return """
                <?xml version="1.0" encoding="utf-8"?>
                <feed xmlns="http://www.w3.org/2005/Atom" xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom">
                  <link href="http://arxiv.org/api/query?search_query=&amp;id_list=%s&amp;start=0&amp;max_results=10" rel="self" type="application/atom+xml"/>
                  <title>ArXiv Query: search_query=&amp;id_list=%s&amp;start=0&amp;max_results=10</title>
                  <id>http://arxiv.org/api/standin</id>
                  <updated>2026-01-01T00:00:00-05:00</updated>
                  <opensearch:totalResults>%d</opensearch:totalResults>
                  <opensearch:startIndex>0</opensearch:startIndex>
                  <opensearch:itemsPerPage>10</opensearch:itemsPerPage>
                """.formatted(q, q, total);
    }

    /** The API's answer for a well-formed ID it does not know: zero results, no entry. */
    static String emptyFeed(String id) {
        return head(id, 0) + "</feed>\n";
    }

    /** The API's answer for a malformed ID: one entry titled "Error". */
    static String errorFeed(String id) {
        String anchor = "incorrect_id_format_for_" + xml(id);
        return head(id, 1) + """
                  <entry>
                    <id>http://arxiv.org/api/errors#%s</id>
                    <title>Error</title>
                    <summary>incorrect id format for %s</summary>
                    <updated>2026-01-01T00:00:00-05:00</updated>
                    <author><name>arXiv api core</name></author>
                  </entry>
                </feed>
                """.formatted(anchor, xml(id));
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    @Override
    public String toString() {
        return "ArxivStandIn[" + baseUrl() + ", " + fixtures.toString().toLowerCase(Locale.ROOT) + "]";
    }
}
