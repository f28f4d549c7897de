package dev.paperledge.e2e;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The pipeline as an operator and a listener see it: the ingest API and the feed. */
final class Pipeline {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Pipeline() {
    }

    static HttpResponse<String> submit(String arxivId) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(E2eStack.INGEST + "/api/papers"))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").header("X-API-Key", E2eStack.API_KEY)
                .POST(HttpRequest.BodyPublishers.ofString("{\"arxivId\": \"" + arxivId + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The paper's JSON, or null while ingest cannot answer (it may be down on purpose). */
    static JsonNode paper(String arxivId) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(E2eStack.INGEST + "/api/papers/" + arxivId))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    static String status(String arxivId) {
        JsonNode p = paper(arxivId);
        return p == null ? "UNKNOWN" : p.path("status").asText();
    }

    /** The feed's items as (guid, title, enclosure length). */
    static List<FeedItem> feedItems() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(E2eStack.PUBLISH + "/feed.xml"))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("feed.xml answered " + r.statusCode());
        }
        Document feed = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(r.body().getBytes(StandardCharsets.UTF_8)));
        NodeList items = feed.getElementsByTagName("item");
        List<FeedItem> out = new ArrayList<>();
        for (int i = 0; i < items.getLength(); i++) {
            Element item = (Element) items.item(i);
            Element enclosure = (Element) item.getElementsByTagName("enclosure").item(0);
            out.add(new FeedItem(text(item, "guid"), text(item, "title"), text(item, "description"),
                    enclosure == null ? -1 : Long.parseLong(enclosure.getAttribute("length"))));
        }
        return out;
    }

    record FeedItem(String guid, String title, String description, long enclosureLength) {
    }

    /** A service's /q/metrics text. */
    static String metrics(String url) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException(url + " answered " + r.statusCode());
        }
        return r.body();
    }

    /**
     * Sum of the samples of one series whose labels contain every given fragment. The value is the
     * first token after the labels: OpenMetrics may append an exemplar and a timestamp after it.
     */
    static double metricSum(String body, String series, String... labelFragments) {
        double total = 0;
        for (String line : body.split("\n")) {
            if (!line.startsWith(series + "{")) {
                continue;
            }
            int close = line.indexOf('}');
            String labels = line.substring(series.length(), close + 1);
            if (java.util.Arrays.stream(labelFragments).allMatch(labels::contains)) {
                String value = line.substring(close + 1).strip().split("\\s+")[0];
                total += Double.parseDouble(value);
            }
        }
        return total;
    }

    /** How many feed items a synthetic paper has (its ID is in its title): 1 when published once. */
    static long copiesInFeed(List<FeedItem> items, String arxivId) {
        return items.stream().filter(i -> i.title().contains("[" + arxivId + "]")).count();
    }

    private static String text(Element parent, String tag) {
        NodeList n = parent.getElementsByTagName(tag);
        return n.getLength() == 0 ? "" : n.item(0).getTextContent().strip();
    }

    /**
     * Writes {@code n} arXiv API recordings for papers that do not exist, each a copy of one of the
     * real recordings with a fresh new-style ID (random per call, so reruns never collide) and the ID
     * in its title, so many distinct papers can travel the pipeline offline.
     */
    static List<String> syntheticPapers(Path into, int n) throws IOException {
        return syntheticPapers(E2eStack.ROOT.resolve("deploy/fixtures/arxiv"), into, n);
    }

    static List<String> syntheticPapers(Path fixtures, Path into, int n) throws IOException {
        Files.createDirectories(into);
        List<Path> originals;
        try (var files = Files.list(fixtures)) {
            originals = files.filter(f -> f.getFileName().toString().endsWith(".atom.xml")).sorted().toList();
        }
        Random random = new Random();
        int month = 1 + random.nextInt(12);
        int base = 10_000 + random.nextInt(80_000);
        Pattern titlePattern = Pattern.compile("(<entry[\\s\\S]*?<title[^>]*>)([\\s\\S]*?)(</title>)");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Path original = originals.get(i % originals.size());
            String originalId = original.getFileName().toString().replace(".atom.xml", "").replace('_', '/');
            String id = String.format("25%02d.%05d", month, base + i);
            String xml = Files.readString(original).replace(originalId, id);
            Matcher m = titlePattern.matcher(xml);
            if (m.find()) {
                xml = xml.substring(0, m.start(2)) + m.group(2) + " [" + id + "]" + xml.substring(m.end(2));
            }
            Files.writeString(into.resolve(id + ".atom.xml"), xml);
            ids.add(id);
        }
        return ids;
    }
}
