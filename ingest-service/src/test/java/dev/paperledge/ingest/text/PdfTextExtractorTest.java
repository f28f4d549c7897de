package dev.paperledge.ingest.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.paperledge.contracts.PaperText;
import dev.paperledge.ingest.support.Pdfs;

class PdfTextExtractorTest {
    private final PdfTextExtractor extractor = new PdfTextExtractor();

    /** A PDF of {@code n} pages, each with a line of text. */
    static byte[] pages(int n) throws java.io.IOException {
        try (var doc = new org.apache.pdfbox.pdmodel.PDDocument(); var out = new java.io.ByteArrayOutputStream()) {
            var font = new org.apache.pdfbox.pdmodel.font.PDType1Font(
                    org.apache.pdfbox.pdmodel.font.Standard14Fonts.FontName.HELVETICA);
            for (int i = 1; i <= n; i++) {
                var page = new org.apache.pdfbox.pdmodel.PDPage();
                doc.addPage(page);
                try (var cs = new org.apache.pdfbox.pdmodel.PDPageContentStream(doc, page)) {
                    cs.beginText();
                    cs.setFont(font, 12);
                    cs.newLineAtOffset(72, 700);
                    cs.showText("Page " + i + " of a very long document with words on it.");
                    cs.endText();
                }
            }
            doc.save(out);
            return out.toByteArray();
        }
    }

    @Test
    void aPdfWithMorePagesThanTheLimitIsTooLargeToRead() throws Exception {
        byte[] pdf = pages(6);
        assertThatThrownBy(() -> new PdfTextExtractor(5, java.time.Duration.ofSeconds(30)).extract(pdf))
                .isInstanceOf(UnusableDocument.class)
                .hasMessage("the PDF is too large to read: 6 pages, more than 5");
        assertThat(new PdfTextExtractor(6, java.time.Duration.ofSeconds(30)).extract(pdf).get(0).text())
                .contains("Page 1 of a very long document").contains("Page 6 of");
    }

    @Test
    void aPdfWhoseTextTakesLongerThanTheLimitIsTooLargeToRead() throws Exception {
        byte[] pdf = pages(3);
        assertThatThrownBy(() -> new PdfTextExtractor(400, java.time.Duration.ZERO).extract(pdf))
                .isInstanceOf(UnusableDocument.class)
                .hasMessageStartingWith("the PDF is too large to read: its text took longer than");
    }

    @Test
    void splitsAtTheOutlinesTitles() throws Exception {
        List<PaperText.Section> sections = extractor.extract(Pdfs.withOutline());
        assertThat(sections).extracting(PaperText.Section::title)
                .containsExactly("Abstract", "Introduction", "Method", "Results", "Conclusion");
        assertThat(sections.get(2).text()).isEqualTo("The update is a low-rank product. Only two small matrices are trained.");
        assertThat(sections.get(3).text()).contains("Parameters drop by 10,000 times.");
        assertThat(sections).noneMatch(s -> s.text().contains("Someone. A paper"));
    }

    @Test
    void withoutAnOutlineFindsHeadingsByTheirLook() throws Exception {
        List<PaperText.Section> sections = extractor.extract(Pdfs.withoutOutline());
        assertThat(sections).extracting(PaperText.Section::title)
                .containsExactly("Abstract", "Introduction", "Method", "Results", "Conclusion");
        assertThat(sections.get(1).text()).isEqualTo("Large models are costly to adapt. Our method freezes the weights.");
    }

    @Test
    void anOutlineThatDoesNotMatchTheTextFallsBackToHeadings() throws Exception {
        List<Pdfs.Section> odd = List.of(new Pdfs.Section("1 Introduction", List.of("Body one is here.")),
                new Pdfs.Section("2 Findings", List.of("Body two is here.")));
        byte[] pdf = Pdfs.paper(odd, true, null);
        assertThat(extractor.extract(pdf)).extracting(PaperText.Section::title).containsExactly("Introduction", "Findings");
    }

    @Test
    void anEncryptedPdfIsAClearFailure() {
        assertThatThrownBy(() -> extractor.extract(Pdfs.encrypted()))
                .isInstanceOf(UnusableDocument.class).hasMessageContaining("encrypted");
    }

    @Test
    void garbageBytesAreAClearFailure() {
        assertThatThrownBy(() -> extractor.extract(Pdfs.garbage()))
                .isInstanceOf(UnusableDocument.class).hasMessageContaining("corrupt");
        assertThatThrownBy(() -> extractor.extract("<html>not a pdf</html>".getBytes()))
                .isInstanceOf(UnusableDocument.class).hasMessageContaining("not a PDF");
    }

    @Test
    void anImageOnlyPdfIsAClearFailure() {
        assertThatThrownBy(() -> extractor.extract(Pdfs.imageOnly()))
                .isInstanceOf(UnusableDocument.class).hasMessageContaining("no text layer");
    }

    @Test
    void aPageThatInflatesToAGigabyteIsRefusedAtTheContentLimit() {
        byte[] bomb = Pdfs.inflatingTo(1L << 30);
        assertThat(bomb.length).isLessThan(2_000_000);
        long start = System.nanoTime();
        assertThatThrownBy(() -> extractor.extract(bomb)).isInstanceOf(UnusableDocument.class)
                .hasMessage("the PDF is too large to read: its page contents inflate to more than 256 MiB");
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofSeconds(20));
    }

    @Test
    void aPageWithEndlessTextIsRefusedAtTheCharacterLimit() {
        byte[] bomb = Pdfs.endlessText(100L << 20);
        assertThatThrownBy(() -> extractor.extract(bomb)).isInstanceOf(UnusableDocument.class)
                .hasMessage("the PDF is too large to read: a page has more than 100000 characters");
    }
}
