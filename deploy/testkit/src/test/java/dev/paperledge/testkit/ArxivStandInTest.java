package dev.paperledge.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArxivStandInTest {
    @TempDir
    Path fixtures;
    ArxivStandIn standIn;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        Files.writeString(fixtures.resolve("2106.09685.atom.xml"), "<feed>lora</feed>");
        Files.writeString(fixtures.resolve("hep-th_9901001.atom.xml"), "<feed>old</feed>");
        standIn = new ArxivStandIn(fixtures, 0);
    }

    @AfterEach
    void stop() {
        standIn.close();
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(standIn.baseUrl() + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesTheFixtureForAKnownIdWithOrWithoutVersion() throws Exception {
        assertThat(get("/api/query?id_list=2106.09685").body()).isEqualTo("<feed>lora</feed>");
        assertThat(get("/api/query?id_list=2106.09685v2").body()).isEqualTo("<feed>lora</feed>");
        assertThat(get("/api/query?id_list=hep-th/9901001").body()).isEqualTo("<feed>old</feed>");
    }

    @Test
    void answersZeroResultsForAnUnknownIdAndAnErrorEntryForAMalformedOne() throws Exception {
        var unknown = get("/api/query?id_list=1201.56789");
        assertThat(unknown.statusCode()).isEqualTo(200);
        assertThat(unknown.body()).contains("<opensearch:totalResults>0</opensearch:totalResults>").doesNotContain("<entry>");
        var malformed = get("/api/query?id_list=1234.123456789");
        assertThat(malformed.body()).contains("<title>Error</title>", "incorrect id format for 1234.123456789");
    }

    @Test
    void replaysScriptedFaultsThenRecovers() throws Exception {
        standIn.enqueueStatus(503);
        assertThat(get("/api/query?id_list=2106.09685").statusCode()).isEqualTo(503);
        assertThat(get("/api/query?id_list=2106.09685").statusCode()).isEqualTo(200);
        assertThat(standIn.apiRequests()).isEqualTo(2);
    }

    @Test
    void fullTextRoutesAre404WithoutAFile() throws Exception {
        assertThat(get("/html/2106.09685").statusCode()).isEqualTo(404);
        Files.writeString(fixtures.resolve("2106.09685.html"), "<html></html>");
        assertThat(get("/html/2106.09685").statusCode()).isEqualTo(200);
    }

    @Test
    void flappingAlternatesRunsOfErrorsAndAnswers() throws Exception {
        standIn.flap(2);
        var codes = new java.util.ArrayList<Integer>();
        for (int i = 0; i < 6; i++) {
            codes.add(get("/api/query?id_list=2106.09685").statusCode());
        }
        assertThat(codes).containsExactly(503, 503, 200, 200, 503, 503);
    }
}
