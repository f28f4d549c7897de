package dev.paperledge.ingest.text;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.regex.Pattern;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDDocumentOutline;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

import dev.paperledge.contracts.PaperText;

/**
 * Sections from a PDF through PDFBox: the text is split at the outline's top-level titles when the
 * PDF has an outline, else at lines that look like headings ("1 Introduction", "3.2 Results",
 * "Conclusion"). The references are left out.
 *
 * <p>A hostile PDF is bounded ({@link Limits}): pages, wall-clock time, PDFBox's in-memory stream
 * cache, the decompressed size of all page and form contents (read once, counting, before any text
 * is extracted: a small Flate stream that inflates to gigabytes is refused after the limit) and the
 * characters per page (PDFBox keeps every character of a page with its position until the page ends).
 */
public final class PdfTextExtractor {

    private static final Pattern NUMBERED = Pattern.compile("^(?:[0-9]{1,2}(?:\\.[0-9]{1,2}){0,2}\\.?|[IVX]{1,5}\\.)\\s+([A-Z][^.!?]{1,80})$");
    private static final List<String> KNOWN = List.of("abstract", "introduction", "background", "related work",
            "method", "methods", "methodology", "approach", "model", "experiments", "experimental setup",
            "evaluation", "results", "discussion", "limitations", "conclusion", "conclusions", "future work",
            "acknowledgements", "acknowledgments", "references", "bibliography", "appendix");
    private static final Pattern END = Pattern.compile("(?i)^(?:[0-9.]+\\s+)?(references|bibliography)$");
    /** Fewer letters than this per page means the pages are images (a scan) with no text layer. */
    private static final int MIN_LETTERS_PER_PAGE = 10;
    /** Limits for a hostile PDF (a paper is tens of pages and reads in seconds). */
    static final int MAX_PAGES = 400;
    static final Duration MAX_TIME = Duration.ofSeconds(60);
    static final long MAX_CACHE_BYTES = 64L * 1024 * 1024;
    static final long MAX_CONTENT_BYTES = 256L * 1024 * 1024;
    static final int MAX_PAGE_CHARS = 100_000;

    /**
     * @param maxPages        pages
     * @param maxTime         wall-clock time for reading the whole document
     * @param maxCacheBytes   PDFBox's in-memory stream cache
     * @param maxContentBytes decompressed page and form contents, all together
     * @param maxPageChars    characters on one page
     */
    public record Limits(int maxPages, Duration maxTime, long maxCacheBytes, long maxContentBytes, int maxPageChars) {
        public static final Limits DEFAULT = new Limits(MAX_PAGES, MAX_TIME, MAX_CACHE_BYTES, MAX_CONTENT_BYTES,
                MAX_PAGE_CHARS);
    }

    private final Limits limits;

    public PdfTextExtractor() {
        this(Limits.DEFAULT);
    }

    PdfTextExtractor(int maxPages, Duration maxTime) {
        this(new Limits(maxPages, maxTime, MAX_CACHE_BYTES, MAX_CONTENT_BYTES, MAX_PAGE_CHARS));
    }

    public PdfTextExtractor(Limits limits) {
        this.limits = limits;
    }

    /** A limit reached inside PDFBox's content processing (unchecked, so it passes through PDFBox). */
    private static final class LimitReached extends RuntimeException {
        LimitReached(String reason) {
            super(reason, null, false, false);
        }
    }

    /** Counts each page's characters and watches the clock while PDFBox collects them. */
    private final class BoundedStripper extends PDFTextStripper {
        private final long deadline;
        private int pageChars;

        BoundedStripper(long deadline) {
            this.deadline = deadline;
        }

        @Override
        protected void startPage(PDPage page) throws IOException {
            pageChars = 0;
            super.startPage(page);
        }

        @Override
        protected void processTextPosition(TextPosition text) {
            if (++pageChars > limits.maxPageChars()) {
                throw new LimitReached("the PDF is too large to read: a page has more than " + limits.maxPageChars()
                        + " characters");
            }
            if ((pageChars & 1023) == 0 && System.nanoTime() > deadline) {
                throw new LimitReached(tooSlow());
            }
            super.processTextPosition(text);
        }
    }

