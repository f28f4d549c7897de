package dev.paperledge.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.paperledge.contracts.PaperText;
import dev.paperledge.ingest.storage.ObjectStore;
import dev.paperledge.ingest.support.Api;
import dev.paperledge.ingest.support.Atom;
import dev.paperledge.ingest.support.Fixtures;
import dev.paperledge.ingest.support.Html;
import dev.paperledge.ingest.support.Pdfs;
import dev.paperledge.ingest.support.StandInResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

/**
 * Hostile full texts served by the arXiv stand-in: the paper goes on from the next source with the
 * reason recorded (metadata.json) and shown (GET /api/papers/{id} textNotes), and the service keeps
 * serving.
 */
@QuarkusTest
@WithTestResource(StandInResource.class)
class HostileDocumentsTest {
    static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    ObjectStore store;
    @Inject
    ObjectMapper json;

    static String paper(byte[] html, byte[] pdf) {
        String id = Fixtures.randomId();
        Fixtures.write(StandInResource.folder(), id, ".atom.xml", Atom.simple(id, 1));
        if (html != null) {
            Fixtures.write(StandInResource.folder(), id, ".html", html);
        }
        if (pdf != null) {
            Fixtures.write(StandInResource.folder(), id, ".pdf", pdf);
        }
        return id;
    }

    private JsonPath ingest(String id, String expectedSource) {
        Api.submit(id).then().statusCode(202);
        JsonPath p = Api.awaitIngested(id, WAIT);
        assertThat(p.getString("textSource")).isEqualTo(expectedSource);
        return p;
    }

    private void notesInMetadata(String id, String expected) throws Exception {
        JsonNode meta = json.readTree(store.get("papers/" + id + "/v1/metadata.json"));
        assertThat(meta.at("/textNotes").asText()).contains(expected);
    }

    @Test
    void aDeeplyNestedHtmlIsSkippedAndThePaperGoesOnFromThePdf() throws Exception {
        String id = paper(Html.deeplyNested(200_000), Pdfs.withOutline());
        JsonPath p = ingest(id, "PDF");
        String reason = "HTML unusable: the HTML full text is too large to read: elements nested more than 256 levels deep";
        assertThat(p.getString("textNotes")).isEqualTo(reason);
        notesInMetadata(id, reason);
        PaperText text = json.readValue(store.get("papers/" + id + "/v1/sections.json"), PaperText.class);
        assertThat(text.sections()).extracting(PaperText.Section::title).contains("Introduction", "Method");
    }

    @Test
    void anHtmlWithTooManyElementsIsSkippedAndThePaperGoesOnFromTheAbstract() throws Exception {
        String id = paper(Html.manyElements(6_000_000), null);
        JsonPath p = ingest(id, "ABSTRACT");
        assertThat(p.getString("textNotes"))
                .isEqualTo("HTML unusable: the HTML full text is too large to read: more than 500000 elements; no PDF");
        notesInMetadata(id, "more than 500000 elements");
    }

    @Test
    void anHtmlOverTheByteCapIsSkippedWithTheReason() throws Exception {
        int cap = 20 * 1024 * 1024;
        String id = paper(Html.manyElements(cap + 1000), Pdfs.withOutline());
        JsonPath p = ingest(id, "PDF");
        assertThat(p.getString("textNotes"))
                .startsWith("HTML unusable: the HTML full text is too large to read: ")
                .endsWith("bytes, larger than the " + cap + "-byte limit");
        // and the service goes on with the next paper
        String next = paper(Html.paper("After"), null);
        ingest(next, "HTML");
        assertThat(Api.paper(next).getString("textNotes")).isNull();
    }
}
