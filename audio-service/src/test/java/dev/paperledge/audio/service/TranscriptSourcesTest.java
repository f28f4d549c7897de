package dev.paperledge.audio.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.paperledge.audio.speech.FliteEngine;
import dev.paperledge.audio.speech.TextNormalizer;
import dev.paperledge.audio.support.JsonTranscripts;
import dev.paperledge.contracts.EpisodeScript;
import dev.paperledge.contracts.EpisodeScript.Kind;
import dev.paperledge.contracts.EpisodeScript.Provenance;
import dev.paperledge.contracts.EpisodeScript.Section;

/**
 * Sources for every line: the script's provenance survives sentence splitting, the normaliser and
 * the transcript writer, and lands on the segments that say it (real flite speaks; the times are
 * the episode's).
 */
class TranscriptSourcesTest {
    static final String S1_TEXT = "We propose Low-Rank Adaptation, or LoRA, which freezes the pre-trained model weights "
            + "and injects trainable rank decomposition matrices into each layer of the Transformer architecture, "
            + "greatly reducing the number of trainable parameters for downstream tasks.";
    static final String ABSTRACT_TEXT = "Compared to GPT-3 175B fine-tuned with Adam, LoRA can reduce the number of "
            + "trainable parameters by 10,000 times and the GPU memory requirement by 3 times.";
    static final String S5_TEXT = "LoRA performs on-par or better than fine-tuning in model quality on RoBERTa, "
            + "DeBERTa, GPT-2, and GPT-3, despite having fewer trainable parameters, a higher training throughput, "
            + "and, unlike adapters, no additional inference latency.";
    /** Over 240 characters, so the transcript carries it as two cues; both come from S5. */
    static final String LONG_LINE = "On RoBERTa, DeBERTa, GPT-2 and GPT-3, the low-rank version matches or beats "
            + "full fine-tuning in model quality, even though it trains far fewer parameters, runs training "
            + "faster, and, unlike adapter layers, adds nothing at all to the time it takes to answer a request "
            + "once the model is deployed.";

    static final List<Section> SECTIONS = List.of(
            new Section(Kind.HOOK, "Introduction", "Hey PaperLedge learning crew, Ernis here. Today: LoRA, a cheap "
                    + "way to adapt big language models."),
            new Section(Kind.METHOD, "How it works", "Here is the idea. The authors freeze the pretrained weights.\n"
                    + "Then they inject small trainable matrices into each layer. In their words, this cuts the "
                    + "trainable parameters by 10,000 times, and the GPU memory by 3 times. Neat.",
                    List.of(new Provenance("The authors freeze the pretrained weights.   Then they inject small "
                            + "trainable\nmatrices into each layer.", "Introduction", "S1", 2, S1_TEXT),
                            new Provenance("In their words, this cuts the trainable parameters by 10,000 times, and "
                                    + "the GPU memory by 3 times.", "Abstract", null, 0, ABSTRACT_TEXT))),
            new Section(Kind.FINDINGS, "What they found", LONG_LINE + " That is a big deal.",
                    List.of(new Provenance(LONG_LINE, "Empirical Experiments", "S5", 4, S5_TEXT))),
            new Section(Kind.SIGN_OFF, "Sign-off", "Thanks for listening."));

    static EpisodeRenderer renderer;
    static RenderedEpisode sourced;
    static RenderedEpisode unsourced;
    static RenderedEpisode oldStyle;

