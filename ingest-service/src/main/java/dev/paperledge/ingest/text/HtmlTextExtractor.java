package dev.paperledge.ingest.text;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;
import org.jsoup.parser.StreamParser;
import org.jsoup.select.Elements;

import dev.paperledge.contracts.PaperText;

/**
 * Sections from arXiv's HTML rendering (LaTeXML): {@code section.ltx_section} (older renderings
 * {@code div.ltx_section}) headed by {@code h2.ltx_title_section}, subsection headings kept as their
 * own lines, paragraphs {@code div.ltx_para} separated by blank lines, figure and table captions as
 * paragraphs of their own ("Figure 2: …"), footnotes and the bibliography left out. Math that reads
 * as plain text ({@code N=100}, {@code \alpha}) becomes that text; any other formula stays as
 * {@code $alttext$}, which writers recognise and do not speak.
 *
 * <p>A hostile page is bounded: it is parsed element by element and given up on past
 * {@code maxElements} elements, past {@code maxDepth} levels of nesting (a real LaTeXML paper has
 * about 30) or after {@code maxTime} of parsing and extraction together; then it is
 * {@link UnusableDocument} ("the HTML full text is too large to read: …") and the caller falls back.
 */
public final class HtmlTextExtractor {
    /** Limits for a hostile page (LaTeXML papers: depth under 30, some thousands of elements, well under a second). */
    static final int MAX_DEPTH = 256;
    static final int MAX_ELEMENTS = 500_000;
    static final Duration MAX_TIME = Duration.ofSeconds(30);

    private static final Pattern SIMPLE_MATH = Pattern.compile("[A-Za-z0-9 .,=+\\-<>()/%:]{1,24}");
    private static final Pattern TEX_COMMAND = Pattern.compile("\\\\([A-Za-z]+)\\s*");
    private static final Map<String, String> READABLE_COMMANDS = Map.ofEntries(
            Map.entry("alpha", "alpha"), Map.entry("beta", "beta"), Map.entry("gamma", "gamma"),
            Map.entry("delta", "delta"), Map.entry("epsilon", "epsilon"), Map.entry("lambda", "lambda"),
            Map.entry("mu", "mu"), Map.entry("sigma", "sigma"), Map.entry("tau", "tau"), Map.entry("theta", "theta"),
            Map.entry("pi", "pi"), Map.entry("omega", "omega"), Map.entry("phi", "phi"), Map.entry("rho", "rho"),
            Map.entry("times", "x"), Map.entry("sim", "~"), Map.entry("approx", "about"), Map.entry("leq", "<="),
            Map.entry("geq", ">="), Map.entry("le", "<="), Map.entry("ge", ">="), Map.entry("pm", "+/-"),
            Map.entry("%", "%"));

    private final int maxDepth;
    private final int maxElements;
    private final Duration maxTime;

    public HtmlTextExtractor() {
        this(MAX_DEPTH, MAX_ELEMENTS, MAX_TIME);
    }

    public HtmlTextExtractor(int maxDepth, int maxElements, Duration maxTime) {
        this.maxDepth = maxDepth;
        this.maxElements = maxElements;
        this.maxTime = maxTime;
    }

    /** The sections in reading order, or an empty list when the page has no LaTeXML sections. */
    public List<PaperText.Section> extract(byte[] html) throws UnusableDocument {
        try {
            return sections(html);
        } catch (RuntimeException e) {
            throw new UnusableDocument("the HTML full text could not be read", e);
        } catch (StackOverflowError | OutOfMemoryError e) {
            // The page is dropped with the error, so its memory is free again.
            throw new UnusableDocument("the HTML full text is too large to read: it needs more memory than ingest allows",
                    e);
        }
    }

    private List<PaperText.Section> sections(byte[] html) throws UnusableDocument {
        long deadline = System.nanoTime() + maxTime.toNanos();
        Document doc = parse(html, deadline);
        Element article = doc.selectFirst("article.ltx_document");
        Element root = article != null ? article : doc.body();
        if (root == null) {
            return List.of();
        }
        for (Element m : root.select("math")) {
            m.replaceWith(new TextNode(readable(m)));
        }
        inTime(deadline);
        root.select("section.ltx_bibliography, .ltx_bibliography, .ltx_note, .ltx_TOC, nav, script, style, "
                + ".ltx_page_footer, .ltx_role_footnote").remove();

        List<PaperText.Section> out = new ArrayList<>();
        Element abs = root.selectFirst("div.ltx_abstract");
        if (abs != null) {
            abs.select("h6, .ltx_title_abstract").remove();
            String text = paragraphs(abs, deadline);
            if (!text.isBlank()) {
                out.add(new PaperText.Section("Abstract", text, abs.id().isBlank() ? null : abs.id()));
            }
        }
        Elements sections = root.select("section.ltx_section, div.ltx_section, section.ltx_appendix");
        for (Element section : sections) {
            inTime(deadline);
            Element heading = section.selectFirst("> h2.ltx_title_section, > h2.ltx_title, > h2.ltx_title_appendix, > h2");
            String title = heading == null ? "" : title(heading);
            String text = paragraphs(section, deadline);
            if (!text.isBlank()) {
                out.add(new PaperText.Section(title.isBlank() ? "Section " + (out.size() + 1) : title, text,
                        section.id().isBlank() ? null : section.id()));
            }
        }
        boolean hasBody = out.stream().anyMatch(s -> !s.title().equals("Abstract"));
        return hasBody ? out : List.of();
    }

