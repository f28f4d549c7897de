package dev.paperledge.ingest.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.paperledge.contracts.PaperText;
import dev.paperledge.ingest.support.Html;

class HtmlTextExtractorTest {
    private final HtmlTextExtractor extractor = new HtmlTextExtractor();

    @Test
    void readsLatexmlSectionsWithoutNumbersBibliographyOrFigures() {
        List<PaperText.Section> sections = extractor.extract(Html.paper("Low-Rank Things"));
        assertThat(sections).extracting(PaperText.Section::title)
                .containsExactly("Abstract", "Introduction", "Method", "Results");
        assertThat(sections.get(0).text()).isEqualTo("We adapt large models cheaply.");
        assertThat(sections.get(1).text()).contains("Fine-tuning every weight is costly [3].")
                .contains("train r\\ll d ranks").doesNotContain("Figure 1");
        assertThat(sections.get(2).text()).contains("The update is a product of two small matrices.")
                .contains("Initialisation").contains("One matrix starts at zero.");
        assertThat(sections.get(3).text()).isEqualTo("Trainable parameters drop by 10,000 times.");
        assertThat(sections).noneMatch(s -> s.text().contains("Someone. 2020"));
    }

    @Test
    void olderRenderingsWithDivSectionsWork() {
        String html = """
                <html><body><div class="ltx_page_content"><div class="ltx_document">
                <div class="ltx_section"><h2 class="ltx_title ltx_title_section"><span class="ltx_tag ltx_tag_section">1</span> Intro</h2>
                <div class="ltx_para"><p class="ltx_p">Old-style body.</p></div></div></div></div></body></html>
                """;
        assertThat(extractor.extract(html.getBytes())).extracting(PaperText.Section::title).containsExactly("Intro");
    }

    @Test
    void aPageWithoutSectionsGivesNothing() {
        assertThat(extractor.extract("<html><body><p>Just a landing page.</p></body></html>".getBytes())).isEmpty();
        assertThat(extractor.extract(new byte[] { 0, 1, 2, 3 })).isEmpty();
    }
}
