package dev.paperledge.ingest.arxiv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

import dev.paperledge.ingest.support.Atom;
import dev.paperledge.ingest.support.Fixtures;
import dev.paperledge.ingest.support.Pdfs;
import dev.paperledge.testkit.ArxivStandIn;

class HttpArxivClientTest {
    @TempDir
    Path dir;
    ArxivStandIn standIn;
    HttpArxivClient client;

    @BeforeEach
    void start() throws Exception {
        Fixtures.copyEight(dir);
        standIn = new ArxivStandIn(dir, 0);
        client = new HttpArxivClient(TestConfig.of(standIn.baseUrl()));
    }

    @AfterEach
    void stop() {
        standIn.close();
    }

    @Test
    void fetchesAFixtureFromTheApi() throws Exception {
        ArxivMetadata m = client.metadata(ArxivId.of("2305.14314"));
        assertThat(m.title()).startsWith("QLoRA");
        assertThat(m.authors()).hasSize(4);
    }

    @Test
    void searchesAListingNewestFirstPageByPageWithTheQueryEncoded() throws Exception {
        String query = "cat:cs.CL OR au:\"Edward J. Hu\"";
        AtomParser.Listing first = client.search(query, 0, 2);
        AtomParser.Listing second = client.search(query, 2, 2);
        assertThat(first.papers()).hasSize(2);
        assertThat(first.totalResults()).isGreaterThan(2);
        assertThat(second.startIndex()).isEqualTo(2);
        List<ArxivMetadata> all = new java.util.ArrayList<>(first.papers());
        all.addAll(second.papers());
        assertThat(all).extracting(ArxivMetadata::published).isSortedAccordingTo(
                java.util.Comparator.nullsLast(java.util.Comparator.reverseOrder()));
        assertThat(all).extracting(ArxivMetadata::arxivId).doesNotHaveDuplicates();
        var asked = standIn.listingRequests();
        assertThat(asked).extracting(ArxivStandIn.ListingRequest::searchQuery).containsOnly(query);
        assertThat(asked.get(0).rawQuery()).contains("search_query=cat%3Acs.CL+OR+au%3A%22Edward+J.+Hu%22")
                .contains("sortBy=submittedDate&sortOrder=descending&start=0&max_results=2");
        assertThat(asked.get(0).userAgent()).isEqualTo("PaperLedge-ingest/test");
    }

    @Test
    void anOldStyleIdIsAskedForWithItsSlash() throws Exception {
        Files.copy(getClass().getResourceAsStream("/atom/hep-th_9901001.atom.xml"), dir.resolve("hep-th_9901001.atom.xml"));
        ArxivMetadata m = client.metadata(ArxivId.of("hep-th/9901001"));
        assertThat(m.arxivId()).isEqualTo("hep-th/9901001");
        assertThat(m.version()).isEqualTo(3);
    }

    @Test
    void a503ThenA200IsRetried() throws Exception {
        standIn.enqueueStatus(503);
        standIn.enqueueStatus(503);
        int before = standIn.apiRequests();
        ArxivMetadata m = client.metadata(ArxivId.of("2106.09685"));
        assertThat(m.title()).startsWith("LoRA");
        assertThat(standIn.apiRequests() - before).isEqualTo(3);
    }

    @Test
    void a429IsRetriedToo() throws Exception {
        standIn.enqueueStatus(429);
        assertThat(client.metadata(ArxivId.of("2106.09685")).version()).isEqualTo(2);
    }

    @Test
    void aServerThatStaysDownIsATransientFailureAfterTheCap() {
        for (int i = 0; i < 4; i++) {
            standIn.enqueueStatus(503);
        }
        int before = standIn.apiRequests();
        assertThatThrownBy(() -> client.metadata(ArxivId.of("2106.09685")))
                .isInstanceOfSatisfying(ArxivException.class, e -> {
                    assertThat(e.permanent()).isFalse();
                    assertThat(e.httpStatus()).isEqualTo(503);
                }).hasMessageContaining("gave up after 4 attempts");
        assertThat(standIn.apiRequests() - before).isEqualTo(4);
    }

