package dev.paperledge.script.writer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import dev.paperledge.contracts.PaperSummary;
import dev.paperledge.contracts.PaperText;

/** The fixture papers, read from the arXiv API fixtures (Atom) in deploy/fixtures/arxiv: eight seeds and three with full text. */
public final class Fixtures {
    private static final String ATOM = "http://www.w3.org/2005/Atom";
    private static final String ARXIV = "http://arxiv.org/schemas/atom";
    /** The few category names the fixtures need (arXiv taxonomy). */
    private static final Map<String, String> CATEGORY_NAMES = Map.of("cs.CL", "Computation and Language", "cs.LG",
            "Machine Learning", "cs.AI", "Artificial Intelligence", "eess.AS", "Audio and Speech Processing", "cs.SD",
            "Sound", "astro-ph.IM", "Instrumentation and Methods for Astrophysics", "q-bio.QM", "Quantitative Methods",
            "cs.SE", "Software Engineering");
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    public record Paper(String arxivId, PaperSummary summary) {
        public PaperText abstractText() {
            return new PaperText(arxivId, 1, "ABSTRACT", List.of(new PaperText.Section("Abstract", summary.abstractText())));
        }

        public ScriptRequest request() {
            return new ScriptRequest(arxivId, 1, summary, abstractText());
        }

        /** True when the fixtures hold the paper's full text (LaTeXML HTML). */
        public boolean hasFullText() {
            return Files.exists(dir().resolve(arxivId + ".html"));
        }

        /**
         * The paper's full text as ingest extracts it from {@code <id>.html}: {@code fulltext/<id>.sections.json}
         * in the test resources, written by ingest-service's {@code HtmlTextExtractor}.
         */
        public PaperText fullText() {
            try (var in = Fixtures.class.getResourceAsStream("/fulltext/" + arxivId + ".sections.json")) {
                return JSON.readValue(in, PaperText.class);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        public ScriptRequest fullTextRequest() {
            return new ScriptRequest(arxivId, 1, summary, fullText());
        }
    }

    private Fixtures() {
    }

    public static Path dir() {
        Path p = Path.of("..", "deploy", "fixtures", "arxiv");
        return Files.isDirectory(p) ? p : Path.of("/work/main/deploy/fixtures/arxiv");
    }

    /** The show's eight seed papers: abstracts only. */
    public static List<Paper> seeds() throws Exception {
        return all().stream().filter(p -> !p.hasFullText()).toList();
    }

    /** The papers whose full text the fixtures hold. */
    public static List<Paper> withFullText() throws Exception {
        return all().stream().filter(Paper::hasFullText).toList();
    }

    public static List<Paper> all() throws Exception {
        List<Paper> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir())) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".atom.xml")).sorted().toList()) {
                out.add(parse(f));
            }
        }
        return out;
    }

    public static Paper parse(Path file) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document doc = f.newDocumentBuilder().parse(file.toFile());
        Element entry = (Element) doc.getElementsByTagNameNS(ATOM, "entry").item(0);
        String id = text(entry, ATOM, "id").replaceAll(".*/abs/", "").replaceAll("v\\d+$", "");
        String title = text(entry, ATOM, "title").replaceAll("\\s+", " ").strip();
        String summary = text(entry, ATOM, "summary").replaceAll("\\s+", " ").strip();
        List<String> authors = new ArrayList<>();
        NodeList as = entry.getElementsByTagNameNS(ATOM, "author");
        for (int i = 0; i < as.getLength(); i++) {
            authors.add(text((Element) as.item(i), ATOM, "name").strip());
        }
        NodeList prim = entry.getElementsByTagNameNS(ARXIV, "primary_category");
        String primary = prim.getLength() > 0 ? ((Element) prim.item(0)).getAttribute("term") : "cs.LG";
        String published = text(entry, ATOM, "published");
        LocalDate date = published.length() >= 10 ? LocalDate.parse(published.substring(0, 10)) : null;
        PaperSummary s = new PaperSummary(title, authors, summary, primary,
                CATEGORY_NAMES.getOrDefault(primary, primary), date, "https://arxiv.org/abs/" + id);
        return new Paper(id, s);
    }

    private static String text(Element parent, String ns, String name) {
        NodeList l = parent.getElementsByTagNameNS(ns, name);
        return l.getLength() == 0 ? "" : l.item(0).getTextContent();
    }
}
