package dev.paperledge.ingest.text;

import java.time.Duration;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The HTML and PDF extractors with the limits from {@code paperledge.text.*} (see application.properties). */
@ApplicationScoped
public class TextExtractors {

    @Produces
    @Singleton
    HtmlTextExtractor html(@ConfigProperty(name = "paperledge.text.html.max-depth") int maxDepth,
            @ConfigProperty(name = "paperledge.text.html.max-elements") int maxElements,
            @ConfigProperty(name = "paperledge.text.html.max-time") Duration maxTime) {
        return new HtmlTextExtractor(maxDepth, maxElements, maxTime);
    }

    @Produces
    @Singleton
    PdfTextExtractor pdf(@ConfigProperty(name = "paperledge.text.pdf.max-pages") int maxPages,
            @ConfigProperty(name = "paperledge.text.pdf.max-time") Duration maxTime,
            @ConfigProperty(name = "paperledge.text.pdf.max-memory") MemorySize maxMemory,
            @ConfigProperty(name = "paperledge.text.pdf.max-content") MemorySize maxContent,
            @ConfigProperty(name = "paperledge.text.pdf.max-page-chars") int maxPageChars) {
        return new PdfTextExtractor(new PdfTextExtractor.Limits(maxPages, maxTime, maxMemory.asLongValue(),
                maxContent.asLongValue(), maxPageChars));
    }
}
