package dev.paperledge.ingest.text;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Elements;

import dev.paperledge.contracts.PaperText;

/**
 * Sections from arXiv's HTML rendering (LaTeXML): {@code section.ltx_section} (older renderings
 * {@code div.ltx_section}) headed by {@code h2.ltx_title_section}, subsection headings kept as their
 * own lines, paragraphs {@code div.ltx_para} separated by blank lines, figure and table captions as
 * paragraphs of their own ("Figure 2: …"), footnotes and the bibliography left out. Math that reads
 * as plain text ({@code N=100}, {@code \alpha}) becomes that text; any other formula stays as
 * {@code $alttext$}, which writers recognise and do not speak.
 */
public final class HtmlTextExtractor {
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

    /** The sections in reading order, or an empty list when the page has no LaTeXML sections. */
    public List<PaperText.Section> extract(byte[] html) {
        Document doc = Jsoup.parse(new String(html, StandardCharsets.UTF_8));
        Element article = doc.selectFirst("article.ltx_document");
        Element root = article != null ? article : doc.body();
        if (root == null) {
            return List.of();
        }
        root.select("math").forEach(m -> m.replaceWith(new TextNode(readable(m))));
        root.select("section.ltx_bibliography, .ltx_bibliography, .ltx_note, .ltx_TOC, nav, script, style, "
                + ".ltx_page_footer, .ltx_role_footnote").remove();

        List<PaperText.Section> out = new ArrayList<>();
        Element abs = root.selectFirst("div.ltx_abstract");
        if (abs != null) {
            abs.select("h6, .ltx_title_abstract").remove();
            String text = paragraphs(abs);
            if (!text.isBlank()) {
                out.add(new PaperText.Section("Abstract", text, abs.id().isBlank() ? null : abs.id()));
            }
        }
        Elements sections = root.select("section.ltx_section, div.ltx_section, section.ltx_appendix");
        for (Element section : sections) {
            Element heading = section.selectFirst("> h2.ltx_title_section, > h2.ltx_title, > h2.ltx_title_appendix, > h2");
            String title = heading == null ? "" : title(heading);
            String text = paragraphs(section);
            if (!text.isBlank()) {
                out.add(new PaperText.Section(title.isBlank() ? "Section " + (out.size() + 1) : title, text,
                        section.id().isBlank() ? null : section.id()));
            }
        }
        boolean hasBody = out.stream().anyMatch(s -> !s.title().equals("Abstract"));
        return hasBody ? out : List.of();
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
    private static String paragraphs(Element section) {
        StringBuilder sb = new StringBuilder();
        for (Element e : section.select("h3, h4, h5, div.ltx_para, p.ltx_p, figcaption")) {
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
