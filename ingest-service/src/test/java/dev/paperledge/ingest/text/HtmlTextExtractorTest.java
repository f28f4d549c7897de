package dev.paperledge.ingest.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.paperledge.contracts.PaperText;
import dev.paperledge.ingest.support.Fixtures;
import dev.paperledge.ingest.support.Html;

class HtmlTextExtractorTest {
    private final HtmlTextExtractor extractor = new HtmlTextExtractor();

    @Test
    void readsLatexmlSectionsWithoutNumbersBibliographyOrFigures() throws Exception {
        List<PaperText.Section> sections = extractor.extract(Html.paper("Low-Rank Things"));
        assertThat(sections).extracting(PaperText.Section::title)
                .containsExactly("Abstract", "Introduction", "Method", "Results");
        assertThat(sections.get(0).text()).isEqualTo("We adapt large models cheaply.");
        assertThat(sections.get(1).text()).contains("Fine-tuning every weight is costly [3].")
                .contains("train $r\\ll d$ ranks").contains("Figure 1: A diagram");
        assertThat(sections.get(2).text()).contains("The update is a product of two small matrices.")
                .contains("Initialisation").contains("One matrix starts at zero.");
        assertThat(sections.get(3).text()).isEqualTo("Trainable parameters drop by 10,000 times.");
        assertThat(sections).noneMatch(s -> s.text().contains("Someone. 2020"));
    }

    @Test
    void realLatexmlPapersGiveSectionsCaptionsReadableMathAndNoBibliography() throws Exception {
        for (String id : List.of("1703.09824", "1204.6231", "1609.00037")) {
            List<PaperText.Section> sections = extractor.extract(Fixtures.read(id + ".html"));
            String all = sections.stream().map(PaperText.Section::text).reduce("", (a, b) -> a + "\n\n" + b);
            assertThat(sections).as(id).hasSizeGreaterThanOrEqualTo(6);
            assertThat(sections).as(id).noneMatch(s -> s.title().matches("(?i)references|bibliography"));
            assertThat(sections.stream().filter(s -> !s.title().equals("Abstract"))).as(id)
                    .allMatch(s -> s.anchor() != null && s.anchor().startsWith("S"));
            assertThat(all).as(id).doesNotContain("ltx_").doesNotContain("\\displaystyle").doesNotContain("<math");
            assertThat(all.split("\n\n")).as("paragraphs of %s", id).hasSizeGreaterThan(40);
        }
        List<PaperText.Section> lomb = extractor.extract(Fixtures.read("1703.09824.html"));
        assertThat(lomb.get(0).title()).isEqualTo("Abstract");
        assertThat(lomb).extracting(PaperText.Section::title).contains("Introduction");
        String lombText = lomb.stream().map(PaperText.Section::text).reduce("", String::concat);
        assertThat(lombText).contains("Figure 1:").contains("$\\hat{g}(f)"); // captions kept; a real formula marked
        assertThat(lombText).doesNotContain("VanderPlas, J. T., & Ivezic, Z. 2015, ArXiv e-prints"); // no bibliography entries
        List<PaperText.Section> warnings = extractor.extract(Fixtures.read("1204.6231.html"));
        assertThat(warnings).extracting(PaperText.Section::title)
                .contains("Introduction", "Discussion").doesNotContain("References");
        String warnText = warnings.stream().map(PaperText.Section::text).reduce("", String::concat);
        assertThat(warnText).contains("Table 1:").contains("Hidden assumptions");
        List<PaperText.Section> practices = extractor.extract(Fixtures.read("1609.00037.html"));
        assertThat(practices).extracting(PaperText.Section::title)
                .contains("Abstract", "Introduction", "Data Management", "What We Left Out", "Conclusion");
    }

    @Test
    void simpleMathReadsAsTextAndFormulasAreMarked() throws Exception {
        String html = """
                <html><body><article class="ltx_document"><section id="S1" class="ltx_section">
                <h2 class="ltx_title ltx_title_section">Intro</h2><div class="ltx_para"><p class="ltx_p">With
                <math alttext="N=100"><mi>N</mi></math> runs and <math alttext="\\alpha"><mi>a</mi></math> fixed, we fit
                <math alttext="\\frac{1}{2}\\sum_{i}x_{i}^{2}"><mi>x</mi></math> exactly.</p></div></section></article></body></html>
                """;
        String text = extractor.extract(html.getBytes()).get(0).text();
        assertThat(text).contains("With N=100 runs and alpha fixed").contains("$\\frac{1}{2}\\sum_{i}x_{i}^{2}$ exactly");
    }

    @Test
    void olderRenderingsWithDivSectionsWork() throws Exception {
        String html = """
                <html><body><div class="ltx_page_content"><div class="ltx_document">
                <div class="ltx_section"><h2 class="ltx_title ltx_title_section"><span class="ltx_tag ltx_tag_section">1</span> Intro</h2>
                <div class="ltx_para"><p class="ltx_p">Old-style body.</p></div></div></div></div></body></html>
                """;
        assertThat(extractor.extract(html.getBytes())).extracting(PaperText.Section::title).containsExactly("Intro");
    }

    @Test
    void aPageWithoutSectionsGivesNothing() throws Exception {
        assertThat(extractor.extract("<html><body><p>Just a landing page.</p></body></html>".getBytes())).isEmpty();
        assertThat(extractor.extract(new byte[] { 0, 1, 2, 3 })).isEmpty();
    }

    @Test
    void aDeeplyNestedPageIsUnusableQuicklyAndAPageJustUnderTheLimitReads() throws Exception {
        long start = System.nanoTime();
        assertThatThrownBy(() -> extractor.extract(Html.deeplyNested(1_000_000)))
                .isInstanceOf(UnusableDocument.class)
                .hasMessage("the HTML full text is too large to read: elements nested more than 256 levels deep");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        // article, section, div x N, p: 240 divs stay within 256 levels.
        assertThat(extractor.extract(Html.deeplyNested(240)).get(0).text()).isEqualTo("Far down.");
    }

    @Test
    void aPageWithTooManyElementsIsUnusable() {
        assertThatThrownBy(() -> new HtmlTextExtractor(256, 10_000, Duration.ofSeconds(30))
                .extract(Html.manyElements(200_000)))
                .isInstanceOf(UnusableDocument.class)
                .hasMessage("the HTML full text is too large to read: more than 10000 elements");
        assertThatThrownBy(() -> extractor.extract(Html.manyElements(6_000_000)))
                .isInstanceOf(UnusableDocument.class).hasMessageContaining("more than 500000 elements");
    }

    @Test
    void aPageOverTheTimeLimitIsUnusable() {
        assertThatThrownBy(() -> new HtmlTextExtractor(256, 500_000, Duration.ZERO).extract(Html.manyElements(100_000)))
                .isInstanceOf(UnusableDocument.class)
                .hasMessage("the HTML full text is too large to read: it took longer than 0 s to extract");
    }
}
