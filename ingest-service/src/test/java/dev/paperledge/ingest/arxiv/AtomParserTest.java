package dev.paperledge.ingest.arxiv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.paperledge.ingest.support.Atom;
import dev.paperledge.ingest.support.Fixtures;

class AtomParserTest {
    private final AtomParser parser = new AtomParser(Taxonomy.standard());

    static List<String> eight() {
        return Fixtures.EIGHT;
    }

    @ParameterizedTest
    @MethodSource("eight")
    void readsEveryRecordedFixture(String id) throws Exception {
        ArxivMetadata m = parser.parse(Fixtures.read(id + ".atom.xml"), ArxivId.of(id));
        assertThat(m.arxivId()).isEqualTo(id);
        assertThat(m.title()).isNotBlank().doesNotContain("\n").doesNotContain("  ");
        assertThat(m.authors()).isNotEmpty().allSatisfy(a -> assertThat(a).isNotBlank());
        assertThat(m.abstractText()).hasSizeGreaterThan(200);
        assertThat(m.absUrl()).isEqualTo("https://arxiv.org/abs/" + id);
        if (m.primaryCategory() != null) {
            assertThat(Taxonomy.standard().name(m.primaryCategory())).as(m.primaryCategory()).isPresent();
            assertThat(m.categories()).first().isEqualTo(m.primaryCategory());
        }
    }

    @Test
    void readsLoraInFull() throws Exception {
        ArxivMetadata m = parser.parse(Fixtures.read("2106.09685.atom.xml"), ArxivId.of("2106.09685"));
        assertThat(m.title()).isEqualTo("LoRA: Low-Rank Adaptation of Large Language Models");
        assertThat(m.version()).isEqualTo(2);
        assertThat(m.authors()).containsExactly("Edward J. Hu", "Yelong Shen", "Phillip Wallis", "Zeyuan Allen-Zhu",
                "Yuanzhi Li", "Shean Wang", "Lu Wang", "Weizhu Chen");
        assertThat(m.primaryCategory()).isEqualTo("cs.CL");
        assertThat(m.categoryName()).isEqualTo("Computation and Language");
        assertThat(m.categories()).containsExactly("cs.CL", "cs.AI", "cs.LG");
        assertThat(m.published()).isEqualTo(Instant.parse("2021-06-17T17:37:18Z"));
        assertThat(m.updated()).isEqualTo(Instant.parse("2021-10-16T18:40:34Z"));
        assertThat(m.comment()).startsWith("Draft V2 includes better baselines");
        assertThat(m.pdfUrl()).isEqualTo("http://arxiv.org/pdf/2106.09685v2");
        assertThat(m.summary().episodeTitle())
                .isEqualTo("Computation and Language - LoRA: Low-Rank Adaptation of Large Language Models");
        assertThat(m.summary().published()).hasToString("2021-06-17");
        assertThat(m.summary().categories()).as("every category travels with the events, primary first")
                .containsExactly("cs.CL", "cs.AI", "cs.LG");
    }

