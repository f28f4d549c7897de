package dev.paperledge.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;
import io.quarkus.kafka.client.serialization.ObjectMapperSerializer;

/** AudioReady as JSON, read and written with the object mapper settings Quarkus gives the services. */
class AudioReadySerdeTest {
    static final ObjectMapper QUARKUS_LIKE = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    static final PaperSummary PAPER = new PaperSummary("LoRA", List.of("Edward Hu"), "abstract", "cs.CL",
            "Computation and Language", LocalDate.of(2021, 6, 17), "https://arxiv.org/abs/2106.09685");

    @Test
    void theListeningCheckTravelsWithTheEvent() {
        AudioReady.Listening listening = new AudioReady.Listening("pocketsphinx:en-us", true, 0.12, 0.15, List.of(
                new AudioReady.SectionCheck("Introduction", "green", 0.1, null, 280, false, List.of()),
                new AudioReady.SectionCheck("What they found", "amber", 0.2, 0.18, 300, true, List.of())));
        AudioReady sent = new AudioReady("2106.09685", 1, 1, PAPER, "t", "d", "audio/2106.09685/v1/r1/episode.mp3",
                61_000, 1000, "audio/mpeg", null, null, "flite:rms", Instant.parse("2026-11-30T10:00:00Z"),
                "audio/2106.09685/v1/r1/quality.json", listening, "audio/2106.09685/v1/r1/transcript.json", "duo",
                List.of(new EpisodeScript.Host("Ernis", "host"), new EpisodeScript.Host("Sam", "cohost")));
        byte[] json;
        try (ObjectMapperSerializer<AudioReady> s = new ObjectMapperSerializer<>(QUARKUS_LIKE)) {
            json = s.serialize("audio.ready", sent);
        }
        try (ObjectMapperDeserializer<AudioReady> d = new ObjectMapperDeserializer<>(AudioReady.class, QUARKUS_LIKE)) {
            assertThat(d.deserialize("audio.ready", json)).isEqualTo(sent);
        }
    }

    @Test
    void anEventFromBeforeTheListeningCheckStillReads() {
        String old = """
                {"arxivId":"2106.09685","version":1,"run":2,"paper":null,"episodeTitle":"t","description":"d",
                 "audioKey":"audio/2106.09685/v1/r2/episode.mp3","durationMs":61000,"byteSize":1000,
                 "mimeType":"audio/mpeg","chaptersKey":null,"transcriptKey":null,"speechEngine":"marytts",
                 "voicedAt":"2026-11-01T10:00:00Z"}""";
        try (ObjectMapperDeserializer<AudioReady> d = new ObjectMapperDeserializer<>(AudioReady.class, QUARKUS_LIKE)) {
            AudioReady a = d.deserialize("audio.ready", old.getBytes(StandardCharsets.UTF_8));
            assertThat(a.run()).isEqualTo(2);
            assertThat(a.byteSize()).isEqualTo(1000);
            assertThat(a.qualityKey()).isNull();
            assertThat(a.listening()).isNull();
            assertThat(a.jsonTranscriptKey()).isNull();
            assertThat(a.format()).isNull();
            assertThat(a.hosts()).isEmpty();
        }
    }
}
