package dev.paperledge.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

import javax.xml.parsers.DocumentBuilderFactory;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import javazoom.jl.decoder.Bitstream;
import javazoom.jl.decoder.Decoder;
import javazoom.jl.decoder.Header;
import javazoom.jl.decoder.SampleBuffer;

/**
 * One paper from {@code POST /api/papers} to its item in {@code feed.xml}, through the four services
 * running as real processes from their built jars, on real Kafka, S3 and PostgreSQL.
 */
class PaperToFeedIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String PAPER = "2106.09685";

    @BeforeAll
    static void startStack() throws Exception {
        E2eStack.run("infra.sh", "up");
        E2eStack.run("stack.sh", "up");
    }

    @AfterAll
    static void stopStack() throws Exception {
        E2eStack.run("stack.sh", "down");
    }

    /**
     * As the README runs them, every service keeps metrics and OpenAPI off its public port: they answer
     * on the management port (the service's port + 1000), which listens on the loopback interface only,
     * while health stays on the public port for probes.
     */
    @Test
    void metricsAndOpenApiAreOnTheManagementPortOnly() throws Exception {
        InetAddress outside = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .filter(n -> { try { return n.isUp() && !n.isLoopback(); } catch (SocketException e) { return false; } })
                .flatMap(n -> Collections.list(n.getInetAddresses()).stream())
                .filter(a -> a instanceof Inet4Address).findFirst().orElse(null);
        for (int port : List.of(28081, 28082, 28083, 28080)) {
            String pub = "http://127.0.0.1:" + port;
            String mgmt = "http://127.0.0.1:" + (port + 1000);
            assertThat(status(pub + "/q/health/ready")).as("%s health", pub).isEqualTo(200);
            for (String path : List.of("/q/metrics", "/q/openapi", "/q/swagger-ui/")) {
                assertThat(status(pub + path)).as("%s%s on the public port", pub, path).isEqualTo(404);
            }
            assertThat(Pipeline.metrics(mgmt + "/q/metrics")).contains("jvm_memory_used_bytes");
            assertThat(status(mgmt + "/q/openapi")).as("%s/q/openapi", mgmt).isEqualTo(200);
            if (outside != null) {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(outside, port + 1000), 2000);
                    throw new AssertionError("management port " + (port + 1000) + " answers on " + outside);
                } catch (ConnectException | SocketTimeoutException expected) {
                    // loopback only
                }
            }
        }
    }

    private static int status(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void aSubmittedPaperBecomesAFeedItemWhoseMp3DecodesToTheAnnouncedDuration() throws Exception {
        long t0 = System.nanoTime();
        submitAndAwaitPublished(PAPER, "{\"arxivId\": \"https://arxiv.org/abs/" + PAPER + "\"}");
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("E2E: %s from POST to PUBLISHED in %.1f s%n", PAPER, seconds);

        // The item in the feed, with an enclosure whose length is the MP3's size.
        HttpResponse<String> feedResponse = HTTP.send(HttpRequest.newBuilder(URI.create(E2eStack.PUBLISH + "/feed.xml")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(feedResponse.statusCode()).isEqualTo(200);
        Element item = itemFor(feed(feedResponse.body()), "LoRA: Low-Rank Adaptation of Large Language Models");
        assertThat(text(item, "title")).isEqualTo("Computation and Language - LoRA: Low-Rank Adaptation of Large Language Models");
        Element enclosure = (Element) item.getElementsByTagName("enclosure").item(0);
        long length = Long.parseLong(enclosure.getAttribute("length"));
        assertThat(enclosure.getAttribute("type")).isEqualTo("audio/mpeg");

        // The audio event names the object; the object decodes to the announced duration.
        JsonNode audioReady = audioReadyEvent(PAPER);
        byte[] mp3;
        MinioClient s3 = MinioClient.builder().endpoint(E2eStack.S3).credentials("minioadmin", "minioadmin").region("us-east-1").build();
        try (InputStream in = s3.getObject(GetObjectArgs.builder().bucket("paperledge").object(audioReady.path("audioKey").asText()).build())) {
            mp3 = in.readAllBytes();
        }
        assertThat((long) mp3.length).isEqualTo(audioReady.path("byteSize").asLong()).isEqualTo(length);
        double decodedMs = decodedDurationMs(mp3);
        long announcedMs = audioReady.path("durationMs").asLong();
        System.out.printf("E2E: MP3 %d bytes, decoded %.0f ms, event says %d ms%n", mp3.length, decodedMs, announcedMs);
        assertThat(announcedMs).isGreaterThan(60_000);
        assertThat(decodedMs).isCloseTo(announcedMs, org.assertj.core.data.Percentage.withPercentage(2));

        // Listeners fetch the enclosure from the URL the feed names: the same bytes.
        HttpResponse<byte[]> served = HTTP.send(HttpRequest.newBuilder(URI.create(enclosure.getAttribute("url"))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.body()).isEqualTo(mp3);
    }

    /**
     * A paper with its full text (LaTeXML HTML) as a two-host episode: the dialogue is voiced in two
     * voices, and every line taken from the paper links to the passage it came from.
     */
    @Test
    void aFullTextPaperInDuoBecomesATwoHostEpisodeWhoseLinesLinkToThePaper() throws Exception {
        String id = "1703.09824";
        JsonNode status = submitAndAwaitPublished(id, "{\"arxivId\": \"" + id + "\", \"format\": \"duo\"}");
        assertThat(status.path("format").asText()).isEqualTo("duo");

        Element item = itemFor(feed(get(E2eStack.PUBLISH + "/feed.xml").body()), "Understanding the Lomb-Scargle Periodogram");
        List<String> people = new java.util.ArrayList<>();
        NodeList persons = item.getElementsByTagName("podcast:person");
        for (int i = 0; i < persons.getLength(); i++) {
            people.add(persons.item(i).getTextContent().strip());
        }
        assertThat(people).containsExactly("Ernis", "Sam");
        java.util.Map<String, String> transcripts = new java.util.HashMap<>();
        NodeList t = item.getElementsByTagName("podcast:transcript");
        for (int i = 0; i < t.getLength(); i++) {
            Element e = (Element) t.item(i);
            transcripts.put(e.getAttribute("type"), e.getAttribute("url"));
        }
        assertThat(transcripts).containsOnlyKeys("text/vtt", "application/json");

        HttpResponse<String> vtt = get(transcripts.get("text/vtt"));
        assertThat(vtt.body()).contains("<v Ernis>").contains("<v Sam>");
        HttpResponse<String> json = get(transcripts.get("application/json"));
        assertThat(json.headers().firstValue("Content-Type")).hasValueSatisfying(c -> assertThat(c).startsWith("application/json"));
        JsonNode segments = JSON.readTree(json.body()).path("segments");
        assertThat(segments.findValuesAsText("speaker")).contains("Ernis", "Sam");

        // Every source passage is the paper's own text, verbatim, as ingest read it; it links into arXiv's HTML.
        String paperText;
        MinioClient s3 = MinioClient.builder().endpoint(E2eStack.S3).credentials("minioadmin", "minioadmin").region("us-east-1").build();
        try (InputStream in = s3.getObject(GetObjectArgs.builder().bucket("paperledge").object("papers/" + id + "/v1/sections.json").build())) {
            StringBuilder sb = new StringBuilder();
            JSON.readTree(in.readAllBytes()).path("sections").forEach(sec -> sb.append(sec.path("text").asText()).append('\n'));
            paperText = sb.toString().replaceAll("\\s+", " ");
        }
        int sourced = 0;
        for (JsonNode seg : segments) {
            if (seg.has("source")) {
                sourced++;
                assertThat(paperText).contains(seg.path("source").path("text").asText().replaceAll("\\s+", " "));
                assertThat(seg.path("source").path("url").asText()).startsWith("https://arxiv.org/");
            }
        }
        System.out.printf("E2E: %s in duo, %d segments, %d with a source passage%n", id, segments.size(), sourced);
        assertThat(sourced).as("lines linked to the paper").isGreaterThanOrEqualTo(3);
        assertThat(segments.findValuesAsText("url")).anySatisfy(u -> assertThat(u).startsWith("https://arxiv.org/html/" + id + "v1#S"));

        // The public page says it is a conversation and shows the passages.
        String page = get(item.getElementsByTagName("link").item(0).getTextContent().strip()).body();
        assertThat(page).contains("A conversation between Ernis and Sam").contains("Read it in the paper");
    }

    /**
     * A watch rule for a biology category: a poll finds the one paper listed there, submits it, and the
     * episode appears in the main feed, the rule's topic feed and its category's feed, each labelled as
     * AI-made; the OPML lists them all.
     */
    @Test
    void aWatchRulePollsArxivAndItsEpisodeLandsInTheTopicAndCategoryFeeds() throws Exception {
        String id = "1204.6231";
        String rule = """
                {"slug": "cell-models", "title": "Models of living cells", "categories": ["q-bio.QM"],
                 "dailyCap": 2, "format": "solo"}""";
        HttpResponse<String> created = operatorPost("/api/subscriptions", rule);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        HttpResponse<String> poll = operatorPost("/api/subscriptions/cell-models/run", "");
        assertThat(poll.statusCode()).as(poll.body()).isEqualTo(200);
        JsonNode record = JSON.readTree(poll.body());
        assertThat(record.path("error").isNull()).as(poll.body()).isTrue();
        assertThat(record.path("submittedIds").toString()).as(poll.body()).contains(id);
        awaitPublished(id);

        String title = "Quantifying Limits to Detection of Early Warning for Critical Transitions";
        itemFor(feed(get(E2eStack.PUBLISH + "/feed.xml").body()), title);
        HttpResponse<String> topic = await().atMost(Duration.ofSeconds(30)).until(
                () -> get(E2eStack.PUBLISH + "/feeds/cell-models.xml"),
                r -> r.statusCode() == 200 && r.body().contains(title));
        Document topicFeed = feed(topic.body());
        assertThat(text(topicFeed.getDocumentElement(), "title")).contains("Models of living cells");
        assertThat(topicFeed.getElementsByTagName("item").getLength()).as("only the rule's papers").isEqualTo(1);
        itemFor(topicFeed, title);
        assertThat(topic.body()).contains("<podcast:txt purpose=\"ai-content\"");
        String category = JSON.readTree(get(E2eStack.INGEST + "/api/papers/" + id).body()).path("primaryCategory").asText();
        HttpResponse<String> byCategory = get(E2eStack.PUBLISH + "/feeds/categories/" + category + ".xml");
        assertThat(byCategory.statusCode()).isEqualTo(200);
        itemFor(feed(byCategory.body()), title);
        HttpResponse<String> opml = get(E2eStack.PUBLISH + "/feeds.opml");
        assertThat(opml.statusCode()).isEqualTo(200);
        assertThat(opml.body()).contains("/feeds/cell-models.xml").contains("/feeds/categories/" + category + ".xml")
                .contains("/feed.xml");
        System.out.printf("E2E: rule cell-models polled, submitted %s; its topic feed and the %s feed list it%n", id,
                category);
    }

    private static HttpResponse<String> operatorPost(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(E2eStack.INGEST + path))
                .header("Content-Type", "application/json").header("X-API-Key", E2eStack.API_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Submits with the operator key and waits until the paper is PUBLISHED (never FAILED); the last status. */
    private static JsonNode submitAndAwaitPublished(String id, String body) throws Exception {
        HttpResponse<String> submitted = operatorPost("/api/papers", body);
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
        assertThat(submitted.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/api/papers/" + id));
        return awaitPublished(id);
    }

    /** Waits until the paper is PUBLISHED (never FAILED); the last status. */
    private static JsonNode awaitPublished(String id) throws Exception {
        AtomicReference<JsonNode> paper = new AtomicReference<>();
        try {
            await().atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                HttpResponse<String> r = get(E2eStack.INGEST + "/api/papers/" + id);
                JsonNode node = JSON.readTree(r.body());
                paper.set(node);
                assertThat(node.path("status").asText()).as(r.body()).isNotEqualTo("FAILED");
                return "PUBLISHED".equals(node.path("status").asText());
            });
        } catch (Throwable e) {
            throw new AssertionError(id + " not published; last status " + paper.get() + "\n--- logs ---\n"
                    + tail("ingest-service") + tail("script-service") + tail("audio-service") + tail("publish-service"), e);
        }
        return paper.get();
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Document feed(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static Element itemFor(Document feed, String paperTitle) {
        NodeList items = feed.getElementsByTagName("item");
        for (int i = 0; i < items.getLength(); i++) {
            Element item = (Element) items.item(i);
            if (text(item, "title").endsWith(paperTitle)) {
                return item;
            }
        }
        throw new AssertionError("no item for " + paperTitle + " among " + items.getLength() + " items");
    }

    private static String text(Element parent, String tag) {
        NodeList n = parent.getElementsByTagName(tag);
        return n.getLength() == 0 ? "" : n.item(0).getTextContent().strip();
    }

    private static JsonNode audioReadyEvent(String arxivId) throws Exception {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, E2eStack.KAFKA);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-reader-" + System.nanoTime());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of("audio.ready"));
            long deadline = System.currentTimeMillis() + 60_000;
            while (System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofSeconds(1))) {
                    if (arxivId.equals(r.key())) {
                        assertThat(new String(r.headers().lastHeader("ce_type").value())).isEqualTo("paperledge.audio.ready.v1");
                        return JSON.readTree(r.value());
                    }
                }
            }
        }
        throw new AssertionError("no audio.ready event for " + arxivId);
    }

    /** Decodes every frame with JLayer and sums the samples: the real playing time. */
    private static double decodedDurationMs(byte[] mp3) throws Exception {
        Bitstream bitstream = new Bitstream(new ByteArrayInputStream(mp3));
        Decoder decoder = new Decoder();
        long samples = 0;
        int rate = 0;
        int frames = 0;
        Header h;
        while ((h = bitstream.readFrame()) != null) {
            SampleBuffer out = (SampleBuffer) decoder.decodeFrame(h, bitstream);
            rate = out.getSampleFrequency();
            samples += out.getBufferLength() / out.getChannelCount();
            frames++;
            bitstream.closeFrame();
        }
        assertThat(frames).as("decoded MP3 frames").isGreaterThan(100);
        return samples * 1000.0 / rate;
    }

    private static String tail(String service) throws Exception {
        String log = E2eStack.log(service);
        return "\n[" + service + "]\n" + log.substring(Math.max(0, log.length() - 3000));
    }

}
