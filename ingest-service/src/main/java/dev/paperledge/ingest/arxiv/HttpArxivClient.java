package dev.paperledge.ingest.arxiv;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jboss.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The real {@link ArxivClient} over {@code java.net.http}: one shared rate limiter for every request
 * to arXiv (API and full texts), one HTTP/1.1 connection, a descriptive User-Agent, and retries with
 * exponential backoff (honouring {@code Retry-After}) on 429, 5xx, timeouts and connection errors.
 */
@ApplicationScoped
public class HttpArxivClient implements ArxivClient {
    private static final Logger LOG = Logger.getLogger(HttpArxivClient.class);

    private final ArxivConfig config;
    private final RateLimiter limiter;
    private final HttpClient http;
    private final AtomParser parser = new AtomParser(Taxonomy.standard());
    /** Bodies are read here so a body that trickles can be given up on at the deadline. */
    private static final ExecutorService BODY_READERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "arxiv-body-reader");
        t.setDaemon(true);
        return t;
    });

    public HttpArxivClient(ArxivConfig config) {
        this.config = config;
        this.limiter = new RateLimiter(config.minInterval());
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    @Override
    public ArxivMetadata metadata(ArxivId id) throws ArxivException {
        URI uri = URI.create(trimSlash(config.baseUrl()) + "/api/query?id_list="
                + URLEncoder.encode(id.withVersion(), StandardCharsets.UTF_8) + "&start=0&max_results=1");
        Fetched f = get(uri, "application/atom+xml", config.maxAtomBytes());
        if (f.status == 404) {
            throw new ArxivException("arXiv API not found at " + uri + " (HTTP 404)", true, 404, null);
        }
        return parser.parse(f.body, id);
    }

    @Override
    public AtomParser.Listing search(String query, int start, int max) throws ArxivException {
        URI uri = URI.create(trimSlash(config.baseUrl()) + "/api/query?search_query="
                + URLEncoder.encode(query, StandardCharsets.UTF_8)
                + "&sortBy=submittedDate&sortOrder=descending&start=" + start + "&max_results=" + max);
        Fetched f = get(uri, "application/atom+xml", config.maxAtomBytes());
        if (f.status == 404) {
            throw new ArxivException("arXiv API not found at " + uri + " (HTTP 404)", true, 404, null);
        }
        return parser.parseListing(f.body);
    }

    @Override
    public Document fullText(ArxivId id, String kind) throws ArxivException {
        String expected = switch (kind) {
            case "html" -> "text/html";
            case "pdf" -> "application/pdf";
            default -> throw new IllegalArgumentException("unknown full-text kind " + kind);
        };
        long cap = kind.equals("pdf") ? config.maxPdfBytes() : config.maxHtmlBytes();
        // The path is built from the validated ID only; old-style IDs keep their '/' as arXiv does.
        URI uri = URI.create(trimSlash(config.fulltextBaseUrl()) + "/" + kind + "/" + id.withVersion());
        Fetched f = get(uri, expected, cap);
        if (f.status == 404) {
            return null;
        }
        String type = f.contentType.map(t -> t.toLowerCase(Locale.ROOT)).orElse("");
        if (!type.startsWith(expected)) {
            throw new ArxivException("arXiv served " + (type.isEmpty() ? "no content type" : type) + " for "
                    + uri + ", expected " + expected, true, f.status, null);
        }
        return new Document(f.body, type, uri.toString());
    }

    private record Fetched(int status, byte[] body, Optional<String> contentType) {
    }

    /** GET with rate limit and retries; returns 200 and 404 answers, throws for everything else. */
    private Fetched get(URI uri, String accept, long maxBytes) throws ArxivException {
        ArxivException last = null;
        for (int attempt = 1; attempt <= config.maxAttempts(); attempt++) {
            Duration retryAfter = null;
            try {
                limiter.acquire();
                // One wall-clock deadline per attempt, headers and body together: the request timeout
                // alone only bounds the wait for the headers.
                long deadline = System.nanoTime() + config.requestTimeout().toNanos();
                HttpRequest req = HttpRequest.newBuilder(uri)
                        .timeout(config.requestTimeout())
                        .header("User-Agent", config.userAgent())
                        .header("Accept", accept)
                        .GET().build();
                HttpResponse<InputStream> resp = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
                int status = resp.statusCode();
                try (InputStream in = resp.body()) {
                    if (status == 200) {
                        // No Accept-Encoding is sent, so the size caps count the document's own bytes;
                        // a body compressed anyway is refused rather than read as the document.
                        String encoding = resp.headers().firstValue("Content-Encoding").orElse("identity").strip();
                        if (!encoding.isEmpty() && !encoding.equalsIgnoreCase("identity")) {
                            throw new ArxivException("arXiv sent " + uri + " with Content-Encoding " + clean(encoding)
                                    + ", which was not asked for", true, status, null);
                        }
                        long declared = resp.headers().firstValueAsLong("Content-Length").orElse(-1);
                        if (declared > maxBytes) {
                            throw tooLarge(uri, declared, maxBytes);
                        }
                        byte[] body = readBefore(in, (int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1), deadline);
                        if (body.length > maxBytes) {
                            throw tooLarge(uri, body.length, maxBytes);
                        }
                        return new Fetched(status, body, resp.headers().firstValue("Content-Type"));
                    }
                    if (status == 404) {
                        return new Fetched(status, new byte[0], Optional.empty());
                    }
                    if (status == 429 || status >= 500) {
                        retryAfter = resp.headers().firstValue("Retry-After").flatMap(HttpArxivClient::seconds)
                                .orElse(null);
                        last = new ArxivException("arXiv answered HTTP " + status + " for " + uri, false, status, null);
                    } else {
                        throw new ArxivException("arXiv refused " + uri + " with HTTP " + status, true, status, null);
                    }
                }
            } catch (HttpTimeoutException e) {
                last = new ArxivException("arXiv did not answer " + uri + " in full within " + config.requestTimeout(),
                        false, 0, e);
            } catch (IOException e) {
                // The exception's text stays in the cause (logged), out of the public reason.
                last = new ArxivException("could not reach arXiv at " + uri, false, 0, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ArxivException("interrupted while calling arXiv", false, 0, e);
            }
            if (attempt < config.maxAttempts()) {
                Duration backoff = backoff(attempt, retryAfter);
                LOG.infof("arXiv attempt %d/%d failed (%s); retrying in %d ms", attempt, config.maxAttempts(),
                        last.getMessage(), backoff.toMillis());
                sleep(backoff);
            }
        }
        throw new ArxivException(last.getMessage() + " (gave up after " + config.maxAttempts() + " attempts)", false,
                last.httpStatus(), last.getCause());
    }

    /** initial × 2^(attempt-1), at most the cap; a server's Retry-After wins when longer (also capped). */
    Duration backoff(int attempt, Duration retryAfter) {
        long base = config.initialBackoff().toMillis() << Math.min(attempt - 1, 20);
        long capped = Math.min(base, config.maxBackoff().toMillis());
        if (retryAfter != null) {
            capped = Math.min(Math.max(capped, retryAfter.toMillis()), config.maxBackoff().toMillis());
        }
        return Duration.ofMillis(capped);
    }

    private static ArxivException tooLarge(URI uri, long size, long max) {
        return new ArxivException.TooLarge("document at " + uri + " is larger than the " + max + "-byte limit ("
                + size + " bytes)", size, max);
    }

    private static Optional<Duration> seconds(String value) {
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value.strip())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void sleep(Duration d) throws ArxivException {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ArxivException("interrupted while waiting to retry arXiv", false, 0, e);
        }
    }

    /** A header value fit for a reason: printable ASCII, at most 40 characters. */
    private static String clean(String value) {
        String v = value.replaceAll("[^\\x20-\\x7e]", "?");
        return v.length() > 40 ? v.substring(0, 40) + "…" : v;
    }

    private static String trimSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /** At most {@code limit} bytes of the body, or a timeout once the deadline passes (the stream is then closed). */
    private static byte[] readBefore(InputStream in, int limit, long deadline) throws IOException, InterruptedException {
        Future<byte[]> read = BODY_READERS.submit(() -> in.readNBytes(limit));
        try {
            return read.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            read.cancel(true);
            in.close();
            throw new HttpTimeoutException("the body was not complete by the deadline");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }
}
