package dev.paperledge.ingest.support;

import java.nio.charset.StandardCharsets;

/** A small arXiv HTML rendering in LaTeXML's shape. */
public final class Html {
    private Html() {
    }

    public static byte[] paper(String title) {
        return ("""
                <!DOCTYPE html><html><head><title>%1$s</title></head><body>
                <div class="ltx_page_main"><div class="ltx_page_content">
                <article class="ltx_document ltx_authors_1line">
                <h1 class="ltx_title ltx_title_document">%1$s</h1>
                <div class="ltx_abstract"><h6 class="ltx_title ltx_title_abstract">Abstract</h6>
                <p class="ltx_p">We adapt large models cheaply.</p></div>
                <section id="S1" class="ltx_section">
                <h2 class="ltx_title ltx_title_section"><span class="ltx_tag ltx_tag_section">1 </span>Introduction</h2>
                <div id="S1.p1" class="ltx_para"><p class="ltx_p">Fine-tuning every weight is costly <cite class="ltx_cite">[3]</cite>.
                We freeze the model and train <math alttext="r\\ll d" display="inline"><mi>r</mi></math> ranks.</p></div>
                <figure class="ltx_figure"><img src="x.png"/><figcaption>Figure 1: A diagram that should not be read.</figcaption></figure>
                </section>
                <section id="S2" class="ltx_section">
                <h2 class="ltx_title ltx_title_section"><span class="ltx_tag ltx_tag_section">2 </span>Method</h2>
                <div class="ltx_para"><p class="ltx_p">The update is a product of two small matrices.</p></div>
                <section id="S2.SS1" class="ltx_subsection">
                <h3 class="ltx_title ltx_title_subsection"><span class="ltx_tag ltx_tag_subsection">2.1 </span>Initialisation</h3>
                <div class="ltx_para"><p class="ltx_p">One matrix starts at zero.</p></div>
                </section>
                </section>
                <section id="S3" class="ltx_section">
                <h2 class="ltx_title ltx_title_section"><span class="ltx_tag ltx_tag_section">3 </span>Results</h2>
                <div class="ltx_para"><p class="ltx_p">Trainable parameters drop by 10,000 times.</p></div>
                </section>
                <section class="ltx_bibliography"><h2 class="ltx_title">References</h2><ul><li>[3] Someone. 2020.</li></ul></section>
                </article></div></div></body></html>
                """).formatted(title).getBytes(StandardCharsets.UTF_8);
    }

    /** A LaTeXML-shaped page whose section holds {@code depth} nested divs (no closing tags), then a paragraph. */
    public static byte[] deeplyNested(int depth) {
        StringBuilder sb = new StringBuilder("<!DOCTYPE html><html><body><article class=\"ltx_document\">"
                + "<section id=\"S1\" class=\"ltx_section\"><h2 class=\"ltx_title_section\">Deep</h2>");
        sb.append("<div>".repeat(depth)).append("<div class=\"ltx_para\"><p class=\"ltx_p\">Far down.</p>");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A LaTeXML-shaped page of at least {@code bytes} bytes of tiny paragraphs (about one element per 9 bytes). */
    public static byte[] manyElements(int bytes) {
        StringBuilder sb = new StringBuilder("<!DOCTYPE html><html><body><article class=\"ltx_document\">"
                + "<section id=\"S1\" class=\"ltx_section\"><h2 class=\"ltx_title_section\">Wide</h2>");
        while (sb.length() < bytes) {
            sb.append("<p>a</p>\n");
        }
        return sb.append("</section></article></body></html>").toString().getBytes(StandardCharsets.UTF_8);
    }
}
