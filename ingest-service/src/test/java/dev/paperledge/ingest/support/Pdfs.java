package dev.paperledge.ingest.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.destination.PDPageFitDestination;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDDocumentOutline;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;

/** PDFs made by the tests with PDFBox (no third-party papers are shipped). */
public final class Pdfs {
    public record Section(String heading, List<String> lines) {
    }

    public static final List<Section> PAPER = List.of(
            new Section("Abstract", List.of("We show that small adapters suffice.")),
            new Section("1 Introduction", List.of("Large models are costly to adapt.", "Our method freezes the weights.")),
            new Section("2 Method", List.of("The update is a low-rank product.", "Only two small matrices are trained.")),
            new Section("3 Results", List.of("Parameters drop by 10,000 times.", "Quality matches full fine-tuning.")),
            new Section("4 Conclusion", List.of("Adapters are enough for most tasks.")),
            new Section("References", List.of("[1] Someone. A paper. 2020.")));

    private Pdfs() {
    }

    /** One page per section; with {@code outline}, a bookmark per section. */
    public static byte[] paper(List<Section> sections, boolean outline, StandardProtectionPolicy protection) {
        try (PDDocument doc = new PDDocument()) {
            PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
            PDDocumentOutline out = new PDDocumentOutline();
            for (Section s : sections) {
                PDPage page = new PDPage(PDRectangle.LETTER);
                doc.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    cs.beginText();
                    cs.setFont(bold, 14);
                    cs.newLineAtOffset(72, 700);
                    cs.showText(s.heading());
                    cs.setFont(regular, 11);
                    for (String line : s.lines()) {
                        cs.newLineAtOffset(0, -22);
                        cs.showText(line);
                    }
                    cs.endText();
                }
                PDOutlineItem item = new PDOutlineItem();
                item.setTitle(s.heading());
                PDPageFitDestination dest = new PDPageFitDestination();
                dest.setPage(page);
                item.setDestination(dest);
                out.addLast(item);
            }
            if (outline) {
                doc.getDocumentCatalog().setDocumentOutline(out);
            }
            if (protection != null) {
                doc.protect(protection);
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            doc.save(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] withOutline() {
        return paper(PAPER, true, null);
    }

    public static byte[] withoutOutline() {
        return paper(PAPER, false, null);
    }

    /** Needs a user password to open. */
    public static byte[] encrypted() {
        StandardProtectionPolicy p = new StandardProtectionPolicy("owner-secret", "user-secret", new AccessPermission());
        p.setEncryptionKeyLength(128);
        return paper(PAPER, true, p);
    }

    /** Pages with only drawings (a scan has images; no text layer either way). */
    public static byte[] imageOnly() {
        try (PDDocument doc = new PDDocument()) {
            for (int i = 0; i < 3; i++) {
                PDPage page = new PDPage(PDRectangle.LETTER);
                doc.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    cs.addRect(72, 72, 400, 600);
                    cs.fill();
                }
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            doc.save(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts like a PDF, then noise. */
    public static byte[] garbage() {
        byte[] b = new byte[4096];
        new Random(7).nextBytes(b);
        System.arraycopy("%PDF-1.7\n".getBytes(), 0, b, 0, 9);
        return b;
    }

    /**
     * A decompression bomb: one page whose content stream is a small Flate stream that inflates to
     * {@code inflated} bytes, {@code head} once and then {@code unit} over and over (spaces: nothing
     * to show, only to decompress; a text-showing operator: characters without end).
     */
    public static byte[] bomb(long inflated, String head, String unit) {
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.LETTER);
            doc.addPage(page);
            PDResources resources = new PDResources();
            COSName font = resources.add(new PDType1Font(Standard14Fonts.FontName.HELVETICA));
            page.setResources(resources);
            COSStream content = doc.getDocument().createCOSStream();
            try (OutputStream raw = content.createRawOutputStream();
                    DeflaterOutputStream z = new DeflaterOutputStream(raw, new Deflater(Deflater.BEST_COMPRESSION), 1 << 16)) {
                z.write(head.replace("{font}", font.getName()).getBytes(StandardCharsets.US_ASCII));
                byte[] chunk = unit.repeat((1 << 20) / unit.length()).getBytes(StandardCharsets.US_ASCII);
                for (long n = 0; n < inflated; n += chunk.length) {
                    z.write(chunk);
                }
            }
            content.setItem(COSName.FILTER, COSName.FLATE_DECODE);
            page.getCOSObject().setItem(COSName.CONTENTS, content);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            doc.save(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A page of about 1 MB that inflates to {@code inflated} bytes of spaces. */
    public static byte[] inflatingTo(long inflated) {
        return bomb(inflated, "", " ");
    }

    /** A page whose content shows {@code inflated} bytes' worth of characters. */
    public static byte[] endlessText(long inflated) {
        return bomb(inflated, "BT /{font} 1 Tf 10 10 Td ", "(aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa) Tj ");
    }
}
