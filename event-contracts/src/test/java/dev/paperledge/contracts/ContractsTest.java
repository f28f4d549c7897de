package dev.paperledge.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

class ContractsTest {

    private static PaperSummary paper(List<String> authors) {
        return new PaperSummary("LoRA: Low-Rank Adaptation of Large Language Models", authors, "abstract", "cs.CL",
                "Computation and Language", LocalDate.of(2021, 6, 17), "https://arxiv.org/abs/2106.09685");
    }

    @Test
    void episodeTitleIsCategoryNameDashTitle() {
        assertThat(paper(List.of("A")).episodeTitle())
                .isEqualTo("Computation and Language - LoRA: Low-Rank Adaptation of Large Language Models");
    }

    @Test
    void episodeTitleFallsBackWhenArxivListsNoCategory() {
        var noCategory = new PaperSummary("The Stack", List.of("A"), "x", null, null, null, null);
        assertThat(noCategory.episodeTitle()).isEqualTo("arXiv - The Stack");
        var codeOnly = new PaperSummary("T", List.of("A"), "x", "cs.XX", null, null, null);
        assertThat(codeOnly.episodeTitle()).isEqualTo("cs.XX - T");
    }

    @Test
    void creditLineJoinsAuthorsTheWayTheShowDoes() {
        assertThat(paper(List.of("Ada")).creditLine()).isEqualTo("Ada");
        assertThat(paper(List.of("Ada", "Bob")).creditLine()).isEqualTo("Ada and Bob");
        assertThat(paper(List.of("Ada", "Bob", "Cy")).creditLine()).isEqualTo("Ada, Bob and Cy");
        assertThat(paper(List.of()).creditLine()).isEmpty();
    }

    @Test
    void eventIdsAreDeterministicPerPaperVersionStageAndRun() {
        var a = new ScriptReady("2106.09685", 2, 1, paper(List.of("A")), "t", "d", "k", "m", 600, "offline",
                Instant.parse("2026-01-01T00:00:00Z"));
        var again = new ScriptReady("2106.09685", 2, 1, paper(List.of("A")), "t", "d", "k", "m", 600, "offline",
                Instant.parse("2026-02-01T00:00:00Z"));
        var rerun = new ScriptReady("2106.09685", 2, 2, paper(List.of("A")), "t", "d", "k", "m", 600, "offline",
                Instant.parse("2026-02-01T00:00:00Z"));
        assertThat(a.eventId()).isEqualTo(again.eventId()).isEqualTo("2106.09685v2/script/r1/paperledge.script.ready.v1");
        assertThat(rerun.eventId()).isNotEqualTo(a.eventId());
    }

    @Test
    void failureIdsDifferPerAttempt() {
        var first = new StageFailed("2106.09685", 1, 1, Stage.AUDIO, "x", 1, true, Instant.EPOCH);
        var second = new StageFailed("2106.09685", 1, 1, Stage.AUDIO, "x", 2, true, Instant.EPOCH);
        assertThat(first.eventId()).isNotEqualTo(second.eventId());
        assertThat(first.stage()).isEqualTo(Stage.AUDIO);
    }

    @Test
    void objectKeysFlattenOldStyleIdsAndRefuseTraversal() {
        assertThat(ObjectKeys.paper("hep-th/9901001", 1, "sections.json"))
                .isEqualTo("papers/hep-th_9901001/v1/sections.json");
        assertThat(ObjectKeys.audio("2106.09685", 2, 3, "episode.mp3")).isEqualTo("audio/2106.09685/v2/r3/episode.mp3");
        assertThatThrownBy(() -> ObjectKeys.paper("../etc", 1, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ObjectKeys.paper("a b", 1, "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void scriptCountsSpokenWords() {
        var s = new EpisodeScript("x", 1, "t", "d", List.of(
                new EpisodeScript.Section(EpisodeScript.Kind.HOOK, "Hook", "Hey PaperLedge learning crew, Ernis here."),
                new EpisodeScript.Section(EpisodeScript.Kind.SIGN_OFF, "Bye", "  ")), "offline");
        assertThat(s.wordCount()).isEqualTo(6);
    }
}
