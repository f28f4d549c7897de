package dev.paperledge.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** script.json as the stages read it: scripts from before formats stay solo; a duo script keeps who says what. */
class EpisodeScriptJsonTest {
    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Test
    void aScriptFromBeforeFormatsReadsAsSoloWithNoLines() throws Exception {
        String old = """
                {"arxivId":"2106.09685","version":1,"episodeTitle":"t","description":"d","writer":"offline",
                 "sections":[{"kind":"HOOK","title":"The problem","text":"Hey PaperLedge learning crew, Ernis here."}]}""";
        EpisodeScript s = JSON.readValue(old, EpisodeScript.class);
        assertThat(s.format()).isEqualTo(EpisodeScript.SOLO);
        assertThat(s.isDuo()).isFalse();
        assertThat(s.hosts()).isEmpty();
        assertThat(s.sections().get(0).lines()).isEmpty();
        assertThat(s.sections().get(0).provenance()).isEmpty();
    }

    @Test
    void aDuoScriptKeepsItsHostsAndLinesThroughJson() throws Exception {
        List<EpisodeScript.Line> lines = List.of(new EpisodeScript.Line("Ernis", "Hey PaperLedge learning crew, Ernis here."),
                new EpisodeScript.Line("Sam", "Hi everyone!"));
        EpisodeScript duo = new EpisodeScript("2106.09685", 1, "t", "d",
                List.of(new EpisodeScript.Section(EpisodeScript.Kind.HOOK, "The problem",
                        "Hey PaperLedge learning crew, Ernis here. Hi everyone!", List.of(), lines)),
                "offline", EpisodeScript.DUO, List.of(new EpisodeScript.Host("Ernis", EpisodeScript.Host.HOST),
                        new EpisodeScript.Host("Sam", EpisodeScript.Host.COHOST)));
        EpisodeScript back = JSON.readValue(JSON.writeValueAsBytes(duo), EpisodeScript.class);
        assertThat(back).isEqualTo(duo);
        assertThat(back.isDuo()).isTrue();
        assertThat(back.withSections("d2", back.sections()).hosts()).isEqualTo(duo.hosts());
    }

    @Test
    void anIngestedEventFromBeforeFormatsHasNoFormat() throws Exception {
        String old = """
                {"arxivId":"2106.09685","version":1,"run":1,"paper":null,"metadataKey":"m","textKey":"t",
                 "textSource":"HTML","ingestedAt":"2026-11-01T10:00:00Z"}""";
        assertThat(JSON.readValue(old, PaperIngested.class).format()).isNull();
    }
}
