package dev.paperledge.ingest.text;

import java.util.ArrayList;
import java.util.List;

import org.jboss.logging.Logger;

import dev.paperledge.contracts.PaperText;
import dev.paperledge.ingest.arxiv.ArxivClient;
import dev.paperledge.ingest.arxiv.ArxivException;
import dev.paperledge.ingest.arxiv.ArxivId;
import dev.paperledge.ingest.arxiv.ArxivMetadata;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Gets a paper's text from the best source there is: arXiv's HTML rendering, else the PDF, else the
 * abstract alone. Never throws for a bad document: it falls back and says why in {@link FullText#notes()}.
 */
@ApplicationScoped
public class FullTextService {
    private static final Logger LOG = Logger.getLogger(FullTextService.class);

    private final ArxivClient arxiv;
    private final HtmlTextExtractor html;
    private final PdfTextExtractor pdf;

    public FullTextService(ArxivClient arxiv, HtmlTextExtractor html, PdfTextExtractor pdf) {
        this.arxiv = arxiv;
        this.html = html;
        this.pdf = pdf;
    }

    /** Outside CDI, with the extractors' default limits. */
    public static FullTextService withDefaultLimits(ArxivClient arxiv) {
        return new FullTextService(arxiv, new HtmlTextExtractor(), new PdfTextExtractor());
    }

    public FullText extract(ArxivMetadata meta) {
        ArxivId id = new ArxivId(meta.arxivId(), meta.version());
        List<String> notes = new ArrayList<>();
        PaperText.Section abstractSection = new PaperText.Section("Abstract",
                meta.abstractText() == null ? "" : meta.abstractText());

        try {
            ArxivClient.Document doc = arxiv.fullText(id, "html");
            if (doc == null) {
                notes.add("no HTML rendering");
            } else {
                List<PaperText.Section> sections = html.extract(doc.bytes());
                if (sections.isEmpty()) {
                    notes.add("HTML rendering has no sections");
                } else {
                    return new FullText(new PaperText(meta.arxivId(), meta.version(), "HTML",
                            withAbstract(abstractSection, sections)), doc.bytes(), "source.html", doc.contentType(),
                            String.join("; ", notes));
                }
            }
        } catch (ArxivException.TooLarge e) {
            notes.add("HTML unusable: " + tooLarge("the HTML full text", e));
        } catch (ArxivException e) {
            notes.add("HTML unavailable: " + e.getMessage());
        } catch (UnusableDocument e) {
            notes.add("HTML unusable: " + unusable(id, "HTML", e));
        }

        try {
            ArxivClient.Document doc = arxiv.fullText(id, "pdf");
            if (doc == null) {
                notes.add("no PDF");
            } else {
                List<PaperText.Section> sections = pdf.extract(doc.bytes());
                return new FullText(new PaperText(meta.arxivId(), meta.version(), "PDF",
                        withAbstract(abstractSection, sections)), doc.bytes(), "source.pdf", "application/pdf",
                        String.join("; ", notes));
            }
        } catch (ArxivException.TooLarge e) {
            notes.add("PDF unusable: " + tooLarge("the PDF", e));
        } catch (ArxivException e) {
            notes.add("PDF unavailable: " + e.getMessage());
        } catch (UnusableDocument e) {
            notes.add("PDF unusable: " + unusable(id, "PDF", e));
        }

        LOG.infof("%s: abstract only (%s)", id, String.join("; ", notes));
        return new FullText(new PaperText(meta.arxivId(), meta.version(), "ABSTRACT", List.of(abstractSection)),
                null, null, null, String.join("; ", notes));
    }

    private static String tooLarge(String what, ArxivException.TooLarge e) {
        return what + " is too large to read: " + e.size() + " bytes, larger than the " + e.limit() + "-byte limit";
    }

    private static String unusable(ArxivId id, String kind, UnusableDocument e) {
        if (e.getCause() != null) {
            LOG.warnf(e.getCause(), "%s: %s unusable (%s)", id, kind, e.getMessage());
        }
        return e.getMessage();
    }

    /** The abstract from the metadata first, then the document's sections without its own abstract. */
    private static List<PaperText.Section> withAbstract(PaperText.Section abs, List<PaperText.Section> sections) {
        List<PaperText.Section> out = new ArrayList<>();
        PaperText.Section docAbstract = sections.stream().filter(s -> s.title().equalsIgnoreCase("abstract"))
                .findFirst().orElse(null);
        out.add(abs.text().isBlank() && docAbstract != null ? docAbstract : abs);
        sections.stream().filter(s -> !s.title().equalsIgnoreCase("abstract")).forEach(out::add);
        return out;
    }
}
