package dev.paperledge.script.writer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import dev.paperledge.contracts.EpisodeScript;
import dev.paperledge.contracts.EpisodeScript.Kind;
import dev.paperledge.contracts.PaperSummary;
import dev.paperledge.contracts.PaperText;

class OfflineScriptWriterTest {
    static final int TARGET = 600;
    final OfflineScriptWriter writer = new OfflineScriptWriter(TARGET);

    @Test
    void everyFixturePaperGetsAGroundedScriptInTheShowsShape() throws Exception {
        List<Fixtures.Paper> papers = Fixtures.all();
        assertThat(papers).hasSize(11);
        StringBuilder counts = new StringBuilder();
        for (Fixtures.Paper p : papers) {
            ScriptRequest req = p.request();
            WrittenScript w = writer.write(req);
            EpisodeScript s = w.script();
            assertShowShape(s, req);
            assertThat(s.episodeTitle()).isEqualTo(p.summary().episodeTitle());
            counts.append(p.arxivId()).append('=').append(s.wordCount()).append(' ');
            System.out.println("---- " + p.arxivId() + " (" + s.wordCount() + " words)\n" + ScriptMarkdown.render(s));
        }
        System.out.println("fixture word counts: " + counts);
    }

    @Test
    void theSameFixtureAlwaysGetsTheSameScript() throws Exception {
        Fixtures.Paper p = Fixtures.seeds().get(0);
        assertThat(writer.write(p.request()).script()).isEqualTo(new OfflineScriptWriter(TARGET).write(p.request()).script());
    }

    @Test
    void anAbstractOnlyPaperWithNoTextAtAllUsesTheSummarysAbstract() throws Exception {
        Fixtures.Paper p = Fixtures.seeds().get(3);
        ScriptRequest req = new ScriptRequest(p.arxivId(), 1, p.summary(), null);
        assertThat(req.abstractOnly()).isTrue();
        assertShowShape(writer.write(req).script(), req);
    }

    @Test
    void aPaperOfTwoSentencesGetsAShortEpisodeWithoutInventedNumbers() {
        PaperSummary s = summary("Tiny Paper: A Note on Short Abstracts", "cs.LG", List.of("Ada Lovelace"),
                "Short abstracts make it hard for listeners to understand a paper. We propose reading them slowly, which improves recall by 12% in our study.");
        ScriptRequest req = new ScriptRequest("2401.00001", 1, s, null);
        WrittenScript w = writer.write(req);
        assertShowShape(w.script(), req);
        assertThat(Grounding.numbers(all(w.script()))).containsOnly("12");
        assertThat(w.script().wordCount()).isLessThan((int) (TARGET * 0.8));
    }

    @Test
    void aVeryLongPaperIsCutDownToTheTarget() {
        PaperSummary s = summary("Endless: A Very Long Study of Everything", "cs.LG", List.of("A. Author", "B. Author", "C. Author"),
                "We study long papers. We propose a method that reduces cost by 42% on long inputs. Our results show it outperforms baselines.");
        List<PaperText.Section> sections = new ArrayList<>();
        sections.add(new PaperText.Section("Abstract", s.abstractText()));
        SplittableRandom r = new SplittableRandom(7);
        String[] heads = { "Introduction", "Method", "Experiments", "Results", "Discussion", "Limitations", "Conclusion" };
        String[] words = "model data training result method layer accuracy memory speech network sample bound graph token budget"
                .split(" ");
        for (int sec = 0; sec < 60; sec++) {
            StringBuilder t = new StringBuilder();
            for (int i = 0; i < 80; i++) {
                t.append("We show that the ").append(words[r.nextInt(words.length)]).append(" improves the ")
                        .append(words[r.nextInt(words.length)]).append(" by ").append(r.nextInt(90) + 1).append(".")
                        .append(r.nextInt(10)).append("% compared with the ").append(words[r.nextInt(words.length)])
                        .append(" baseline in Fig. ").append(r.nextInt(9) + 1).append(", e.g. on the ")
                        .append(words[r.nextInt(words.length)]).append(" task. ");
            }
            sections.add(new PaperText.Section(heads[sec % heads.length], t.toString()));
        }
        sections.add(new PaperText.Section("References", "[1] A. Author. A paper. 2020."));
        ScriptRequest req = new ScriptRequest("2401.00002", 1, s, new PaperText("2401.00002", 1, "HTML", sections));
        long t0 = System.nanoTime();
        WrittenScript w = writer.write(req);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertShowShape(w.script(), req);
        System.out.println("very long paper (" + EpisodeScript.countWords(req.text().fullText()) + " words) written in " + ms + " ms");
    }