    @Test
    void readsAListingWithEachEntrysOwnIdAndVersion() throws Exception {
        String a = new String(Atom.entry("2601.00001", 3, "First", List.of("A B"), "x", "cs.CL", List.of("cs.CL", "cs.AI")),
                java.nio.charset.StandardCharsets.UTF_8);
        String b = new String(Atom.entry("hep-th/9901001", 1, "Second", List.of("C D"), "y", "hep-th", List.of("hep-th")),
                java.nio.charset.StandardCharsets.UTF_8);
        String feed = a.substring(0, a.indexOf("</feed>")).replace("<opensearch:totalResults>1<",
                "<opensearch:totalResults>7<").replace("<opensearch:startIndex>0<", "<opensearch:startIndex>4<")
                + b.substring(b.indexOf("<entry>"));
        AtomParser.Listing l = parser.parseListing(feed.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(l.totalResults()).isEqualTo(7);
        assertThat(l.startIndex()).isEqualTo(4);
        assertThat(l.papers()).extracting(ArxivMetadata::arxivId).containsExactly("2601.00001", "hep-th/9901001");
        assertThat(l.papers()).extracting(ArxivMetadata::version).containsExactly(3, 1);
        assertThat(l.papers().get(0).summary().categories()).containsExactly("cs.CL", "cs.AI");
    }

    @Test
    void aListingWithNoResultsIsEmptyAndAnErrorEntryOrAnUnreadableOneIsRefused() throws Exception {
        AtomParser.Listing none = parser.parseListing(Fixtures.read("special/no-such-paper.atom.xml"));
        assertThat(none.papers()).isEmpty();
        assertThat(none.totalResults()).isZero();
        assertThatThrownBy(() -> parser.parseListing(Fixtures.read("special/error-malformed-id.atom.xml")))
                .isInstanceOf(ArxivException.class).hasMessageStartingWith("arXiv API error for the listing: ");
        assertThatThrownBy(() -> parser.parseListing(("<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><id>x</id>"
                + "<title>T</title></entry></feed>").getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isInstanceOf(ArxivException.class)
                .hasMessage("arXiv's listing has an entry without a readable arXiv ID");
        assertThatThrownBy(() -> parser.parseListing("<html/>".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isInstanceOf(ArxivException.class)
                .hasMessage("arXiv answered the listing with something other than an Atom feed");
    }

    @Test
    void keepsThirtyAuthorsInOrderAndNamesSpeechCategories() throws Exception {
        ArxivMetadata audioPalm = parser.parse(Fixtures.read("2306.12925.atom.xml"), ArxivId.of("2306.12925"));
        assertThat(audioPalm.authors()).hasSize(30);
        ArxivMetadata whisper = parser.parse(Fixtures.read("2212.04356.atom.xml"), ArxivId.of("2212.04356"));
        assertThat(whisper.categoryName()).isEqualTo("Audio and Speech Processing");
        ArxivMetadata memgpt = parser.parse(Fixtures.read("2310.08560.atom.xml"), ArxivId.of("2310.08560"));
        assertThat(memgpt.categoryName()).isEqualTo("Artificial Intelligence");
    }

    @Test
    void aRecordWithoutVersionOrCategoriesStillParses() throws Exception {
        ArxivMetadata stack = parser.parse(Fixtures.read("2211.15533.atom.xml"), ArxivId.of("2211.15533"));
        assertThat(stack.version()).isEqualTo(1);
        assertThat(stack.authors()).contains("Carlos Muñoz Ferrandis");
        assertThat(stack.abstractText()).contains("\"Am I in The Stack\"");
    }

    @Test
    void zeroResultsIsAPermanentNoSuchPaper() {
        assertThatThrownBy(() -> parser.parse(Fixtures.read("special/no-such-paper.atom.xml"), new ArxivId("1201.56789", null)))
                .isInstanceOfSatisfying(ArxivException.class, e -> assertThat(e.permanent()).isTrue())
                .hasMessageContaining("no paper 1201.56789").hasMessageContaining("zero results");
    }

    @Test
    void theApiErrorEntryIsAPermanentFailureWithItsReason() {
        assertThatThrownBy(() -> parser.parse(Fixtures.read("special/error-malformed-id.atom.xml"),
                new ArxivId("1234.12345", null)))
                .isInstanceOfSatisfying(ArxivException.class, e -> assertThat(e.permanent()).isTrue())
                .hasMessageContaining("incorrect id format for 1234.12345");
    }

    @Test
    void readsOldStyleIdsWithDoiJournalRefAndWrappedText() throws Exception {
        ArxivMetadata m = parser.parse(resource("hep-th_9901001.atom.xml"), ArxivId.of("hep-th/9901001"));
        assertThat(m.arxivId()).isEqualTo("hep-th/9901001");
        assertThat(m.version()).isEqualTo(3);
        assertThat(m.title()).isEqualTo("A Test Record for an Old-Style Identifier: Strings on Branes");
        assertThat(m.abstractText()).isEqualTo("We consider strings on branes. The abstract is wrapped across lines, as the API does.");
        assertThat(m.authors()).containsExactly("J. Q. Physicist", "A. N. Other");
        assertThat(m.doi()).isEqualTo("10.1000/test.1999.001");
        assertThat(m.journalRef()).isEqualTo("Test Phys. J. 1 (1999) 1-12");
        assertThat(m.comment()).isEqualTo("12 pages, LaTeX");
        assertThat(m.categoryName()).isEqualTo("High Energy Physics - Theory");
        assertThat(m.categories()).containsExactly("hep-th", "gr-qc");
        assertThat(m.published()).isEqualTo(Instant.parse("1999-01-04T22:10:00Z"));
    }

    @Test
    void readsTheNewerHttpsShapeWithLatexTitlesNonAsciiAuthorsAndEscapedText() throws Exception {
        ArxivMetadata m = parser.parse(resource("latex-and-unicode.atom.xml"), ArxivId.of("2401.01234"));
        assertThat(m.version()).isEqualTo(4);
        assertThat(m.title()).isEqualTo("$\\mathcal{O}(n \\log n)$ Sorting of $\\alpha$-Stable Sequences with \\textsc{FastSort}");
        assertThat(m.authors()).containsExactly("Carlos Muñoz Ferrandis", "Łukasz Kaiser", "王小明", "Zoë O'Connor-Smith",
                "Jürgen Schmidhuber");
        assertThat(m.abstractText()).contains("A & B hold when x < y and y > z").contains("<b>bold</b> & friends");
        assertThat(m.primaryCategory()).isEqualTo("math.ST");
        assertThat(m.categoryName()).isEqualTo("Statistics Theory");
        assertThat(m.categories()).containsExactly("math.ST", "stat.TH", "cs.DS");
        assertThat(m.comment()).isEqualTo("v4: typo fixed; 10 pages & 3 figures");
        assertThat(m.doi()).isEqualTo("10.1000/xyz.2024.5");
    }

    @Test
    void keepsFortyAuthorsInOrder() throws Exception {
        List<String> authors = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            authors.add("Author Number " + i);
        }
        ArxivMetadata m = parser.parse(Atom.entry("2402.00002", 1, "Big Team", authors, "x", "cs.LG", List.of("cs.LG")),
                ArxivId.of("2402.00002"));
        assertThat(m.authors()).containsExactlyElementsOf(authors);
    }

    @Test
    void aCategoryNewerThanTheTableFallsBackToItsArchiveName() throws Exception {
        ArxivMetadata m = parser.parse(resource("newer-category.atom.xml"), ArxivId.of("2501.00042"));
        assertThat(m.primaryCategory()).isEqualTo("cs.ZZ");
        assertThat(m.categoryName()).isEqualTo("Computer Science");
    }

    @Test
    void refusesDoctypesSoNoExternalEntityIsRead() {
        assertThatThrownBy(() -> parser.parse(resource("doctype.atom.xml"), ArxivId.of("2401.00001")))
                .isInstanceOfSatisfying(ArxivException.class, e -> assertThat(e.permanent()).isTrue())
                .hasMessageNotContaining("root:")
                // a sentence for people: the XML parser's own words stay in the cause (the log)
                .hasMessage("arXiv's answer is not readable Atom XML");
    }

    @Test
    void somethingThatIsNotAtomIsAPermanentFailure() {
        assertThatThrownBy(() -> parser.parse("<html><body>maintenance</body></html>".getBytes(), ArxivId.of("2401.00001")))
                .isInstanceOf(ArxivException.class);
        assertThatThrownBy(() -> parser.parse("not xml at all".getBytes(), ArxivId.of("2401.00001")))
                .isInstanceOf(ArxivException.class);
    }

    @Test
    void taxonomyCoversEveryArchive() {
        Map<String, String> all = Taxonomy.standard().all();
        assertThat(all).hasSizeGreaterThan(170);
        for (String prefix : List.of("cs.", "math.", "physics.", "astro-ph.", "cond-mat.", "q-bio.", "q-fin.", "stat.",
                "eess.", "econ.", "nlin.")) {
            assertThat(all.keySet()).as(prefix).anyMatch(k -> k.startsWith(prefix));
        }
        assertThat(all).containsEntry("hep-th", "High Energy Physics - Theory").containsEntry("gr-qc",
                "General Relativity and Quantum Cosmology").containsEntry("quant-ph", "Quantum Physics")
                .containsEntry("math-ph", "Mathematical Physics").containsEntry("nucl-th", "Nuclear Theory")
                .containsEntry("cs.CL", "Computation and Language").containsEntry("alg-geom", "Algebraic Geometry");
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = AtomParserTest.class.getResourceAsStream("/atom/" + name)) {
            return in.readAllBytes();
        }
    }
}
