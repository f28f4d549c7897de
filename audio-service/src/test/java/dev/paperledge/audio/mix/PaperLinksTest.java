package dev.paperledge.audio.mix;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;

/** Links into a paper on arXiv, for new- and old-style identifiers. */
class PaperLinksTest {

    @Test
    void aNewStyleIdLinksToItsHtmlSectionAndAbstractPage() {
        PaperLinks links = PaperLinks.of("2106.09685", 2);
        assertThat(links.section("S3")).isEqualTo("https://arxiv.org/html/2106.09685v2#S3");
        assertThat(links.section("S4.SS2")).isEqualTo("https://arxiv.org/html/2106.09685v2#S4.SS2");
        assertThat(links.section(null)).isEqualTo("https://arxiv.org/abs/2106.09685v2");
        assertThat(links.section(" ")).isEqualTo("https://arxiv.org/abs/2106.09685v2");
        assertThat(links.abstractPage()).isEqualTo("https://arxiv.org/abs/2106.09685v2");
    }

    @Test
    void anOldStyleIdKeepsItsSlashAsArxivsOwnAddressesDo() {
        PaperLinks links = PaperLinks.of("hep-th/9901001", 1);
        assertThat(links.abstractPage()).isEqualTo("https://arxiv.org/abs/hep-th/9901001v1");
        assertThat(links.section("S2")).isEqualTo("https://arxiv.org/html/hep-th/9901001v1#S2");
        assertThat(PaperLinks.of("math.AG/0309136", 3).abstractPage()).isEqualTo("https://arxiv.org/abs/math.AG/0309136v3");
        assertThat(PaperLinks.of("cond-mat/0102536", 1).abstractPage()).isEqualTo("https://arxiv.org/abs/cond-mat/0102536v1");
        for (String url : new String[] {links.abstractPage(), links.section("S2")}) {
            URI u = URI.create(url);
            assertThat(u.getScheme()).isEqualTo("https");
            assertThat(u.getHost()).isEqualTo("arxiv.org");
            assertThat(u.getPath()).startsWith("/").contains("hep-th/9901001v1");
        }
    }

    @Test
    void anAnchorThatNeedsEscapingIsEscapedAndAVersionAlreadyInTheIdIsNotRepeated() {
        assertThat(PaperLinks.of("2106.09685", 1).section("S1 x")).isEqualTo("https://arxiv.org/html/2106.09685v1#S1%20x");
        assertThat(PaperLinks.of("2106.09685v4", 4).abstractPage()).isEqualTo("https://arxiv.org/abs/2106.09685v4");
        assertThat(PaperLinks.of("2106.09685", 0).abstractPage()).isEqualTo("https://arxiv.org/abs/2106.09685");
    }

    @Test
    void somethingThatIsNotAnArxivIdHasNoLinks() {
        assertThat(PaperLinks.of("not an id", 1)).isNull();
        assertThat(PaperLinks.of("../../etc", 1)).isNull();
        assertThat(PaperLinks.of(null, 1)).isNull();
    }
}