    @Test
    void anUnreachableArxivIsTransientAndItsReasonCarriesNoExceptionText() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        HttpArxivClient nowhere = new HttpArxivClient(TestConfig.of("http://127.0.0.1:" + closed));
        assertThatThrownBy(() -> nowhere.metadata(ArxivId.of("2106.09685")))
                .isInstanceOfSatisfying(ArxivException.class, e -> {
                    assertThat(e.permanent()).isFalse();
                    assertThat(e.getCause()).as("the exception is kept for the log").isNotNull();
                })
                .hasMessageStartingWith("could not reach arXiv at http://127.0.0.1:" + closed)
                .hasMessageNotContaining("java.").hasMessageNotContaining("Exception");
    }

    @Test
    void aBodyThatTricklesIsCutOffAtTheDeadlineAndIsATransientFailure() throws Exception {
        // Headers at once, then one byte every 200 ms of a 100 kB body: only a deadline on the whole read ends it.
        com.sun.net.httpserver.HttpServer trickle = com.sun.net.httpserver.HttpServer
                .create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        trickle.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        trickle.createContext("/", ex -> {
            ex.getResponseHeaders().set("Content-Type", "application/atom+xml");
            ex.sendResponseHeaders(200, 100_000);
            try (var out = ex.getResponseBody()) {
                for (int i = 0; i < 100; i++) {
                    out.write('<');
                    out.flush();
                    Thread.sleep(200);
                }
            } catch (java.io.IOException | InterruptedException e) {
                // the client gave up: what we want
            }
        });
        trickle.start();
        try {
            HttpArxivClient slow = new HttpArxivClient(TestConfig.of("http://127.0.0.1:" + trickle.getAddress().getPort()));
            long start = System.nanoTime();
            org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
                    assertThatThrownBy(() -> slow.metadata(ArxivId.of("2106.09685")))
                            .isInstanceOfSatisfying(ArxivException.class, e -> assertThat(e.permanent()).isFalse())
                            .hasMessageContaining("in full within"));
            // 4 attempts of 800 ms each plus short backoffs
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
        } finally {
            trickle.stop(0);
        }
    }

    @Test
    void aSlowAnswerTimesOutAndIsRetried() throws Exception {
        standIn.delayNext(Duration.ofMillis(2500));
        long start = System.nanoTime();
        ArxivMetadata m = client.metadata(ArxivId.of("2106.09685"));
        assertThat(m.title()).startsWith("LoRA");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(800));
    }

    @Test
    void zeroResultsIsPermanentAndNotRetried() {
        int before = standIn.apiRequests();
        assertThatThrownBy(() -> client.metadata(ArxivId.of("2401.99999")))
                .isInstanceOfSatisfying(ArxivException.class, e -> assertThat(e.permanent()).isTrue())
                .hasMessageContaining("zero results");
        assertThat(standIn.apiRequests() - before).isEqualTo(1);
    }

    @Test
    void backoffGrowsExponentiallyUpToTheCapAndHonoursRetryAfter() {
        assertThat(client.backoff(1, null)).isEqualTo(Duration.ofMillis(20));
        assertThat(client.backoff(2, null)).isEqualTo(Duration.ofMillis(40));
        assertThat(client.backoff(3, null)).isEqualTo(Duration.ofMillis(80));
        assertThat(client.backoff(10, null)).isEqualTo(Duration.ofMillis(200));
        assertThat(client.backoff(1, Duration.ofMillis(150))).isEqualTo(Duration.ofMillis(150));
        assertThat(client.backoff(1, Duration.ofSeconds(30))).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void requestsAreSpacedByTheMinimumIntervalAndCarryAUserAgent() throws Exception {
        List<Long> at = new CopyOnWriteArrayList<>();
        List<String> agents = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] body = Atom.simple("2401.00001", 1);
        server.createContext("/api/query", ex -> {
            at.add(System.nanoTime());
            agents.add(ex.getRequestHeaders().getFirst("User-Agent"));
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        try {
            HttpArxivClient spaced = new HttpArxivClient(
                    TestConfig.of("http://127.0.0.1:" + server.getAddress().getPort()).withInterval(Duration.ofMillis(300)));
            Thread[] threads = new Thread[3];
            for (int i = 0; i < threads.length; i++) {
                threads[i] = new Thread(() -> {
                    try {
                        spaced.metadata(ArxivId.of("2401.00001"));
                    } catch (ArxivException e) {
                        throw new IllegalStateException(e);
                    }
                });
                threads[i].start();
            }
            for (Thread t : threads) {
                t.join();
            }
        } finally {
            server.stop(0);
        }
        assertThat(at).hasSize(3);
        List<Long> sorted = at.stream().sorted().toList();
        for (int i = 1; i < sorted.size(); i++) {
            assertThat(Duration.ofNanos(sorted.get(i) - sorted.get(i - 1))).isGreaterThanOrEqualTo(Duration.ofMillis(280));
        }
        assertThat(agents).containsOnly("PaperLedge-ingest/test");
    }

    @Test
    void fullTextIsNullWhenArxivHasNoneAndChecksTheContentType() throws Exception {
        assertThat(client.fullText(ArxivId.of("2106.09685v2"), "html")).isNull();
        Fixtures.write(dir, "2106.09685", ".pdf", Pdfs.withOutline());
        ArxivClient.Document pdf = client.fullText(ArxivId.of("2106.09685v2"), "pdf");
        assertThat(pdf.contentType()).startsWith("application/pdf");
        assertThat(pdf.url()).endsWith("/pdf/2106.09685v2");
    }

    @Test
    void aPdfOverTheSizeCapIsRefused() throws Exception {
        HttpArxivClient small = new HttpArxivClient(new TestConfig(standIn.baseUrl(), Duration.ofMillis(10),
                Duration.ofSeconds(2), 2, 1_000));
        Fixtures.write(dir, "2106.09685", ".pdf", Pdfs.withOutline());
        assertThatThrownBy(() -> small.fullText(ArxivId.of("2106.09685"), "pdf"))
                .isInstanceOfSatisfying(ArxivException.class, e -> assertThat(e.permanent()).isTrue())
                .hasMessageContaining("larger than the 1000-byte limit");
    }

    @Test
    void aCompressedBodyThatWasNotAskedForIsRefusedSoTheCapsCountTheDocumentsOwnBytes() throws Exception {
        HttpServer gzip = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        List<String> acceptEncoding = new CopyOnWriteArrayList<>();
        gzip.createContext("/", ex -> {
            acceptEncoding.add(String.valueOf(ex.getRequestHeaders().getFirst("Accept-Encoding")));
            byte[] body = new byte[] { 0x1f, (byte) 0x8b, 8, 0 };
            ex.getResponseHeaders().set("Content-Type", "text/html");
            ex.getResponseHeaders().set("Content-Encoding", "gzip");
            ex.sendResponseHeaders(200, body.length);
            try (var out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        gzip.start();
        try {
            HttpArxivClient c = new HttpArxivClient(TestConfig.of("http://127.0.0.1:" + gzip.getAddress().getPort()));
            assertThatThrownBy(() -> c.fullText(ArxivId.of("2106.09685"), "html"))
                    .isInstanceOfSatisfying(ArxivException.class, e -> assertThat(e.permanent()).isTrue())
                    .hasMessageContaining("with Content-Encoding gzip, which was not asked for");
            assertThat(acceptEncoding).containsOnly("null");
        } finally {
            gzip.stop(0);
        }
    }

    @Test
    void rateLimiterSpacesCallsFromOneThread() throws Exception {
        RateLimiter limiter = new RateLimiter(Duration.ofMillis(100));
        long start = System.nanoTime();
        for (int i = 0; i < 4; i++) {
            limiter.acquire();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(290));
    }
}