    private String tooSlow() {
        return "the PDF is too large to read: its text took longer than " + limits.maxTime().toSeconds()
                + " s to extract";
    }

    public List<PaperText.Section> extract(byte[] pdf) throws UnusableDocument {
        if (pdf.length < 5 || !new String(pdf, 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1).equals("%PDF-")) {
            throw new UnusableDocument("the PDF is not a PDF file (no %PDF- header)", null);
        }
        long deadline = System.nanoTime() + limits.maxTime().toNanos();
        // PDFBox's stream cache in memory, capped: a document that needs more is refused, not swapped in.
        try (PDDocument doc = Loader.loadPDF(pdf, "", null, null,
                MemoryUsageSetting.setupMainMemoryOnly(limits.maxCacheBytes()).streamCache)) {
            if (doc.isEncrypted() && !doc.getCurrentAccessPermission().canExtractContent()) {
                throw new UnusableDocument("the PDF is encrypted and forbids text extraction", null);
            }
            if (doc.getNumberOfPages() > limits.maxPages()) {
                throw new UnusableDocument("the PDF is too large to read: " + doc.getNumberOfPages() + " pages, more than "
                        + limits.maxPages(), null);
            }
            contentWithinLimit(doc, deadline);
            PDFTextStripper stripper = new BoundedStripper(deadline);
            stripper.setSortByPosition(true);
            // Page by page, so the time limit is checked between pages.
            StringBuilder all = new StringBuilder();
            for (int page = 1; page <= doc.getNumberOfPages(); page++) {
                if (System.nanoTime() > deadline) {
                    throw new UnusableDocument(tooSlow(), null);
                }
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                all.append(stripper.getText(doc));
            }
            String text = all.toString();
            long letters = text.chars().filter(Character::isLetter).count();
            if (letters < (long) MIN_LETTERS_PER_PAGE * Math.max(1, doc.getNumberOfPages())) {
                throw new UnusableDocument("the PDF has no text layer (image-only or empty pages)", null);
            }
            List<String> lines = text.lines().map(HtmlTextExtractor::normalise).toList();
            List<String> outline = outlineTitles(doc);
            List<PaperText.Section> sections = outline.size() >= 2 ? splitAt(lines, outline) : List.of();
            if (sections.size() < 2) {
                sections = splitByHeadings(lines);
            }
            if (sections.isEmpty()) {
                sections = List.of(new PaperText.Section("Text", String.join(" ", lines).strip()));
            }
            return sections;
        } catch (LimitReached e) {
            throw new UnusableDocument(e.getMessage(), null);
        } catch (InvalidPasswordException e) {
            throw new UnusableDocument("the PDF is encrypted with a password", e);
        } catch (IOException e) {
            throw new UnusableDocument("the PDF is corrupt or unreadable", e);
        } catch (RuntimeException e) {
            throw new UnusableDocument("the PDF could not be read", e);
        } catch (OutOfMemoryError | StackOverflowError e) {
            // A decompression bomb: the document is dropped with the error, so its memory is free again.
            throw new UnusableDocument("the PDF is too large to read: it needs more memory than ingest allows", e);
        }
    }

    /**
     * Reads every page's content and every form XObject it uses (nested forms too, each once),
     * decompressing and counting, and refuses the document past the limit or the deadline.
     */
    private void contentWithinLimit(PDDocument doc, long deadline) throws IOException, UnusableDocument {
        long[] total = { 0 };
        Set<COSBase> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<PDResources> resources = new ArrayDeque<>();
        for (PDPage page : doc.getPages()) {
            if (page.hasContents()) {
                count(page.getContents(), total, deadline);
            }
            if (page.getResources() != null) {
                resources.add(page.getResources());
            }
            while (!resources.isEmpty()) {
                PDResources res = resources.poll();
                for (COSName name : res.getXObjectNames()) {
                    PDXObject x = res.getXObject(name);
                    if (x instanceof PDFormXObject form && seen.add(form.getCOSObject())) {
                        count(form.getContentStream().createInputStream(), total, deadline);
                        if (form.getResources() != null) {
                            resources.add(form.getResources());
                        }
                    }
                }
            }
        }
    }

