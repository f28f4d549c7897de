package dev.paperledge.ingest.arxiv;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Reads the arXiv API's Atom answer for one {@code id_list} entry. Namespace-aware, and tolerant of
 * both the older shape ({@code http://arxiv.org/abs/…} ids) and the newer one ({@code https://…});
 * DOCTYPEs are refused (no external entities).
 */
public final class AtomParser {
    static final String ATOM = "http://www.w3.org/2005/Atom";
    static final String ARXIV = "http://arxiv.org/schemas/atom";
    static final String OPENSEARCH = "http://a9.com/-/spec/opensearch/1.1/";

    private static final Pattern ENTRY_ID = Pattern.compile(
            "https?://(?:www\\.|export\\.)?arxiv\\.org/abs/(.+?)(?:v([0-9]+))?/?");

    private final Taxonomy taxonomy;

    public AtomParser(Taxonomy taxonomy) {
        this.taxonomy = taxonomy;
    }

    /**
     * @param requested the ID that was asked for (its version is used when the entry names none)
     * @throws ArxivException permanent: no such paper, the API's error entry, or an unreadable answer
     */
    public ArxivMetadata parse(byte[] xml, ArxivId requested) throws ArxivException {
        Document doc = read(xml);
        Element feed = doc.getDocumentElement();
        if (!ATOM.equals(feed.getNamespaceURI()) || !"feed".equals(feed.getLocalName())) {
            throw ArxivException.permanent("arXiv answered with something other than an Atom feed");
        }
        List<Element> entries = children(feed, ATOM, "entry");
        String total = text(first(feed, OPENSEARCH, "totalResults"));
        if (entries.isEmpty() || "0".equals(total)) {
            throw ArxivException.permanent("arXiv has no paper " + requested.withVersion()
                    + " (the API returned zero results); check the identifier");
        }
        return entry(entries.get(0), requested);
    }

    /**
     * Reads a {@code search_query} listing: every entry with its own ID and version.
     *
     * @throws ArxivException permanent: not Atom, the API's error entry (e.g. a query it cannot read), or
     *                        an entry without a readable arXiv ID or title
     */
    public Listing parseListing(byte[] xml) throws ArxivException {
        Document doc = read(xml);
        Element feed = doc.getDocumentElement();
        if (!ATOM.equals(feed.getNamespaceURI()) || !"feed".equals(feed.getLocalName())) {
            throw ArxivException.permanent("arXiv answered the listing with something other than an Atom feed");
        }
        List<ArxivMetadata> papers = new ArrayList<>();
        for (Element entry : children(feed, ATOM, "entry")) {
            String entryId = text(first(entry, ATOM, "id"));
            Matcher m = entryId == null ? null : ENTRY_ID.matcher(entryId.strip());
            ArxivId id = m != null && m.matches()
                    ? ArxivId.parse(m.group(1) + (m.group(2) == null ? "" : "v" + m.group(2))).orElse(null)
                    : null;
            if (id == null) {
                if (isError(entry, entryId)) {
                    throw errorEntry(entry, "the listing");
                }
                throw ArxivException.permanent("arXiv's listing has an entry without a readable arXiv ID");
            }
            papers.add(entry(entry, id));
        }
        return new Listing(number(text(first(feed, OPENSEARCH, "totalResults")), papers.size()),
                number(text(first(feed, OPENSEARCH, "startIndex")), 0), papers);
    }

    /** One page of a listing: arXiv's count of all matches, this page's offset and its papers. */
    public record Listing(int totalResults, int startIndex, List<ArxivMetadata> papers) {
        public Listing {
            papers = List.copyOf(papers);
        }
    }

    private static int number(String s, int otherwise) {
        try {
            return s == null ? otherwise : Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    private static boolean isError(Element entry, String entryId) {
        String title = normalise(text(first(entry, ATOM, "title")));
        return (entryId != null && entryId.contains("/api/errors")) || ("Error".equals(title)
                && first(entry, ARXIV, "primary_category") == null && first(entry, ATOM, "published") == null);
    }

    private static ArxivException errorEntry(Element entry, String what) {
        String summary = normalise(text(first(entry, ATOM, "summary")));
        return ArxivException.permanent("arXiv API error for " + what + ": "
                + (summary == null ? "unspecified error" : summary));
    }

    private ArxivMetadata entry(Element entry, ArxivId requested) throws ArxivException {
        String entryId = text(first(entry, ATOM, "id"));
        String title = normalise(text(first(entry, ATOM, "title")));
        if (isError(entry, entryId)) {
            throw errorEntry(entry, requested.withVersion());
        }
        if (title == null || title.isEmpty()) {
            throw ArxivException.permanent("arXiv's record for " + requested.withVersion() + " has no title");
        }

        int version = requested.version() == null ? 1 : requested.version();
        if (entryId != null) {
            Matcher m = ENTRY_ID.matcher(entryId.strip());
            if (m.matches() && m.group(2) != null) {
                version = Integer.parseInt(m.group(2));
            }
        }

        List<String> authors = new ArrayList<>();
        for (Element author : children(entry, ATOM, "author")) {
            String name = normalise(text(first(author, ATOM, "name")));
            if (name != null && !name.isEmpty()) {
                authors.add(name);
            }
        }

        List<String> categories = new ArrayList<>();
        Element primaryEl = first(entry, ARXIV, "primary_category");
        String primary = primaryEl == null ? null : blankToNull(primaryEl.getAttribute("term"));
        if (primary != null) {
            categories.add(primary);
        }
        for (Element c : children(entry, ATOM, "category")) {
            String term = blankToNull(c.getAttribute("term"));
            if (term != null && !categories.contains(term)) {
                categories.add(term);
            }
        }
        if (primary == null && !categories.isEmpty()) {
            primary = categories.get(0);
        }

        String pdfUrl = null;
        for (Element link : children(entry, ATOM, "link")) {
            if ("pdf".equals(link.getAttribute("title"))) {
                pdfUrl = blankToNull(link.getAttribute("href"));
            }
        }

        return new ArxivMetadata(requested.id(), version, title, authors,
                normalise(text(first(entry, ATOM, "summary"))), primary, taxonomy.displayName(primary), categories,
                instant(text(first(entry, ATOM, "published"))), instant(text(first(entry, ATOM, "updated"))),
                normalise(text(first(entry, ARXIV, "doi"))), normalise(text(first(entry, ARXIV, "comment"))),
                normalise(text(first(entry, ARXIV, "journal_ref"))), "https://arxiv.org/abs/" + requested.id(),
                pdfUrl);
    }

    private static Document read(byte[] xml) throws ArxivException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            return b.parse(new ByteArrayInputStream(xml));
        } catch (Exception e) {
            // The parser's own words (and any DOCTYPE it refused) stay in the log; the reason is for people.
            throw new ArxivException("arXiv's answer is not readable Atom XML", true, 0, e);
        }
    }

    /** Collapses runs of whitespace (the API wraps long titles and abstracts) and trims. */
    static String normalise(String s) {
        return s == null ? null : s.replaceAll("\\s+", " ").strip();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static Instant instant(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s.strip()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String text(Element e) {
        return e == null ? null : e.getTextContent();
    }

    private static Element first(Element parent, String ns, String name) {
        List<Element> list = children(parent, ns, name);
        return list.isEmpty() ? null : list.get(0);
    }

    private static List<Element> children(Element parent, String ns, String name) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n instanceof Element e && ns.equals(e.getNamespaceURI()) && name.equals(e.getLocalName())) {
                out.add(e);
            }
        }
        return out;
    }
}
