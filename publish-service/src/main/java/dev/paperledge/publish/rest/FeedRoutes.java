package dev.paperledge.publish.rest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

import dev.paperledge.publish.service.FeedService;
import dev.paperledge.publish.service.FeedSnapshot;
import dev.paperledge.publish.service.TopicFeeds;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.util.AsciiString;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;

/**
 * The feeds' fast path. A feed already in memory is answered on the event loop straight from buffers
 * made once per revision (the bytes, and the same gzipped for clients that accept it), with its
 * validators (ETag, Last-Modified → 304). Anything else falls through to {@link FeedResource}: a
 * feed not loaded yet, a malformed or unknown name, HEAD.
 *
 * <p>Feeds are the hottest path (every podcast app polls them), so the generic per-request HTTP
 * timer skips them ({@code quarkus.micrometer.binder.http-server.ignore-patterns}): it built a tag
 * set and sorted it for every answer, a sixth of the route's time under load. Answers are counted
 * here instead, by feed and outcome, in counters made once per feed: {@code paperledge_feed_requests_total}.
 */
@ApplicationScoped
public class FeedRoutes {
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    /** Header values as ASCII bytes once, not encoded for every answer. */
    private static final CharSequence CACHE_CONTROL = AsciiString.cached("no-transform, max-age=60");
    private static final CharSequence GZIP = AsciiString.cached("gzip");
    private static final CharSequence FEED_TYPE = AsciiString.cached(FeedService.FEED_CONTENT_TYPE);
    private static final CharSequence OPML_TYPE = AsciiString.cached(TopicFeeds.OPML_CONTENT_TYPE);
    /**
     * Before the public header filter ({@code quarkus.http.filter.public.order}, -1000) and RESTEasy's
     * routes: a feed in memory is answered with the filter's headers sent from here, and never reaches
     * the JAX-RS layer. Anything that falls through gets them from the filter as usual.
     */
    private static final int ORDER = -2000;
    private static final String FILTER_HEADER = "quarkus.http.filter.public.header.\"%s\"";
    /** More prepared feeds than this (rules + categories + main + OPML) and the oldest are dropped. */
    private static final int MAX_PREPARED = 1000;
    private static final CharSequence CONTENT_SECURITY_POLICY = AsciiString.cached("Content-Security-Policy");
    private static final CharSequence X_CONTENT_TYPE_OPTIONS = AsciiString.cached("X-Content-Type-Options");

    /** One revision of a feed as it goes on the wire. */
    record Prepared(String revision, String etag, CharSequence etagHeader, CharSequence lastModified,
            long lastModifiedSecond, Buffer plain, Buffer gzip) {
    }

    /**
     * A feed's answers by outcome: plain adders on the hot path, read by the registry only when it is
     * scraped (a registry counter keeps an exemplar per increment).
     */
    record Counters(LongAdder plain, LongAdder gzip, LongAdder notModified) {
        static Counters of(MeterRegistry registry, String feed) {
            return new Counters(counter(registry, feed, "plain"), counter(registry, feed, "gzip"),
                    counter(registry, feed, "not-modified"));
        }

        private static LongAdder counter(MeterRegistry registry, String feed, String outcome) {
            LongAdder adder = new LongAdder();
            FunctionCounter.builder("paperledge.feed.requests", adder, LongAdder::doubleValue)
                    .description("Feed answers from memory, by feed and outcome").tag("feed", feed).tag("outcome", outcome)
                    .register(registry);
            return adder;
        }
    }

    private final Map<String, Prepared> prepared = new ConcurrentHashMap<>();
    private final Map<String, Counters> counters = new ConcurrentHashMap<>();
    private final MeterRegistry registry;
    /** The public filter's headers (name → value), as bytes once: every answer carries them. */
    private final Map<CharSequence, CharSequence> filterHeaders;

    FeedRoutes(MeterRegistry registry, Config config) {
        this.registry = registry;
        Map<CharSequence, CharSequence> headers = new LinkedHashMap<>();
        for (CharSequence name : List.of(CONTENT_SECURITY_POLICY, X_CONTENT_TYPE_OPTIONS)) {
            config.getOptionalValue(FILTER_HEADER.formatted(name), String.class)
                    .ifPresent(value -> headers.put(name, new AsciiString(value)));
        }
        this.filterHeaders = Map.copyOf(headers);
    }

    void routes(@Observes Router router, FeedService feeds, TopicFeeds topics) {
        router.get("/feed.xml").order(ORDER)
                .handler(ctx -> serve(ctx, "/feed.xml", feeds.cached(), FEED_TYPE));
        router.get("/feeds.opml").order(ORDER)
                .handler(ctx -> serve(ctx, "/feeds.opml", topics.cachedOpml(), OPML_TYPE));
        router.getWithRegex("/feeds/categories/([^/]+)\\.xml").order(ORDER)
                .handler(named(FeedResource.CATEGORY, topics::cachedCategory));
        router.getWithRegex("/feeds/([^/]+)\\.xml").order(ORDER).handler(named(FeedResource.SLUG, topics::cachedRule));
    }