    @Test
    void theLengthTargetIsConfigurable() throws Exception {
        Fixtures.Paper p = Fixtures.seeds().get(0);
        int words = new OfflineScriptWriter(450).write(p.request()).script().wordCount();
        assertThat(words).isBetween(360, 540);
    }

    @Test
    void referencesAndAcknowledgementsAreNeverSpoken() throws Exception {
        Fixtures.Paper p = Fixtures.seeds().get(0);
        PaperText text = new PaperText(p.arxivId(), 1, "HTML", List.of(
                new PaperText.Section("Abstract", p.summary().abstractText()),
                new PaperText.Section("Acknowledgements", "We thank the Zanzibar foundation for generous support of this work."),
                new PaperText.Section("References", "Zanzibar, Q. Adapters considered harmful. Journal of Zanzibar Studies, 2019.")));
        ScriptRequest req = new ScriptRequest(p.arxivId(), 1, p.summary(), text);
        WrittenScript w = writer.write(req);
        assertShowShape(w.script(), req);
        assertThat(all(w.script())).doesNotContain("Zanzibar");
        assertThat(w.grounding().grounded()).isTrue();
    }

    static void assertShowShape(EpisodeScript s, ScriptRequest req) {
        assertThat(s.sections()).extracting(EpisodeScript.Section::kind).containsExactly(Kind.values());
        assertThat(s.sections()).allSatisfy(sec -> assertThat(sec.text()).isNotBlank());
        int target = EpisodeLength.target(req, TARGET);
        assertThat(s.wordCount()).as("word count of %s (its target %d)", req.arxivId(), target)
                .isBetween((int) (target * 0.8), (int) (target * 1.2));
        assertThat(section(s, Kind.HOOK)).startsWith("Hey PaperLedge learning crew, Ernis here");
        assertThat(section(s, Kind.CREDITS)).isEqualTo("Credit to Paper authors: " + req.paper().creditLine());
        Grounding g = new Grounding(req.groundingText());
        List<String> quotes = Grounding.quotes(section(s, Kind.QUOTE));
        assertThat(quotes).hasSize(1);
        assertThat(Grounding.normalise(req.groundingText())).contains(Grounding.normalise(quotes.get(0)));
        for (EpisodeScript.Section sec : s.sections()) {
            assertThat(g.problems(sec.text())).as("grounding of %s in %s", sec.kind(), req.arxivId()).isEmpty();
            assertThat(sec.text()).doesNotContain("http").doesNotContain("$").doesNotContain("\\").doesNotContain("~");
        }
        long audiences = section(s, Kind.WHY_IT_MATTERS).lines().filter(l -> l.startsWith("For ")).count();
        assertThat(audiences).isGreaterThanOrEqualTo(2);
        assertThat(section(s, Kind.QUESTIONS)).contains("?");
        assertThat(s.description()).isNotBlank();
        assertThat(s.writer()).isEqualTo("offline");
    }

    static String section(EpisodeScript s, Kind k) {
        return s.sections().stream().filter(x -> x.kind() == k).findFirst().orElseThrow().text();
    }

    static String all(EpisodeScript s) {
        return String.join("\n", s.sections().stream().map(EpisodeScript.Section::text).toList());
    }

    static PaperSummary summary(String title, String cat, List<String> authors, String abs) {
        return new PaperSummary(title, authors, abs, cat, cat.toUpperCase(Locale.ROOT), LocalDate.of(2024, 1, 1),
                "https://arxiv.org/abs/x");
    }
}
