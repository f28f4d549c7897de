package dev.paperledge.ingest.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.paperledge.ingest.arxiv.ArxivConfig;
import dev.paperledge.ingest.arxiv.ArxivId;
import dev.paperledge.ingest.arxiv.ArxivMetadata;
import dev.paperledge.ingest.arxiv.HttpArxivClient;
import dev.paperledge.ingest.support.Fixtures;
import dev.paperledge.ingest.support.Html;
import dev.paperledge.ingest.support.Pdfs;
import dev.paperledge.testkit.ArxivStandIn;

class FullTextServiceTest {
    @TempDir
    Path dir;
    ArxivStandIn standIn;
    FullTextService service;
    HttpArxivClient client;

    @BeforeEach
    void start() throws Exception {
        Fixtures.copyEight(dir);
        standIn = new ArxivStandIn(dir, 0);
        client = new HttpArxivClient(config(standIn.baseUrl(), 200_000));
        service = FullTextService.withDefaultLimits(client);
    }

    @AfterEach
    void stop() {
        standIn.close();
    }

    private ArxivMetadata lora() throws Exception {
        return client.metadata(ArxivId.of("2106.09685"));
    }

    @Test
    void prefersTheHtmlRendering() throws Exception {
        Fixtures.write(dir, "2106.09685", ".html", Html.paper("LoRA"));
        Fixtures.write(dir, "2106.09685", ".pdf", Pdfs.withOutline());
        FullText t = service.extract(lora());
        assertThat(t.source()).isEqualTo("HTML");
        assertThat(t.sourceName()).isEqualTo("source.html");
        assertThat(t.text().sections().get(0).title()).isEqualTo("Abstract");
        assertThat(t.text().sections().get(0).text()).startsWith("An important paradigm");
        assertThat(t.text().sections()).extracting(s -> s.title()).contains("Introduction", "Method", "Results");
    }

    @Test
    void fallsBackToThePdf() throws Exception {
        Fixtures.write(dir, "2106.09685", ".pdf", Pdfs.withOutline());
        FullText t = service.extract(lora());
        assertThat(t.source()).isEqualTo("PDF");
        assertThat(t.notes()).contains("no HTML rendering");
        assertThat(t.text().sections()).extracting(s -> s.title())
                .containsExactly("Abstract", "Introduction", "Method", "Results", "Conclusion");
        assertThat(t.text().version()).isEqualTo(2);
    }

    @Test
    void fallsBackToTheAbstractWhenThereIsNoFullText() throws Exception {
        FullText t = service.extract(lora());
        assertThat(t.source()).isEqualTo("ABSTRACT");
        assertThat(t.sourceFile()).isNull();
        assertThat(t.text().sections()).hasSize(1);
        assertThat(t.notes()).contains("no HTML rendering").contains("no PDF");
    }

    @Test
    void encryptedGarbageAndImageOnlyPdfsGiveTheAbstractWithAReason() throws Exception {
        for (byte[] pdf : new byte[][] { Pdfs.encrypted(), Pdfs.garbage(), Pdfs.imageOnly() }) {
            Fixtures.write(dir, "2106.09685", ".pdf", pdf);
            FullText t = service.extract(lora());
            assertThat(t.source()).isEqualTo("ABSTRACT");
            assertThat(t.notes()).contains("PDF unusable");
        }
    }

    @Test
    void aPdfOverThePageLimitGivesTheAbstractWithTheReason() throws Exception {
        FullTextService roomy = FullTextService.withDefaultLimits(new HttpArxivClient(config(standIn.baseUrl(), 20_000_000)));
        Fixtures.write(dir, "2106.09685", ".pdf", PdfTextExtractorTest.pages(PdfTextExtractor.MAX_PAGES + 1));
        FullText t = roomy.extract(lora());
        assertThat(t.source()).isEqualTo("ABSTRACT");
        assertThat(t.text().sections()).hasSize(1);
        assertThat(t.notes()).contains("PDF unusable: the PDF is too large to read: "
                + (PdfTextExtractor.MAX_PAGES + 1) + " pages, more than " + PdfTextExtractor.MAX_PAGES);
    }

    @Test
    void aPdfOverTheSizeCapGivesTheAbstract() throws Exception {
        FullTextService tight = FullTextService.withDefaultLimits(new HttpArxivClient(config(standIn.baseUrl(), 500)));
        Fixtures.write(dir, "2106.09685", ".pdf", Pdfs.withOutline());
        FullText t = tight.extract(lora());
        assertThat(t.source()).isEqualTo("ABSTRACT");
        assertThat(t.notes()).contains("larger than the 500-byte limit");
    }

    private static ArxivConfig config(String url, long maxPdf) {
        return new ArxivConfig() {
            public String baseUrl() { return url; }
            public String fulltextBaseUrl() { return url; }
            public Duration minInterval() { return Duration.ofMillis(5); }
            public Duration requestTimeout() { return Duration.ofSeconds(2); }
            public Duration connectTimeout() { return Duration.ofSeconds(2); }
            public int maxAttempts() { return 2; }
            public Duration initialBackoff() { return Duration.ofMillis(10); }
            public Duration maxBackoff() { return Duration.ofMillis(50); }
            public String userAgent() { return "test"; }
            public long maxPdfBytes() { return maxPdf; }
            public long maxHtmlBytes() { return 1_000_000; }
            public long maxAtomBytes() { return 1_000_000; }
        };
    }
}