    private io.vertx.core.Handler<RoutingContext> named(Pattern valid, Function<String, FeedSnapshot> cached) {
        return ctx -> {
            String name = ctx.pathParam("param0");
            if (name == null || !valid.matcher(name).matches()) {
                ctx.next();
                return;
            }
            serve(ctx, ctx.normalizedPath(), cached.apply(name), FEED_TYPE);
        };
    }

    private void serve(RoutingContext ctx, String path, FeedSnapshot snap, CharSequence type) {
        if (snap == null) {
            ctx.next();
            return;
        }
        Prepared p = prepared.get(path);
        if (p == null || !p.revision().equals(snap.revision())) {
            if (prepared.size() >= MAX_PREPARED) {
                prepared.clear();
            }
            p = prepare(snap);
            prepared.put(path, p);
        }
        Counters counted = counters.computeIfAbsent(path, feed -> Counters.of(registry, feed));
        HttpServerResponse res = ctx.response();
        filterHeaders.forEach(res::putHeader);
        res.putHeader(HttpHeaders.ETAG, p.etagHeader()).putHeader(HttpHeaders.LAST_MODIFIED, p.lastModified())
                .putHeader(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL).putHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
        if (notModified(ctx, p)) {
            counted.notModified().increment();
            res.setStatusCode(304).end();
            return;
        }
        res.putHeader(HttpHeaders.CONTENT_TYPE, type);
        // Over HTTP/2 the server's compressor encodes whatever Content-Encoding names, so a body
        // already gzipped would be gzipped twice: there the plain bytes go out without a
        // Content-Encoding and the server compresses them for a client that accepts it.
        if (ctx.request().version() != HttpVersion.HTTP_2
                && acceptsGzip(ctx.request().getHeader(HttpHeaders.ACCEPT_ENCODING))) {
            counted.gzip().increment();
            res.putHeader(HttpHeaders.CONTENT_ENCODING, GZIP).end(p.gzip());
        } else {
            counted.plain().increment();
            res.end(p.plain());
        }
    }

    static Prepared prepare(FeedSnapshot snap) {
        Instant modified = snap.lastModified();
        return new Prepared(snap.revision(), snap.etag(), new AsciiString(snap.etag()),
                new AsciiString(HTTP_DATE.format(modified)), modified.getEpochSecond(), direct(snap.content()),
                direct(gzip(snap.content())));
    }

    /**
     * The bytes in native memory, written to every response as they are: Vert.x hands each write a
     * duplicate, and a native buffer goes to the socket without a copy per request.
     */
    @SuppressWarnings("deprecation") // Buffer.buffer(ByteBuf): Vert.x 4's way to wrap a Netty buffer
    private static Buffer direct(byte[] bytes) {
        return Buffer.buffer(Unpooled.unreleasableBuffer(Unpooled.directBuffer(bytes.length).writeBytes(bytes)));
    }

    static byte[] gzip(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length / 4 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** RFC 9110 §13.1: If-None-Match (weak comparison) wins over If-Modified-Since. */
    static boolean notModified(RoutingContext ctx, Prepared p) {
        String inm = ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH);
        if (inm != null) {
            for (String tag : inm.split(",")) {
                String t = tag.strip();
                if (t.startsWith("W/")) {
                    t = t.substring(2);
                }
                if (t.equals("*") || t.equals(p.etag())) {
                    return true;
                }
            }
            return false;
        }
        String ims = ctx.request().getHeader(HttpHeaders.IF_MODIFIED_SINCE);
        if (ims != null) {
            try {
                return p.lastModifiedSecond() <= ZonedDateTime.parse(ims.strip(), HTTP_DATE).toEpochSecond();
            } catch (DateTimeParseException e) {
                return false;
            }
        }
        return false;
    }

    /** Whether Accept-Encoding lists gzip (or *) without {@code q=0}. */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String part : acceptEncoding.toLowerCase(Locale.ROOT).split(",")) {
            String[] p = part.split(";");
            String coding = p[0].strip();
            if (!coding.equals("gzip") && !coding.equals("*")) {
                continue;
            }
            boolean refused = false;
            for (int i = 1; i < p.length; i++) {
                String q = p[i].strip();
                if (q.startsWith("q=")) {
                    try {
                        refused = Double.parseDouble(q.substring(2)) == 0;
                    } catch (NumberFormatException e) {
                        refused = true;
                    }
                }
            }
            if (!refused) {
                return true;
            }
        }
        return false;
    }
}
