package dev.paperledge.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

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
 * <p>Listings: {@code GET /api/query?search_query=<query>} searches the entries of every
 * {@code *.atom.xml} in the folder (read at each request, so a test may add papers between polls) with
 * the subset of arXiv's query language {@link ArxivQuery} describes ({@code ti: au: abs: cat: all:},
 * quoted phrases, {@code AND OR ANDNOT}, parentheses, {@code submittedDate:[… TO …]} ranges). {@code sortBy} ({@code relevance} (default),
 * {@code lastUpdatedDate}: the entry's {@code <updated>}, {@code submittedDate}: its {@code <published>}),
 * {@code sortOrder} ({@code descending} (default) or {@code ascending}), {@code start} (0) and
 * {@code max_results} (10, at most 30000) page the matches; an {@code id_list} given as well keeps only
 * those papers. The answer is an Atom feed shaped like arXiv's: {@code opensearch:totalResults} (all
 * matches), {@code startIndex}, {@code itemsPerPage} (max_results, as the live API writes it) and each
 * matching entry copied from its fixture. No match is a feed with totalResults 0; a malformed query or
 * parameter is arXiv's error answer (one entry with id {@code http://arxiv.org/api/errors#…}, title
 * {@code Error}) with HTTP 400.
 *
 * <p>Tests can script faults: {@link #enqueueStatus(int)} answers the next requests with an HTTP
 * status, {@link #enqueueResponse(int, String, String)} with a whole answer (e.g. a broken feed),
 * {@link #delayNext(Duration)} slows the next answer, {@link #flap(int)} alternates runs of errors and
 * answers; all apply to ID look-ups and listings alike. {@link #listingRequests()} records each listing
 * request (time, User-Agent, query) so a test can check a poller's etiquette.
 *
 * <p>Run it with {@code java -cp testkit.jar dev.paperledge.testkit.ArxivStandIn}; the folder comes
 * from {@code PAPERLEDGE_ARXIV_FIXTURES}, the port from {@code PAPERLEDGE_ARXIV_STANDIN_PORT} (8090).
 */
public final class ArxivStandIn implements AutoCloseable {

    // The shapes arXiv accepts in id_list (new style with optional version, old style).
    private static final Pattern ID = Pattern.compile(
            "(\\d{4}\\.\\d{4,5}|[a-z\\-]+(\\.[A-Z]{2})?/\\d{7})(v\\d+)?");

    private static final String ATOM = "application/atom+xml; charset=utf-8";
    private static final String ATOM_NS = "http://www.w3.org/2005/Atom";
    private static final String ARXIV_NS = "http://arxiv.org/schemas/atom";

    private final HttpServer server;
    private final Path fixtures;
    private final Deque<Scripted> scripted = new ArrayDeque<>();
    private final List<ListingRequest> listingRequests = new CopyOnWriteArrayList<>();
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

    /** One listing request as it arrived (scripted failures included). */
    public record ListingRequest(Instant at, String userAgent, String searchQuery, String rawQuery) {
    }

    private record Scripted(int status, String contentType, byte[] body) {
    }

    /** The next request (of any kind) is answered with this status and a short text. Stackable. */
    public void enqueueStatus(int status) {
        enqueueResponse(status, "text/plain", "scripted status " + status);
    }

    /** The next request (of any kind) is answered with this status, type and body. Stackable. */
    public synchronized void enqueueResponse(int status, String contentType, String body) {
        scripted.addLast(new Scripted(status, contentType, body.getBytes(StandardCharsets.UTF_8)));
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

    /** How many API queries arrived (ID look-ups and listings, including scripted failures). */
    public int apiRequests() {
        return apiRequests.get();
    }

    /** The listing ({@code search_query}) requests so far, oldest first (including scripted failures). */
    public List<ListingRequest> listingRequests() {
        return List.copyOf(listingRequests);
    }

    private synchronized Scripted nextScripted() {
        return scripted.pollFirst();
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
        Scripted answer = nextScripted();
        int n = allRequests.getAndIncrement();
        if (answer == null && flapRun > 0 && (n / flapRun) % 2 == 0) {
            answer = new Scripted(503, "text/plain", "scripted status 503".getBytes(StandardCharsets.UTF_8));
        }
        if (answer != null) {
            send(ex, answer.status(), answer.contentType(), answer.body());
            return true;
        }
        return false;
    }

    private void query(HttpExchange ex) throws IOException {
        try (ex) {
            apiRequests.incrementAndGet();
            String rawQuery = ex.getRequestURI().getRawQuery();
            String searchQuery = param(rawQuery, "search_query");
            boolean listing = searchQuery != null && !searchQuery.isBlank();
            if (listing) {
                listingRequests.add(new ListingRequest(Instant.now(), ex.getRequestHeaders().getFirst("User-Agent"),
                        searchQuery, rawQuery));
            }
            if (faulted(ex)) {
                return;
            }
            String idList = param(rawQuery, "id_list");
            if (listing) {
                listing(ex, rawQuery, searchQuery, idList);
                return;
            }
            if (idList == null || idList.isBlank()) {
                send(ex, 400, "text/plain", "search_query or id_list is required".getBytes(StandardCharsets.UTF_8));
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
            send(ex, 200, ATOM, body);
        }
    }

    /** One fixture entry: what a query looks at, the dates it sorts by, and the entry to copy. */
    private record Listed(String id, ArxivQuery.Paper paper, Element entry) {
        /** Its dates for sorting: without one, the oldest. */
        Instant submitted() {
            return paper.submitted() == null ? Instant.MIN : paper.submitted();
        }

        Instant updated() {
            return paper.updated() == null ? Instant.MIN : paper.updated();
        }
    }

    private void listing(HttpExchange ex, String rawQuery, String searchQuery, String idList) throws IOException {
        String ids = idList == null ? "" : idList;
        String startParam = param(rawQuery, "start");
        String maxParam = param(rawQuery, "max_results");
        String self = "search_query=" + searchQuery + "&id_list=" + ids + "&start=" + (startParam == null ? "0" : startParam)
                + "&max_results=" + (maxParam == null ? "10" : maxParam);
        int start;
        int max;
        ArxivQuery query;
        Comparator<Listed> order;
        try {
            start = count(startParam, 0, "start");
            max = count(maxParam, 10, "max_results");
            if (max > 30000) {
                throw new BadListing("max_results_must_not_exceed_30000", "max_results must not exceed 30000");
            }
            try {
                query = ArxivQuery.parse(searchQuery);
            } catch (ArxivQuery.MalformedQueryException e) {
                throw new BadListing("malformed_search_query", "malformed search_query: " + e.getMessage());
            }
            order = order(param(rawQuery, "sortBy"), param(rawQuery, "sortOrder"), query);
        } catch (BadListing e) {
            send(ex, 400, ATOM, errorFeed(self, e.anchor, e.getMessage()).getBytes(StandardCharsets.UTF_8));
            return;
        }
        List<Listed> all;
        try {
            all = entries();
        } catch (IOException | RuntimeException e) {
            send(ex, 500, "text/plain", ("cannot read the fixtures: " + e.getMessage()).getBytes(StandardCharsets.UTF_8));
            return;
        }
        Set<String> only = new LinkedHashSet<>();
        Arrays.stream(ids.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .forEach(s -> only.add(s.replaceFirst("v\\d+$", "")));
        List<Listed> matches = all.stream()
                .filter(l -> only.isEmpty() || only.contains(l.id().replaceFirst("v\\d+$", "")))
                .filter(l -> query.matches(l.paper()))
                .sorted(order)
                .toList();
        StringBuilder body = new StringBuilder(head(self, matches.size(), start, max));
        for (Listed l : matches.subList(Math.min(start, matches.size()), (int) Math.min((long) start + max, matches.size()))) {
            body.append(serialize(l.entry())).append('\n');
        }
        body.append("</feed>\n");
        send(ex, 200, ATOM, body.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static final class BadListing extends Exception {
        final String anchor;

        BadListing(String anchor, String message) {
            super(message);
            this.anchor = anchor;
        }
    }

    private static int count(String value, int fallback, String label) throws BadListing {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n < 0) {
                throw new BadListing(label + "_must_be_non-negative", label + " must be non-negative");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new BadListing(label + "_must_be_an_integer", label + " must be an integer");
        }
    }

    /** The order sortBy/sortOrder ask for (ties: by ID). */
    private static Comparator<Listed> order(String sortBy, String sortOrder, ArxivQuery query) throws BadListing {
        String by = sortBy == null || sortBy.isBlank() ? "relevance" : sortBy;
        String direction = sortOrder == null || sortOrder.isBlank() ? "descending" : sortOrder;
        if (!direction.equals("ascending") && !direction.equals("descending")) {
            throw new BadListing("sortOrder_must_be_ascending_or_descending",
                    "sortOrder must be ascending or descending, not " + direction);
        }
        Comparator<Listed> key = switch (by) {
            case "relevance" -> Comparator.comparingInt(l -> query.relevance(l.paper()));
            case "submittedDate" -> Comparator.comparing(Listed::submitted);
            case "lastUpdatedDate" -> Comparator.comparing(Listed::updated);
            default -> throw new BadListing("sortBy_must_be_relevance_lastUpdatedDate_or_submittedDate",
                    "sortBy must be relevance, lastUpdatedDate or submittedDate, not " + by);
        };
        key = direction.equals("ascending") ? key : key.reversed();
        return key.thenComparing(Listed::id);
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

    /** The feed's opening, down to the opensearch counts; {@code self} is the request's query string. */
    private static String head(String self, int total, int start, int perPage) {
        String q = xml(self);
        return """
                <?xml version="1.0" encoding="utf-8"?>
                <feed xmlns="http://www.w3.org/2005/Atom" xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom">
                  <link href="http://arxiv.org/api/query?%s" rel="self" type="application/atom+xml"/>
                  <title>ArXiv Query: %s</title>
                  <id>http://arxiv.org/api/standin</id>
                  <updated>2026-01-01T00:00:00-05:00</updated>
                  <opensearch:totalResults>%d</opensearch:totalResults>
                  <opensearch:startIndex>%d</opensearch:startIndex>
                  <opensearch:itemsPerPage>%d</opensearch:itemsPerPage>
                """.formatted(q, q, total, start, perPage);
    }

    private static String idSelf(String id) {
        return "search_query=&id_list=" + id + "&start=0&max_results=10";
    }

    /** The API's answer for a well-formed ID it does not know: zero results, no entry. */
    static String emptyFeed(String id) {
        return head(idSelf(id), 0, 0, 10) + "</feed>\n";
    }

    /** The API's answer for a malformed ID: one entry titled "Error". */
    static String errorFeed(String id) {
        return errorFeed(idSelf(id), "incorrect_id_format_for_" + id, "incorrect id format for " + id);
    }

    /** arXiv's error answer: one entry titled "Error", its id naming the error, its summary saying it. */
    static String errorFeed(String self, String anchor, String summary) {
        return head(self, 1, 0, 10) + """
                  <entry>
                    <id>http://arxiv.org/api/errors#%s</id>
                    <title>Error</title>
                    <summary>%s</summary>
                    <updated>2026-01-01T00:00:00-05:00</updated>
                    <author><name>arXiv api core</name></author>
                  </entry>
                </feed>
                """.formatted(xml(anchor), xml(summary));
    }

    /** Every entry of every {@code *.atom.xml} in the folder, read now. */
    private List<Listed> entries() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(fixtures)) {
            files = list.filter(f -> f.getFileName().toString().endsWith(".atom.xml") && Files.isRegularFile(f))
                    .sorted().toList();
        }
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        List<Listed> listed = new ArrayList<>();
        for (Path file : files) {
            NodeList nodes;
            try {
                var builder = factory.newDocumentBuilder();
                builder.setErrorHandler(new DefaultHandler() {
                    @Override
                    public void fatalError(SAXParseException e) throws SAXParseException {
                        throw e; // reported in the answer, not printed
                    }
                });
                nodes = builder.parse(file.toFile()).getElementsByTagNameNS(ATOM_NS, "entry");
            } catch (Exception e) {
                throw new IOException(file.getFileName() + " is not a readable Atom feed: " + e.getMessage(), e);
            }
            for (int i = 0; i < nodes.getLength(); i++) {
                Element entry = (Element) nodes.item(i);
                String id = text(entry, ATOM_NS, "id").replaceFirst("^https?://arxiv\\.org/abs/", "");
                if (id.startsWith("http://arxiv.org/api/errors")) {
                    continue;
                }
                Set<String> categories = new LinkedHashSet<>(attributes(entry, ARXIV_NS, "primary_category", "term"));
                categories.addAll(attributes(entry, ATOM_NS, "category", "term"));
                List<String> authors = new ArrayList<>();
                NodeList names = entry.getElementsByTagNameNS(ATOM_NS, "author");
                for (int a = 0; a < names.getLength(); a++) {
                    authors.add(text((Element) names.item(a), ATOM_NS, "name"));
                }
                ArxivQuery.Paper paper = new ArxivQuery.Paper(text(entry, ATOM_NS, "title"),
                        text(entry, ATOM_NS, "summary"), authors, List.copyOf(categories), text(entry, ARXIV_NS, "comment"),
                        instant(text(entry, ATOM_NS, "published")), instant(text(entry, ATOM_NS, "updated")));
                listed.add(new Listed(id, paper, entry));
            }
        }
        return listed;
    }

    private static String text(Element parent, String ns, String name) {
        NodeList nodes = parent.getElementsByTagNameNS(ns, name);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().strip().replaceAll("\\s+", " ");
    }

    private static List<String> attributes(Element parent, String ns, String name, String attribute) {
        NodeList nodes = parent.getElementsByTagNameNS(ns, name);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            String value = ((Element) nodes.item(i)).getAttribute(attribute);
            if (!value.isBlank()) {
                values.add(value.strip());
            }
        }
        return values;
    }

    /** A timestamp as the API writes it; null for a missing or partial one. */
    private static Instant instant(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String serialize(Element entry) {
        try {
            var transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            StringWriter out = new StringWriter();
            transformer.transform(new DOMSource(entry), new StreamResult(out));
            return "  " + out;
        } catch (TransformerException e) {
            throw new IllegalStateException("cannot write an entry back out", e);
        }
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