    @BeforeAll
    static void render() {
        if (!"true".equals(System.getenv("PAPERLEDGE_FLITE_REQUIRED"))) {
            Assumptions.assumeTrue(FliteEngine.available("flite"), "flite is not installed");
        }
        renderer = new EpisodeRenderer(new FliteEngine("flite", "rms", 60), RenderSettings.defaults());
        sourced = renderer.render(new EpisodeScript("2106.09685", 2, "t", "d", SECTIONS, "test"), info());
        unsourced = renderer.render(new EpisodeScript("2106.09685", 2, "t", "d", SECTIONS.stream()
                .map(s -> new Section(s.kind(), s.title(), s.text())).toList(), "test"), info());
        try (EpisodeRenderer ada = new EpisodeRenderer(new FliteEngine("flite", "rms", 60),
                RenderSettings.defaults().withJingle(false).withSpeaker("Ada"))) {
            oldStyle = ada.render(new EpisodeScript("hep-th/9901001", 1, "t", "d", List.of(
                    new Section(Kind.FINDINGS, "Findings", "Strings can be dual. Gravity in the bulk is a field "
                            + "theory on the boundary. That is all.", List.of(
                                    new Provenance("Strings can be dual.", "Abstract", null, 0,
                                            "We show that string theory on AdS5 is dual to a gauge theory."),
                                    new Provenance("Gravity in the bulk is a field theory on the boundary.",
                                            "Holography", "S2", 1, "Bulk gravity is described by a boundary CFT.")))),
                    "test"), info());
        }
    }

    static EpisodeRenderer.EpisodeInfo info() {
        return new EpisodeRenderer.EpisodeInfo("t", "PaperLedge", "2026", "c");
    }

    @AfterAll
    static void close() {
        if (renderer != null) {
            renderer.close();
        }
    }

    static JsonNode segment(JsonNode segments, String bodyStart) {
        List<JsonNode> found = new ArrayList<>();
        segments.forEach(s -> {
            if (s.path("body").asText().startsWith(bodyStart)) {
                found.add(s);
            }
        });
        assertThat(found).as("segments starting '%s'", bodyStart).hasSize(1);
        return found.get(0);
    }

    @Test
    void everySegmentIsAWebVttCueWithItsTimesAndTheScriptsWords() {
        JsonNode segments = JsonTranscripts.assertValidAndInStepWith(sourced.transcriptJson(), sourced.transcriptVtt());
        assertThat(JsonTranscripts.read(sourced.transcriptJson()).path("version").asText()).isEqualTo("1.0.0");
        assertThat(segments).allSatisfy(s -> assertThat(s.path("speaker").asText()).isEqualTo("Ernis"));
        // The normaliser rewrote these for the engine ("ten thousand", "G P U"); the transcript keeps the script's words.
        assertThat(segment(segments, "In their words").path("body").asText())
                .isEqualTo("In their words, this cuts the trainable parameters by 10,000 times, and the GPU memory by 3 times.");
        assertThat(new TextNormalizer().normalize("by 10,000 times")).doesNotContain("10,000");
        JsonTranscripts.assertValidAndInStepWith(unsourced.transcriptJson(), unsourced.transcriptVtt());
    }

    @Test
    void theSourceLandsOnTheLinesTakenFromThePaperAndNotOnTheHostsWords() {
        JsonNode segments = JsonTranscripts.read(sourced.transcriptJson()).path("segments");
        for (String host : List.of("Hey PaperLedge", "Today: LoRA", "Here is the idea.", "Neat.", "That is a big deal.",
                "Thanks for listening.")) {
            assertThat(segment(segments, host).has("source")).as(host).isFalse();
        }
        for (String fromS1 : List.of("The authors freeze", "Then they inject")) {
            JsonNode source = segment(segments, fromS1).path("source");
            assertThat(source.path("section").asText()).isEqualTo("Introduction");
            assertThat(source.path("paragraph").asInt()).isEqualTo(2);
            assertThat(source.path("text").asText()).isEqualTo(S1_TEXT);
            assertThat(source.path("url").asText()).isEqualTo("https://arxiv.org/html/2106.09685v2#S1");
        }
        JsonNode fromAbstract = segment(segments, "In their words").path("source");
        assertThat(fromAbstract.path("section").asText()).isEqualTo("Abstract");
        assertThat(fromAbstract.path("text").asText()).isEqualTo(ABSTRACT_TEXT);
        assertThat(fromAbstract.path("url").asText()).isEqualTo("https://arxiv.org/abs/2106.09685v2");

        // The long line is two cues (split at a clause); both parts carry its source.
        List<JsonNode> longLine = new ArrayList<>();
        segments.forEach(s -> {
            if (LONG_LINE.contains(s.path("body").asText())) {
                longLine.add(s);
            }
        });
        assertThat(longLine).hasSizeGreaterThanOrEqualTo(2);
        assertThat(longLine).allSatisfy(s -> {
            assertThat(s.path("source").path("text").asText()).isEqualTo(S5_TEXT);
            assertThat(s.path("source").path("url").asText()).isEqualTo("https://arxiv.org/html/2106.09685v2#S5");
        });
    }

