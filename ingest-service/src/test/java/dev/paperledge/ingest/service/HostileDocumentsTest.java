package dev.paperledge.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.paperledge.contracts.PaperText;
import dev.paperledge.stage.storage.ObjectStore;
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
        JsonNode meta = json.readTree(store.get("papers/" + id + "/v1/metadata.json").orElseThrow());
        assertThat(meta.at("/textNotes").asText()).contains(expected);
    }

    @Test
    void aDeeplyNestedHtmlIsSkippedAndThePaperGoesOnFromThePdf() throws Exception {
        String id = paper(Html.deeplyNested(200_000), Pdfs.withOutline());
        JsonPath p = ingest(id, "PDF");
        String reason = "HTML unusable: the HTML full text is too large to read: elements nested more than 256 levels deep";
        assertThat(p.getString("textNotes")).isEqualTo(reason);
        notesInMetadata(id, reason);
        PaperText text = json.readValue(store.get("papers/" + id + "/v1/sections.json").orElseThrow(), PaperText.class);
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

    @Test
    void decompressionBombPdfsAreSkippedWithAReasonTheHeapStaysBoundedAndTheServiceGoesOn() throws Exception {
        byte[] inflating = Pdfs.inflatingTo(1L << 30); // ~1 MB that inflates to 1 GiB
        byte[] text = Pdfs.endlessText(200L << 20); // inflates to 200 MiB of text-showing operators
        String a = paper(null, inflating);
        String b = paper(null, text);
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
        long before = usedHeapAfterGc();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);

        JsonPath pa = ingest(a, "ABSTRACT");
        assertThat(pa.getString("textNotes")).isEqualTo(
                "no HTML rendering; PDF unusable: the PDF is too large to read: its page contents inflate to more than 256 MiB");
        notesInMetadata(a, "inflate to more than 256 MiB");
        JsonPath pb = ingest(b, "ABSTRACT");
        assertThat(pb.getString("textNotes")).isEqualTo(
                "no HTML rendering; PDF unusable: the PDF is too large to read: a page has more than 100000 characters");

        long peak = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        // The young pools' peaks are mostly garbage not yet collected; the old pool's peak is what stayed live.
        long peakOld = heap.stream().filter(pool -> !pool.getName().matches("(?i).*(eden|survivor).*"))
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        long after = usedHeapAfterGc();
        System.out.printf("decompression bombs: PDFs of %d and %d bytes; used heap after GC %d MiB before, %d MiB after;"
                + " peak of the heap pools while ingesting %d MiB, of the old pool %d MiB (max heap %d MiB)%n",
                inflating.length, text.length, before >> 20, after >> 20, peak >> 20, peakOld >> 20,
                Runtime.getRuntime().maxMemory() >> 20);
        assertThat(after - before).as("heap retained after the bombs").isLessThan(64L << 20);
        assertThat(peak).as("peak heap while ingesting the bombs").isLessThan(Runtime.getRuntime().maxMemory() / 2);

        // The service keeps serving: the next paper is read from its PDF.
        String next = paper(null, Pdfs.withOutline());
        assertThat(ingest(next, "PDF").getString("textNotes")).isEqualTo("no HTML rendering");
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        Runtime r = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return r.totalMemory() - r.freeMemory();
    }
}
