package dev.paperledge.script.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.paperledge.contracts.EpisodeScript;
import dev.paperledge.contracts.EpisodeScript.Kind;

/**
 * Golden dialogue scripts: every fixture paper, from its abstract and, where the fixtures hold it,
 * from its full text, written for two hosts. Every rule of the solo show holds for the whole
 * dialogue; the turns alternate, each host carries at least a quarter of the words, and the co-host
 * asks the listener's questions.
 */
class DuoDialogueTest {
    static final Show DUO = Show.SOLO.withFormat("duo");
    final OfflineScriptWriter writer = new OfflineScriptWriter(OfflineScriptWriterTest.TARGET);

    @Test
    void everyFixturePaperMakesAConversationThatKeepsEveryRuleOfTheSoloShow() throws Exception {
        List<String> figures = new ArrayList<>();
        for (Fixtures.Paper p : Fixtures.all()) {
            List<ScriptRequest> requests = new ArrayList<>(List.of(duo(p.request())));
            if (p.hasFullText()) {
                requests.add(duo(p.fullTextRequest()));
            }
            for (ScriptRequest req : requests) {
                WrittenScript w = writer.write(req);
                EpisodeScript s = w.script();
                String label = p.arxivId() + (req.abstractOnly() ? " abstract" : " full text");

                // The solo show's rules, on the whole dialogue.
                OfflineScriptWriterTest.assertShowShape(s, req);
                ExplainMetrics.Figures f = ExplainMetrics.measure(s, req.paper().abstractText());
                assertThat(f.recitalPercent()).as("recital of %s", label).isLessThanOrEqualTo(10.0);
                assertThat(f.repeatedRuns()).as("repeated 8-word runs in %s", label).isZero();
                ExplainNotReciteTest.assertSpeakable(s, label);
                ExplainNotReciteTest.assertProvenance(s, req, label);
                assertThat(new ScriptGate(req, OfflineScriptWriterTest.TARGET).check(s)).as("the gate on %s", label).isEmpty();
                ExplainNotReciteTest.write(p.arxivId() + (req.abstractOnly() ? "-abstract" : "-fulltext") + "-duo", s);

                // Who speaks.
                assertThat(s.format()).isEqualTo("duo");
                assertThat(s.hosts()).extracting(EpisodeScript.Host::name).containsExactly("Ernis", "Sam");
                Map<String, Integer> words = new HashMap<>();
                int turns = 0;
                for (EpisodeScript.Section sec : s.sections()) {
                    assertThat(sec.lines()).as("lines of %s in %s", sec.kind(), label).isNotEmpty();
                    assertThat(String.join(Dialogue.separator(sec.kind()), sec.lines().stream().map(EpisodeScript.Line::text).toList()))
                            .as("the lines of %s are its text", sec.kind()).isEqualTo(sec.text());
                    for (int i = 1; i < sec.lines().size(); i++) {
                        assertThat(sec.lines().get(i).speaker()).as("turns alternate in %s of %s", sec.kind(), label)
                                .isNotEqualTo(sec.lines().get(i - 1).speaker());
                    }
                    for (EpisodeScript.Line line : sec.lines()) {
                        assertThat(line.speaker()).isIn("Ernis", "Sam");
                        words.merge(line.speaker(), EpisodeWords.count(line.text()), Integer::sum);
                    }
                    turns += sec.lines().size();
                    for (EpisodeScript.Provenance prov : sec.provenance()) {
                        assertThat(sec.lines()).as("a source's line is one speaker's in %s", label)
                                .anySatisfy(l -> assertThat(l.text()).contains(prov.spoken()));
                    }
                }
                int total = words.values().stream().mapToInt(Integer::intValue).sum();
                for (String host : List.of("Ernis", "Sam")) {
                    assertThat(words.getOrDefault(host, 0) * 100.0 / total).as("%s's share of %s", host, label)
                            .isGreaterThanOrEqualTo(25.0);
                }
                List<EpisodeScript.Line> hook = section(s, Kind.HOOK).lines();
                assertThat(hook.get(0).speaker()).isEqualTo("Ernis");
                assertThat(hook.get(0).text()).contains("Ernis").contains("Sam");
                assertThat(hook.get(1).speaker()).isEqualTo("Sam");
                for (Kind asked : List.of(Kind.METHOD, Kind.FINDINGS, Kind.WHY_IT_MATTERS)) {
                    EpisodeScript.Line first = section(s, asked).lines().get(0);
                    assertThat(first.speaker()).as("who opens %s in %s", asked, label).isEqualTo("Sam");
                    assertThat(first.text()).as("%s opens with a question", asked).contains("?");
                }
                assertThat(section(s, Kind.CREDITS).lines()).extracting(EpisodeScript.Line::speaker).containsExactly("Ernis");
                figures.add(String.format(Locale.ROOT, "%-22s words %d  Ernis %d %%  Sam %d %%  turns %d  recital %.1f %%",
                        label, total, words.get("Ernis") * 100 / total, words.get("Sam") * 100 / total, turns,
                        f.recitalPercent()));
            }
        }
        figures.forEach(System.out::println);
    }

    @Test
    void theSoloShowIsUnchangedAndTheMarkdownSaysWhoSpeaks() throws Exception {
        Fixtures.Paper lora = Fixtures.seeds().stream().filter(p -> p.arxivId().equals("2106.09685")).findFirst().orElseThrow();
        EpisodeScript solo = writer.write(lora.request()).script();
        assertThat(solo.format()).isEqualTo("solo");
        assertThat(solo.hosts()).extracting(EpisodeScript.Host::name).containsExactly("Ernis");
        assertThat(solo.sections()).allSatisfy(sec -> assertThat(sec.lines()).isEmpty());

        EpisodeScript duo = writer.write(duo(lora.request())).script();
        String md = ScriptMarkdown.render(duo);
        System.out.println(md);
        assertThat(md).contains("format: duo, hosts: Ernis and Sam").contains("**Ernis:** Hey PaperLedge learning crew")
                .contains("**Sam:** ");
        // The same paper, the same facts: the dialogue says what the solo script says, plus the co-host's questions.
        assertThat(duo.sections().stream().mapToInt(sec -> sec.provenance().size()).sum())
                .isEqualTo(solo.sections().stream().mapToInt(sec -> sec.provenance().size()).sum());
    }

    @Test
    void theHostsNamesAreTheShowsAndBadFormatsAreRefused() throws Exception {
        Fixtures.Paper p = Fixtures.seeds().get(3);
        Show show = new Show("DUO ", "Ernis", "Priya");
        EpisodeScript s = writer.write(new ScriptRequest(p.arxivId(), 1, p.summary(), p.abstractText(), show)).script();
        assertThat(s.hosts()).extracting(EpisodeScript.Host::name).containsExactly("Ernis", "Priya");
        assertThat(s.sections().get(0).lines().get(0).text()).contains("Priya");
        assertThatThrownBy(() -> new Show("trio", "Ernis", "Sam")).hasMessageContaining("unknown show format 'trio'")
                .hasMessageContaining("[solo, duo]");
        assertThatThrownBy(() -> new Show("duo", "Ernis", "ernis")).hasMessageContaining("different names");
    }

    static ScriptRequest duo(ScriptRequest r) {
        return new ScriptRequest(r.arxivId(), r.version(), r.paper(), r.text(), DUO);
    }

    static EpisodeScript.Section section(EpisodeScript s, Kind k) {
        return s.sections().stream().filter(x -> x.kind() == k).findFirst().orElseThrow();
    }
}