    private void count(InputStream content, long[] total, long deadline) throws IOException, UnusableDocument {
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = content) {
            for (int n; (n = in.read(buffer)) > 0;) {
                total[0] += n;
                if (total[0] > limits.maxContentBytes()) {
                    throw new UnusableDocument("the PDF is too large to read: its page contents inflate to more than "
                            + limits.maxContentBytes() / (1024 * 1024) + " MiB", null);
                }
                if (System.nanoTime() > deadline) {
                    throw new UnusableDocument(tooSlow(), null);
                }
            }
        }
    }

    private static List<String> outlineTitles(PDDocument doc) {
        PDDocumentOutline outline = doc.getDocumentCatalog().getDocumentOutline();
        List<String> titles = new ArrayList<>();
        if (outline == null) {
            return titles;
        }
        for (PDOutlineItem item : outline.children()) {
            if (item.getTitle() != null && !item.getTitle().isBlank()) {
                titles.add(HtmlTextExtractor.normalise(item.getTitle()));
            }
        }
        return titles;
    }

    /** Splits the lines at the outline's titles, found in order as whole lines (numbering allowed). */
    private static List<PaperText.Section> splitAt(List<String> lines, List<String> titles) {
        List<Integer> starts = new ArrayList<>();
        List<String> found = new ArrayList<>();
        int from = 0;
        for (String t : titles) {
            String want = stripNumber(t).toLowerCase(Locale.ROOT);
            for (int i = from; i < lines.size(); i++) {
                if (stripNumber(lines.get(i)).toLowerCase(Locale.ROOT).equals(want)) {
                    starts.add(i);
                    found.add(stripNumber(t));
                    from = i + 1;
                    break;
                }
            }
        }
        return build(lines, starts, found);
    }

    private static List<PaperText.Section> splitByHeadings(List<String> lines) {
        List<Integer> starts = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.isEmpty() || l.length() > 90) {
                continue;
            }
            var m = NUMBERED.matcher(l);
            if (m.matches() && !l.endsWith(",")) {
                starts.add(i);
                titles.add(stripNumber(l));
            } else if (KNOWN.contains(l.toLowerCase(Locale.ROOT).replaceAll("[:.]$", ""))) {
                starts.add(i);
                titles.add(l.replaceAll("[:.]$", ""));
            }
        }
        return build(lines, starts, titles);
    }

    private static List<PaperText.Section> build(List<String> lines, List<Integer> starts, List<String> titles) {
        List<PaperText.Section> out = new ArrayList<>();
        for (int s = 0; s < starts.size(); s++) {
            if (END.matcher(titles.get(s)).matches()) {
                break;
            }
            int end = s + 1 < starts.size() ? starts.get(s + 1) : lines.size();
            String body = joinParagraphs(lines.subList(starts.get(s) + 1, end));
            if (!body.isBlank()) {
                out.add(new PaperText.Section(titles.get(s), body));
            }
        }
        return out;
    }

    /** Joins wrapped lines into paragraphs (blank line = paragraph break), mending hyphenation. */
    private static String joinParagraphs(List<String> lines) {
        StringBuilder sb = new StringBuilder();
        boolean newParagraph = false;
        for (String l : lines) {
            if (l.isEmpty()) {
                newParagraph = sb.length() > 0;
                continue;
            }
            if (sb.length() > 0) {
                if (newParagraph) {
                    sb.append("\n\n");
                } else if (sb.charAt(sb.length() - 1) == '-' && Character.isLowerCase(l.charAt(0))) {
                    sb.setLength(sb.length() - 1);
                } else {
                    sb.append(' ');
                }
            }
            sb.append(l);
            newParagraph = false;
        }
        return sb.toString().strip();
    }

    static String stripNumber(String title) {
        return title.replaceFirst("^(?:[0-9]{1,2}(?:\\.[0-9]{1,2}){0,2}\\.?|[IVX]{1,5}\\.)\\s+", "").strip();
    }
}
