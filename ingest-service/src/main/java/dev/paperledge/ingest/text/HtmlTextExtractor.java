package dev.paperledge.ingest.text;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

import dev.paperledge.contracts.PaperText;

/**
 * Sections from arXiv's HTML rendering (LaTeXML): {@code section.ltx_section} (older renderings
 * {@code div.ltx_section}) headed by {@code h2.ltx_title_section}, paragraphs {@code div.ltx_para},
 * math replaced by its {@code alttext}, footnotes, figures' bodies and the bibliography left out.
 */
public final class HtmlTextExtractor {

    /** The sections in reading order, or an empty list when the page has no LaTeXML sections. */
    public List<PaperText.Section> extract(byte[] html) {
        Document doc = Jsoup.parse(new String(html, StandardCharsets.UTF_8));
        Element article = doc.selectFirst("article.ltx_document");
        Element root = article != null ? article : doc.body();
        if (root == null) {
            return List.of();
        }
        root.select("math").forEach(m -> {
            String alt = m.attr("alttext");
            m.replaceWith(new org.jsoup.nodes.TextNode(alt.isBlank() ? m.text() : alt));
        });
        root.select("section.ltx_bibliography, .ltx_bibliography, .ltx_note, .ltx_TOC, nav, script, style").remove();

        List<PaperText.Section> out = new ArrayList<>();
        Element abs = root.selectFirst("div.ltx_abstract");
        if (abs != null) {
            abs.select("h6, .ltx_title_abstract").remove();
            String text = paragraphs(abs);
            if (!text.isBlank()) {
                out.add(new PaperText.Section("Abstract", text));
            }
        }
        Elements sections = root.select("section.ltx_section, div.ltx_section, section.ltx_appendix");
        for (Element section : sections) {
            Element heading = section.selectFirst("> h2.ltx_title_section, > h2.ltx_title, > h2.ltx_title_appendix, > h2");
            String title = heading == null ? "" : title(heading);
            String text = paragraphs(section);
            if (!text.isBlank()) {
                out.add(new PaperText.Section(title.isBlank() ? "Section " + (out.size() + 1) : title, text));
            }
        }
        boolean hasBody = out.stream().anyMatch(s -> !s.title().equals("Abstract"));
        return hasBody ? out : List.of();
    }

    private static String title(Element heading) {
        Element h = heading.clone();
        h.select(".ltx_tag").remove();
        return normalise(h.text());
    }

    /** Paragraph text of a section, subsection headings kept as their own lines. */
    private static String paragraphs(Element section) {
        StringBuilder sb = new StringBuilder();
        for (Element e : section.select("h3, h4, div.ltx_para, p.ltx_p")) {
            if (e.tagName().equals("p") && e.parents().stream().anyMatch(p -> p.hasClass("ltx_para"))) {
                continue; // already taken with its div.ltx_para
            }
            if (e.parents().stream().anyMatch(p -> p.tagName().equals("figure"))) {
                continue;
            }
            String text;
            if (e.tagName().startsWith("h")) {
                text = title(e);
            } else {
                Element c = e.clone();
                c.select("figure").remove();
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