    @Test
    void everySourceTextIsAProvenanceTextOfTheScriptVerbatim() {
        Set<String> provenance = SECTIONS.stream().flatMap(s -> s.provenance().stream()).map(Provenance::text)
                .collect(Collectors.toSet());
        List<String> texts = new ArrayList<>();
        JsonTranscripts.read(sourced.transcriptJson()).path("segments").forEach(s -> {
            if (s.has("source")) {
                texts.add(s.path("source").path("text").asText());
            }
        });
        assertThat(texts).hasSize(5).allSatisfy(t -> assertThat(provenance).contains(t));
        assertThat(Set.copyOf(texts)).isEqualTo(provenance);
    }

    @Test
    void eachChapterLinksToThePaperSectionItsLinesMostlyComeFromElseTheAbstractPage() {
        JsonNode chapters = JsonTranscripts.read(sourced.chaptersJson()).path("chapters");
        assertThat(chapters).extracting(c -> c.path("url").asText()).containsExactly(
                "https://arxiv.org/abs/2106.09685v2", // the host's introduction
                "https://arxiv.org/html/2106.09685v2#S1", // two lines from S1, one from the abstract
                "https://arxiv.org/html/2106.09685v2#S5",
                "https://arxiv.org/abs/2106.09685v2");
        assertThat(sourced.timeline().chapters()).extracting(c -> c.url()).containsExactly(
                "https://arxiv.org/abs/2106.09685v2", "https://arxiv.org/html/2106.09685v2#S1",
                "https://arxiv.org/html/2106.09685v2#S5", "https://arxiv.org/abs/2106.09685v2");
    }

    @Test
    void aScriptWithoutProvenanceGivesSegmentsWithoutSourceAndChaptersLinkingTheAbstract() {
        JsonNode segments = JsonTranscripts.read(unsourced.transcriptJson()).path("segments");
        assertThat(segments).isNotEmpty().allSatisfy(s -> assertThat(s.has("source")).isFalse());
        assertThat(JsonTranscripts.read(unsourced.chaptersJson()).path("chapters"))
                .allSatisfy(c -> assertThat(c.path("url").asText()).isEqualTo("https://arxiv.org/abs/2106.09685v2"));
    }

    @Test
    void anOldStyleIdGivesValidLinksAndTheConfiguredSpeakerNamesEverySegment() {
        JsonNode segments = JsonTranscripts.assertValidAndInStepWith(oldStyle.transcriptJson(), oldStyle.transcriptVtt());
        assertThat(segments).allSatisfy(s -> assertThat(s.path("speaker").asText()).isEqualTo("Ada"));
        assertThat(segment(segments, "Strings can be dual.").path("source").path("url").asText())
                .isEqualTo("https://arxiv.org/abs/hep-th/9901001v1");
        assertThat(segment(segments, "Gravity in the bulk").path("source").path("url").asText())
                .isEqualTo("https://arxiv.org/html/hep-th/9901001v1#S2");
        assertThat(segment(segments, "That is all.").has("source")).isFalse();
        assertThat(oldStyle.timeline().chapters().get(0).url()).isIn("https://arxiv.org/abs/hep-th/9901001v1",
                "https://arxiv.org/html/hep-th/9901001v1#S2");
    }

    @Test
    void theSchemaCatchesASegmentWithoutABodyOrWithStringTimes() {
        assertThat(JsonTranscripts.violations("{\"version\":\"1.0.0\",\"segments\":[{\"startTime\":0,\"endTime\":1,"
                + "\"speaker\":\"Ernis\"}]}")).isNotEmpty();
        assertThat(JsonTranscripts.violations("{\"version\":\"1.0.0\",\"segments\":[{\"startTime\":\"0\",\"endTime\":1,"
                + "\"speaker\":\"Ernis\",\"body\":\"Hi.\"}]}")).isNotEmpty();
    }
}
