package dev.paperledge.audio.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/**
 * Checks a Podcasting 2.0 JSON transcript: valid against the transcript shape
 * ({@code podcasting/transcript.schema.json}, JSON Schema 2020-12) and in step with its WebVTT twin.
 */
public final class JsonTranscripts {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Schema SCHEMA;

    static {
        try (InputStream in = JsonTranscripts.class.getResourceAsStream("/podcasting/transcript.schema.json")) {
            SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonTranscripts() {
    }

    /** What the schema finds wrong with the transcript (empty: valid). */
    public static List<String> violations(String json) {
        return SCHEMA.validate(read(json)).stream().map(Error::toString).toList();
    }

    public static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Valid, one segment per WebVTT cue with the cue's times and text, times increasing and never
     * overlapping. Returns the segments.
     */
    public static JsonNode assertValidAndInStepWith(String json, String vtt) {
        assertThat(violations(json)).isEmpty();
        JsonNode segments = read(json).path("segments");
        List<WebVtt.Cue> cues = WebVtt.parse(vtt);
        assertThat(segments).hasSize(cues.size());
        double lastEnd = 0;
        for (int i = 0; i < cues.size(); i++) {
            JsonNode s = segments.get(i);
            double start = s.path("startTime").doubleValue();
            double end = s.path("endTime").doubleValue();
            assertThat(Math.round(start * 1000)).as("segment %d start", i).isEqualTo(cues.get(i).startMs());
            assertThat(Math.round(end * 1000)).as("segment %d end", i).isEqualTo(cues.get(i).endMs());
            assertThat(start).as("segment %d starts after the one before ends", i).isGreaterThanOrEqualTo(lastEnd);
            assertThat(end).isGreaterThan(start);
            assertThat(cues.get(i).text().replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"))
                    .isEqualTo(s.path("body").asText());
            lastEnd = end;
        }
        return segments;
    }
}