    /**
     * Parses element by element, counting elements and checking depth and time as they complete. The
     * parser itself stops nesting a level past the limit (deeper tags become siblings), so a page
     * that reaches that level is known to be too deep, and a deep page costs no more than a flat one.
     */
    private Document parse(byte[] html, long deadline) throws UnusableDocument {
        Parser parser = Parser.htmlParser().setMaxDepth(maxDepth + 2);
        try (StreamParser stream = new StreamParser(parser).parse(
                new InputStreamReader(new ByteArrayInputStream(html), StandardCharsets.UTF_8), "")) {
            int n = 0;
            for (Iterator<Element> it = stream.iterator(); it.hasNext();) {
                Element e = it.next();
                if (++n > maxElements) {
                    throw new UnusableDocument("the HTML full text is too large to read: more than " + maxElements
                            + " elements", null);
                }
                if (deeperThan(e, maxDepth)) {
                    throw new UnusableDocument("the HTML full text is too large to read: elements nested more than "
                            + maxDepth + " levels deep", null);
                }
                if ((n & 255) == 0) {
                    inTime(deadline);
                }
            }
            return stream.complete();
        } catch (IOException | UncheckedIOException e) {
            throw new UnusableDocument("the HTML full text could not be read", e);
        }
    }

    private static boolean deeperThan(Element e, int levels) {
        int depth = 0;
        for (Element p = e.parent(); p != null; p = p.parent()) {
            if (++depth > levels) {
                return true;
            }
        }
        return false;
    }

    private void inTime(long deadline) throws UnusableDocument {
        if (System.nanoTime() > deadline) {
            throw new UnusableDocument("the HTML full text is too large to read: it took longer than "
                    + maxTime.toSeconds() + " s to extract", null);
        }
    }

    /** A formula as text: plain when it reads as such, else {@code $alttext$}. */
    static String readable(Element math) {
        String alt = math.attr("alttext").replace("\\displaystyle", "").replaceAll("%\\n", "").strip();
        if (alt.isEmpty()) {
            alt = math.text().strip();
        }
        Matcher m = TEX_COMMAND.matcher(alt);
        String plain = m.replaceAll(r -> {
            String word = READABLE_COMMANDS.get(r.group(1));
            return word == null ? Matcher.quoteReplacement(r.group()) : Matcher.quoteReplacement(word + " ");
        }).replaceAll("\\{([^{}]*)\\}", "$1").replaceAll("\\s+", " ").strip();
        if (SIMPLE_MATH.matcher(plain).matches()) {
            return plain;
        }
        return "$" + alt.replaceAll("\\s+", " ") + "$";
    }

    private static String title(Element heading) {
        Element h = heading.clone();
        h.select(".ltx_tag").remove();
        return normalise(h.text());
    }

    /** Paragraph text of a section: subsection headings as their own lines, captions as paragraphs. */
    private String paragraphs(Element section, long deadline) throws UnusableDocument {
        StringBuilder sb = new StringBuilder();
        int n = 0;
        for (Element e : section.select("h3, h4, h5, div.ltx_para, p.ltx_p, figcaption")) {
            if ((++n & 255) == 0) {
                inTime(deadline);
            }
            if (e.tagName().equals("p") && e.parents().stream().anyMatch(p -> p.hasClass("ltx_para"))) {
                continue; // already taken with its div.ltx_para
            }
            boolean caption = e.tagName().equals("figcaption");
            if (!caption && e.parents().stream().anyMatch(p -> p.tagName().equals("figure"))) {
                continue; // the body of a figure or table: cells and sub-figures are not prose
            }
            if (caption && e.parents().stream().anyMatch(p -> p.tagName().equals("figcaption"))) {
                continue;
            }
            String text;
            if (e.tagName().startsWith("h")) {
                text = title(e);
            } else {
                Element c = e.clone();
                c.select("figure, table.ltx_tabular").remove();
                text = normalise(c.text());
            }
            if (!text.isEmpty()) {
                if (sb.length() > 0) {
                    sb.append("\n\n");
                }
                sb.append(text);
            }
        }
        return sb.toString();
    }

    static String normalise(String s) {
        return s.replace('\u00a0', ' ').replaceAll("\\s+", " ").strip();
    }
}
