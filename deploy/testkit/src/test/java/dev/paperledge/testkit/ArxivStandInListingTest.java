package dev.paperledge.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import dev.paperledge.contracts.PaperSummary;
import dev.paperledge.contracts.SubscriptionRule;

/**
 * Listings ({@code search_query}) over the eleven recorded papers in deploy/fixtures/arxiv plus two
 * written here: a physics paper and a biology paper, both cross-listed, with accents, TeX, an
 * apostrophe and an ampersand, in the live API's layout (namespaces declared once on the feed).
 */
class ArxivStandInListingTest {
    static final String ATOM = "http://www.w3.org/2005/Atom";
    static final String OPENSEARCH = "http://a9.com/-/spec/opensearch/1.1/";

    static final String PHYSICS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">
              <title>ArXiv Query: search_query=&amp;id_list=2401.00001&amp;start=0&amp;max_results=10</title>
              <entry>
                <id>http://arxiv.org/abs/2401.00001v3</id>
                <published>2024-01-02T10:00:00Z</published>
                <updated>2024-09-30T08:00:00Z</updated>
                <title>Entanglement &amp; the Page curve: replica wormholes in $AdS_3$
                  gravity</title>
                <summary>We compute the Page curve of an evaporating black hole in two-dimensional
                  Jackiw–Teitelboim gravity coupled to a bath; replica wormholes restore unitarity.</summary>
                <author><name>José Núñez-García</name></author>
                <author><name>Y. Bengio</name></author>
                <author><name>Ana O'Neill</name></author>
                <arxiv:comment>42 pages, 7 figures; v3: typos fixed</arxiv:comment>
                <arxiv:primary_category term="hep-th" scheme="http://arxiv.org/schemas/atom"/>
                <category term="hep-th" scheme="http://arxiv.org/schemas/atom"/>
                <category term="gr-qc" scheme="http://arxiv.org/schemas/atom"/>
                <category term="quant-ph" scheme="http://arxiv.org/schemas/atom"/>
              </entry>
            </feed>
            """;

    static final String BIOLOGY = """
            <?xml version="1.0" encoding="UTF-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">
              <entry>
                <id>http://arxiv.org/abs/2402.00002v1</id>
                <published>2024-02-14T12:00:00Z</published>
                <updated>2024-02-14T12:00:00Z</updated>
                <title>Where plasmids spread: speech-like signalling in bacterial colonies</title>
                <summary>Plasmid conjugation rates in E. coli biofilms follow a reaction–diffusion law; we fit
                  it with a neural network (cs.LG methods) &lt;and&gt; report 95% intervals.</summary>
                <author><name>Zoë Brontë-Smith</name></author>
                <author><name>Yoshua Bengio</name></author>
                <arxiv:primary_category term="q-bio.PE" scheme="http://arxiv.org/schemas/atom"/>
                <category term="q-bio.PE" scheme="http://arxiv.org/schemas/atom"/>
                <category term="physics.bio-ph" scheme="http://arxiv.org/schemas/atom"/>
                <category term="cs.LG" scheme="http://arxiv.org/schemas/atom"/>
              </entry>
            </feed>
            """;

    @TempDir
    Path fixtures;
    ArxivStandIn standIn;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        try (var files = Files.list(Path.of("../fixtures/arxiv"))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".atom.xml")).toList()) {
                Files.copy(f, fixtures.resolve(f.getFileName()));
            }
        }
        Files.writeString(fixtures.resolve("2401.00001.atom.xml"), PHYSICS);
        Files.writeString(fixtures.resolve("2402.00002.atom.xml"), BIOLOGY);
        Files.writeString(fixtures.resolve("2402.00002.html"), "<html>not a feed, never read by a listing</html>");
        standIn = new ArxivStandIn(fixtures, 0);
    }

    @AfterEach
    void stop() {
        standIn.close();
    }

    private HttpResponse<String> list(String rawQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(standIn.baseUrl() + "/api/query?" + rawQuery))
                .header("User-Agent", "PaperLedgeTest/1.0 (mailto:ops@example.org)").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The IDs (without version) a listing answers, in order. */
    private List<String> ids(String rawQuery) throws Exception {
        HttpResponse<String> answer = list(rawQuery);
        assertThat(answer.statusCode()).as(rawQuery).isEqualTo(200);
        return ids(parse(answer.body()));
    }

    private static List<String> ids(Document feed) {
        List<String> ids = new ArrayList<>();
        NodeList entries = feed.getElementsByTagNameNS(ATOM, "entry");
        for (int i = 0; i < entries.getLength(); i++) {
            ids.add(text((Element) entries.item(i), ATOM, "id").replaceFirst("^http://arxiv.org/abs/", "")
                    .replaceFirst("v\\d+$", ""));
        }
        return ids;
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static String text(Element parent, String ns, String name) {
        NodeList nodes = parent.getElementsByTagNameNS(ns, name);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().strip().replaceAll("\\s+", " ");
    }

    private static String q(String query) {
        return "search_query=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
    }

    @Test
    void categoriesMatchThePrimaryAndEveryCrossList() throws Exception {
        assertThat(ids(q("cat:cs.SD"))).containsExactlyInAnyOrder("2205.04421", "2212.04356", "2306.12925");
        assertThat(ids(q("cat:gr-qc"))).containsExactly("2401.00001");
        assertThat(ids(q("cat:q-bio.PE"))).containsExactlyInAnyOrder("1204.6231", "2402.00002");
        assertThat(ids(q("cat:physics.bio-ph"))).containsExactly("2402.00002");
        assertThat(ids(q("cat:cs.lg"))).as("category codes ignore case")
                .containsExactlyInAnyOrder("2106.09685", "2205.04421", "2212.04356", "2305.14314", "2305.20050", "2402.00002");
        assertThat(ids(q("cat:cs"))).as("a category is matched whole, not by its archive").isEmpty();
    }

    @Test
    void wordsAreWholeAndIgnoreCaseAccentsAndPlurals() throws Exception {
        assertThat(ids(q("ti:speech"))).containsExactlyInAnyOrder("2205.04421", "2212.04356", "2402.00002");
        assertThat(ids(q("ti:SPEECH"))).hasSize(3);
        assertThat(ids(q("ti:speec"))).as("whole words only").isEmpty();
        assertThat(ids(q("abs:speech"))).containsExactlyInAnyOrder("2205.04421", "2212.04356", "2306.12925");
        assertThat(ids(q("abs:wormhole"))).as("a plural counts as its singular").containsExactly("2401.00001");
        assertThat(ids(q("abs:Jackiw"))).containsExactly("2401.00001");
        assertThat(ids(q("ti:AdS_3"))).as("TeX splits into words").containsExactly("2401.00001");
        assertThat(ids(q("all:typos"))).as("all: reads the comment").containsExactly("2401.00001");
        assertThat(ids(q("all:Radford"))).as("all: reads the authors").containsExactly("2212.04356");
        assertThat(ids(q("wormholes"))).as("no prefix is all:").containsExactly("2401.00001");
    }

    @Test
    void phrasesKeepTheirWordOrder() throws Exception {
        assertThat(ids(q("ti:\"large language model\""))).containsExactlyInAnyOrder("2106.09685", "2306.12925");
        assertThat(ids(q("ti:\"language large model\""))).isEmpty();
        assertThat(ids(q("abs:\"replica wormholes restore\""))).containsExactly("2401.00001");
        assertThat(ids(q("ti:\"entanglement the page\""))).as("an ampersand between words is a separator")
                .containsExactly("2401.00001");
        assertThat(ids("search_query=ti:%22speech+recognition%22")).as("%22 and + as clients send them")
                .containsExactly("2212.04356");
    }

    @Test
    void authorsMatchEveryWordOfOneAuthorWithInitials() throws Exception {
        assertThat(ids(q("au:\"Alec Radford\""))).containsExactly("2212.04356");
        assertThat(ids(q("au:\"A Radford\""))).containsExactly("2212.04356");
        assertThat(ids(q("au:Radford_Alec"))).as("order free, _ for a space").containsExactly("2212.04356");
        assertThat(ids(q("au:\"Jose Nunez Garcia\""))).as("accents ignored").containsExactly("2401.00001");
        assertThat(ids(q("au:\"Y Bengio\""))).as("an initial finds the full name and the initial")
                .containsExactlyInAnyOrder("2401.00001", "2402.00002");
        assertThat(ids(q("au:\"Yoshua Bengio\""))).as("a full name does not find an initial").containsExactly("2402.00002");
        assertThat(ids(q("au:\"Carl Hastings\""))).as("the words of two authors are not one author").isEmpty();
        assertThat(ids(q("au:O'Neill"))).containsExactly("2401.00001");
    }

    @Test
    void booleanOperatorsAndParentheses() throws Exception {
        assertThat(ids(q("cat:cs.CL AND ti:speech"))).containsExactly("2205.04421", "2212.04356").hasSize(2);
        assertThat(ids(q("cat:cs.SD ANDNOT cat:cs.CL"))).isEmpty();
        assertThat(ids(q("cat:eess.AS ANDNOT ti:recognition"))).containsExactlyInAnyOrder("2205.04421", "2306.12925");
        assertThat(ids(q("cat:cs.SE OR cat:astro-ph.IM"))).containsExactlyInAnyOrder("1609.00037", "1703.09824");
        // AND binds tighter than OR; parentheses change that.
        assertThat(ids(q("cat:cs.SE OR cat:cs.CL AND ti:speech")))
                .containsExactlyInAnyOrder("1609.00037", "2205.04421", "2212.04356");
        assertThat(ids(q("(cat:cs.SE OR cat:cs.CL) AND ti:speech"))).containsExactlyInAnyOrder("2205.04421", "2212.04356");
        assertThat(ids(q("((cat:hep-th)) wormholes"))).as("side by side is AND").containsExactly("2401.00001");
        assertThat(ids(q("cat:hep-th xylophone"))).isEmpty();
        assertThat(ids("search_query=%28cat:gr-qc+OR+cat:q-bio.QM%29+ANDNOT+au:Hastings"))
                .containsExactly("2401.00001");
    }

    @Test
    void sortsBySubmittedAndUpdatedDateBothWaysAndByRelevance() throws Exception {
        assertThat(ids(q("cat:cs.CL") + "&sortBy=submittedDate&sortOrder=ascending"))
                .as("2212.04356 has no dates: it sorts as the oldest")
                .containsExactly("2212.04356", "2106.09685", "2205.04421", "2306.12925");
        assertThat(ids(q("cat:cs.CL OR cat:hep-th") + "&sortBy=submittedDate&sortOrder=descending"))
                .startsWith("2401.00001", "2306.12925", "2205.04421", "2106.09685");
        // The physics paper was submitted before the biology paper and updated after it.
        assertThat(ids(q("cat:gr-qc OR cat:q-bio.PE") + "&sortBy=submittedDate&sortOrder=descending"))
                .containsExactly("2402.00002", "2401.00001", "1204.6231");
        assertThat(ids(q("cat:gr-qc OR cat:q-bio.PE") + "&sortBy=lastUpdatedDate&sortOrder=descending"))
                .containsExactly("2401.00001", "2402.00002", "1204.6231");
        assertThat(ids(q("cat:gr-qc OR cat:q-bio.PE") + "&sortBy=lastUpdatedDate&sortOrder=ascending"))
                .containsExactly("1204.6231", "2402.00002", "2401.00001");
        assertThat(ids(q("abs:speech OR ti:speech"))).as("relevance (default, descending): most mentions first")
                .startsWith("2306.12925");
        assertThat(ids(q("abs:speech OR ti:speech") + "&sortBy=relevance&sortOrder=ascending")).endsWith("2306.12925");
    }

    @Test
    void dateRangesKeepPapersSubmittedOrUpdatedWithinThem() throws Exception {
        assertThat(ids(q("submittedDate:[202401010000 TO 202401312359]"))).containsExactly("2401.00001");
        assertThat(ids(q("submittedDate:[202401021000 TO 202401021000]"))).as("both ends included, to the minute")
                .containsExactly("2401.00001");
        assertThat(ids(q("submittedDate:[202401021001 TO 202402141159]"))).isEmpty();
        assertThat(ids("search_query=submittedDate:%5B202401010000+TO+202402292359%5D&sortBy=submittedDate"))
                .as("%5B/%5D and + as clients send them").containsExactly("2402.00002", "2401.00001");
        assertThat(ids(q("lastUpdatedDate:[20240901 TO 20241231]"))).as("a day range").containsExactly("2401.00001");
        assertThat(ids(q("(cat:q-bio.PE OR cat:hep-th) AND submittedDate:[20240214 TO 20240214]")))
                .containsExactly("2402.00002");
        assertThat(ids(q("cat:eess.AS ANDNOT submittedDate:[202201010000 TO 202212312359]")))
                .as("a paper without dates is in no range").containsExactlyInAnyOrder("2212.04356", "2306.12925");
    }

    @Test
    void pagesWithStartAndMaxResults() throws Exception {
        String all = q("cat:cs.LG OR cat:cs.CL OR cat:cs.AI") + "&sortBy=submittedDate&sortOrder=descending";
        List<String> everything = ids(all + "&max_results=100");
        assertThat(everything).hasSize(8).doesNotHaveDuplicates();
        Document page = parse(list(all + "&start=2&max_results=3").body());
        assertThat(ids(page)).isEqualTo(everything.subList(2, 5));
        assertThat(page.getElementsByTagNameNS(OPENSEARCH, "totalResults").item(0).getTextContent()).isEqualTo("8");
        assertThat(page.getElementsByTagNameNS(OPENSEARCH, "startIndex").item(0).getTextContent()).isEqualTo("2");
        assertThat(page.getElementsByTagNameNS(OPENSEARCH, "itemsPerPage").item(0).getTextContent()).isEqualTo("3");
        assertThat(ids(all + "&start=6&max_results=3")).isEqualTo(everything.subList(6, 8));
        Document beyond = parse(list(all + "&start=50").body());
        assertThat(ids(beyond)).isEmpty();
        assertThat(beyond.getElementsByTagNameNS(OPENSEARCH, "totalResults").item(0).getTextContent()).isEqualTo("8");
        assertThat(ids(q("cat:cs.LG OR cat:cs.CL OR cat:cs.AI OR cat:cs.SE OR cat:astro-ph.IM OR cat:hep-th")))
                .as("10 by default").hasSize(10);
        assertThat(ids(q("cat:cs.LG") + "&max_results=0")).isEmpty();
    }

    @Test
    void noMatchIsAValidFeedWithZeroResults() throws Exception {
        HttpResponse<String> answer = list(q("ti:xylophone"));
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/atom+xml"));
        Document feed = parse(answer.body());
        assertThat(feed.getDocumentElement().getLocalName()).isEqualTo("feed");
        assertThat(feed.getElementsByTagNameNS(OPENSEARCH, "totalResults").item(0).getTextContent()).isEqualTo("0");
        assertThat(ids(feed)).isEmpty();
    }

    @Test
    void matchingEntriesAreCopiedFromTheirFixtures() throws Exception {
        Document feed = parse(list(q("au:Boettiger OR au:\"Zoe Bronte Smith\"")).body());
        NodeList entries = feed.getElementsByTagNameNS(ATOM, "entry");
        assertThat(entries.getLength()).isEqualTo(2);
        for (int i = 0; i < entries.getLength(); i++) {
            Element listed = (Element) entries.item(i);
            String id = ids(feed).get(i);
            Element recorded = (Element) parse(Files.readString(fixtures.resolve(id + ".atom.xml")))
                    .getElementsByTagNameNS(ATOM, "entry").item(0);
            for (String field : List.of("id", "title", "summary", "published", "updated")) {
                assertThat(text(listed, ATOM, field)).as(field).isEqualTo(text(recorded, ATOM, field));
            }
            assertThat(listed.getElementsByTagNameNS("http://arxiv.org/schemas/atom", "primary_category").getLength())
                    .isEqualTo(1);
            assertThat(listed.getElementsByTagNameNS(ATOM, "category").getLength())
                    .isEqualTo(recorded.getElementsByTagNameNS(ATOM, "category").getLength());
        }
        assertThat(text((Element) entries.item(1), ATOM, "summary")).contains("<and>", "reaction–diffusion");
    }

    @Test
    void anIdListNarrowsTheListing() throws Exception {
        assertThat(ids(q("cat:cs.CL") + "&id_list=2205.04421v1,2106.09685")).containsExactlyInAnyOrder("2205.04421", "2106.09685");
    }

    @Test
    void malformedQueriesAndParametersGetArxivsErrorEntryWith400() throws Exception {
        for (String bad : List.of(q("(cat:cs.CL OR cat:cs.AI"), q("cat:cs.CL)"), q("ti:"), q("foo:bar"), q("cat:cs.CL AND"),
                q("OR ti:speech"), q("ti:\"open phrase"), q("ti:\"a\"b"), q("()"),
                q("ti:speech") + "&start=abc", q("ti:speech") + "&start=-1", q("ti:speech") + "&max_results=30001",
                q("ti:speech") + "&sortBy=citations", q("ti:speech") + "&sortOrder=up",
                q("submittedDate:[2024 TO 2025]"), q("submittedDate:[202401010000 TO 202413010000]"),
                q("submittedDate:[202402010000 TO 202401010000]"), q("submittedDate:[202401010000 TO"),
                q("lastUpdatedDate:202401010000"), q("(".repeat(5000) + "ti:speech" + ")".repeat(5000)))) {
            HttpResponse<String> answer = list(bad);
            assertThat(answer.statusCode()).as(bad).isEqualTo(400);
            Document feed = parse(answer.body());
            Element entry = (Element) feed.getElementsByTagNameNS(ATOM, "entry").item(0);
            assertThat(text(entry, ATOM, "id")).as(bad).startsWith("http://arxiv.org/api/errors#");
            assertThat(text(entry, ATOM, "title")).isEqualTo("Error");
            assertThat(text(entry, ATOM, "summary")).as(bad).isNotBlank();
        }
        Element unknown = (Element) parse(list(q("foo:bar")).body()).getElementsByTagNameNS(ATOM, "entry").item(0);
        assertThat(text(unknown, ATOM, "summary")).contains("unknown field prefix 'foo:'");
        assertThat(ids(q("(".repeat(50) + "ti:speech" + ")".repeat(50)))).hasSize(3);
    }

    @Test
    void subscriptionRuleQueriesParseAndAgreeWithTheRulesOwnMatching() throws Exception {
        SubscriptionRule bengio = new SubscriptionRule("speech", "Speech", List.of("cs.CL", "cs.AI"), List.of("speech"),
                List.of("Yoshua Bengio"), 5, "solo");
        assertThat(bengio.arxivQuery()).isEqualTo(
                "(cat:cs.CL OR cat:cs.AI) AND (ti:\"speech\" OR abs:\"speech\") AND (au:\"Yoshua Bengio\")");
        List<SubscriptionRule> rules = List.of(bengio,
                new SubscriptionRule("speech-all", "Speech", List.of("cs.CL", "cs.AI"), List.of("speech"), List.of(), 5, null),
                new SubscriptionRule("bengio", "Bengio", List.of(), List.of(), List.of("Yoshua Bengio"), 5, null),
                new SubscriptionRule("llm", "LLMs", List.of("cs.LG"), List.of("large language models", "wormhole"),
                        List.of(), 5, null),
                new SubscriptionRule("gravity", "Gravity", List.of("gr-qc", "q-bio.PE"), List.of(), List.of(), 5, "duo"));
        List<PaperSummary> papers = summaries();
        for (SubscriptionRule rule : rules) {
            List<String> expected = papers.stream().filter(rule::matches)
                    .map(p -> p.absUrl().replaceFirst("^http://arxiv.org/abs/", "").replaceFirst("v\\d+$", "")).toList();
            assertThat(ids(q(rule.arxivQuery()) + "&max_results=50")).as(rule.arxivQuery())
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
        assertThat(ids(q(rules.get(1).arxivQuery()))).containsExactlyInAnyOrder("2205.04421", "2212.04356", "2306.12925");
        assertThat(ids(q(rules.get(4).arxivQuery()))).containsExactlyInAnyOrder("2401.00001", "1204.6231", "2402.00002");
    }

    /** The fixture papers as ingest would summarise them (the fields SubscriptionRule#matches reads). */
    private List<PaperSummary> summaries() throws Exception {
        List<PaperSummary> papers = new ArrayList<>();
        try (var files = Files.list(fixtures)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".atom.xml")).sorted().toList()) {
                Element entry = (Element) parse(Files.readString(f)).getElementsByTagNameNS(ATOM, "entry").item(0);
                List<String> authors = new ArrayList<>();
                NodeList names = entry.getElementsByTagNameNS(ATOM, "name");
                for (int i = 0; i < names.getLength(); i++) {
                    authors.add(names.item(i).getTextContent().strip());
                }
                List<String> categories = new ArrayList<>();
                NodeList terms = entry.getElementsByTagNameNS(ATOM, "category");
                for (int i = 0; i < terms.getLength(); i++) {
                    categories.add(((Element) terms.item(i)).getAttribute("term"));
                }
                papers.add(new PaperSummary(text(entry, ATOM, "title"), authors, text(entry, ATOM, "summary"),
                        categories.isEmpty() ? null : categories.get(0), null, null, text(entry, ATOM, "id"), categories));
            }
        }
        return papers;
    }

    @Test
    void listingsCanBeFaultedAndAreCountedWithTheirUserAgent() throws Exception {
        standIn.enqueueStatus(503);
        standIn.enqueueResponse(200, "application/atom+xml", "<feed><entry>truncated");
        assertThat(list(q("cat:cs.CL")).statusCode()).isEqualTo(503);
        assertThat(list(q("cat:cs.CL")).body()).isEqualTo("<feed><entry>truncated");
        assertThat(ids(q("cat:cs.CL"))).hasSize(4);
        http.send(HttpRequest.newBuilder(URI.create(standIn.baseUrl() + "/api/query?id_list=2106.09685")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(standIn.apiRequests()).isEqualTo(4);
        assertThat(standIn.listingRequests()).hasSize(3).allSatisfy(r -> {
            assertThat(r.userAgent()).isEqualTo("PaperLedgeTest/1.0 (mailto:ops@example.org)");
            assertThat(r.searchQuery()).isEqualTo("cat:cs.CL");
            assertThat(r.at()).isNotNull();
        });
        assertThat(standIn.listingRequests().get(0).at()).isBeforeOrEqualTo(standIn.listingRequests().get(2).at());
    }

    @Test
    void readsTheFolderAtEachRequest() throws Exception {
        assertThat(ids(q("cat:nlin.AO"))).isEmpty();
        Files.writeString(fixtures.resolve("2403.00003.atom.xml"), BIOLOGY.replace("2402.00002", "2403.00003")
                .replace("q-bio.PE", "nlin.AO"));
        assertThat(ids(q("cat:nlin.AO"))).containsExactly("2403.00003");
    }

    @Test
    void aBrokenFixtureIsAClearServerError() throws Exception {
        Files.writeString(fixtures.resolve("9999.99999.atom.xml"), "<feed><entry>");
        HttpResponse<String> answer = list(q("cat:cs.CL"));
        assertThat(answer.statusCode()).isEqualTo(500);
        assertThat(answer.body()).contains("9999.99999.atom.xml");
    }
}
