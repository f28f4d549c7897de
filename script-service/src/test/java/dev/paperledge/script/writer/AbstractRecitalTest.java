package dev.paperledge.script.writer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.paperledge.contracts.EpisodeScript;
import dev.paperledge.contracts.EpisodeScript.Kind;

/**
 * Abstract-only episodes tell the abstract in the host's words rather than read it back: on every
 * fixture abstract (the eight seeds, the three full-text papers' abstracts, the thin papers and
 * Maldacena's physics abstract), solo and duo, at most 4 % of the episode's words sit in 8-word runs
 * of the abstract, measured the way {@code shared/tools/explaincheck.py} measures a transcript (the
 * real show is at 1–4 %), while the episode still says what the paper did and found. No line passes
 * a noun phrase off as a finding, and no takeaway says "First," without a second.
 */
public class AbstractRecitalTest {
    static final double MAX_RECITAL = 0.04;
    final OfflineScriptWriter writer = new OfflineScriptWriter(OfflineScriptWriterTest.TARGET);

    /** A reporting lead followed by a noun phrase only: "Here's what they report: their best model family, which …". */
    private static final Pattern REPORTING_LEAD = Pattern.compile(
            "(?:Here's what they report|According to the paper|The headline\\?|What they found)[:,]?\\s+([^.!?]+)[.!]");
    /** Something that makes words a clause: a verb form or a subject pronoun with its verb. */
    private static final Pattern VERB = Pattern.compile(
            "\\b(?:is|are|was|were|has|have|had|can|could|will|would|may|might|should|must|does|do|did|[a-z]{2,}(?:s|ed))\\b");

    @Test
    void abstractOnlyEpisodesReciteAtMostFourPercentAndStillSayWhatThePaperDidAndFound() throws Exception {
        List<String> figures = new ArrayList<>();
        for (ScriptRequest solo : requests()) {
            for (ScriptRequest req : List.of(solo, DuoDialogueTest.duo(solo))) {
                EpisodeScript s = writer.write(req).script();
                String label = req.arxivId() + " " + req.show().format();
                double r = explaincheckRecital(s, req.paper().abstractText());
                figures.add(String.format(Locale.ROOT, "%-24s recital %4.1f %% of %d words", label, r * 100, spokenTokens(s).size()));
                ExplainNotReciteTest.write(req.arxivId().replace('/', '_') + "-recital-" + req.show().format(), s);
                assertThat(r).as("recital of %s", label).isLessThanOrEqualTo(MAX_RECITAL);
                assertThat(new ScriptGate(req, OfflineScriptWriterTest.TARGET).check(s)).as("the gate on %s", label).isEmpty();
                assertNoOddLines(s, label);
            }
        }
        figures.forEach(System.out::println);
    }

    @Test
    void abstractOnlyEpisodesStillTellWhatWasDoneAndFound() throws Exception {
        for (Fixtures.Paper p : Fixtures.seeds()) {
            EpisodeScript s = writer.write(p.request()).script();
            // Lines traced to the abstract in the method and the findings: the paper's content is told, not dropped.
            assertThat(sourced(s, Kind.METHOD) + sourced(s, Kind.FINDINGS)).as("abstract lines told in the method and findings of %s",
                    p.arxivId()).isGreaterThanOrEqualTo(1);
        }
        Fixtures.Paper qlora = Fixtures.seeds().stream().filter(p -> p.arxivId().equals("2305.14314")).findFirst().orElseThrow();
        EpisodeScript s = writer.write(qlora.request()).script();
        assertThat(sourced(s, Kind.METHOD) + sourced(s, Kind.FINDINGS)).isGreaterThanOrEqualTo(3);
        // What QLoRA does, not only its name: the cut of its long defining sentence keeps the saving.
        assertThat(OfflineScriptWriterTest.section(s, Kind.METHOD)).contains("65B", "single 48GB GPU");
        // The best model is said with what it did, not as a noun phrase after "Here's what they report:".
        assertThat(OfflineScriptWriterTest.section(s, Kind.FINDINGS)).containsPattern("called Guanaco, beats [^.]+ on the Vicuna benchmark\\.");
        assertThat(OfflineScriptWriterTest.section(s, Kind.TAKEAWAYS)).doesNotContain("First,");
        System.out.println(ScriptMarkdown.render(s));
    }

    @Test
    void theHostRetellsRatherThanReadsBack() {
        // The paper's sentence (already in plain words) and how the host tells it.
        Map<String, String> retold = new LinkedHashMap<>();
        retold.put("They find that current chatbot benchmarks are not reliable.", "They find current chatbot benchmarks are not reliable.");
        retold.put("Their best model family, which they name Guanaco, beats all previous models.",
                "Their best model family, called Guanaco, beats all previous models.");
        retold.put("They release all of their models and code, including CUDA kernels for 4-bit training.",
                "They release all of their models and code. That includes CUDA kernels for 4-bit training.");
        retold.put("They present QLoRA, an efficient approach that cuts memory usage enough to fit on one GPU.",
                "They present QLoRA, an efficient approach. It cuts memory usage enough to fit on one GPU.");
        retold.put("They show that the method is so fast that it beats every other solver in the study.",
                "They show the method is so fast that it beats every other solver in the study.");
        retold.put("They can still trust the geometry.", "They can still trust the geometry.");
        // ", and" starts a sentence only before a clause of its own, never before a noun phrase.
        retold.put("They measured the growth of every colony in the dish, and the colonies were larger in the warm plates.",
                "They measured the growth of every colony in the dish. Plus, the colonies were larger in the warm plates.");
        retold.put("They outline practices drawing on their collective experience, and the experience of the researchers they have met.",
                "They outline practices drawing on their collective experience, and the experience of the researchers they have met.");
        retold.put("They cooled the crystal below two kelvin in a vacuum chamber, and it stayed superconducting for a week.",
                "They cooled the crystal below two kelvin in a vacuum chamber. Plus, it stayed superconducting for a week.");
        retold.forEach((paper, host) -> assertThat(SpokenText.retold(paper)).isEqualTo(host));
        assertThat(OfflineScriptWriter.mainClause("Their best model family, which they name Guanaco")).isEqualTo("Their best model family");
    }

    private static long sourced(EpisodeScript s, Kind kind) {
        return s.sections().stream().filter(x -> x.kind() == kind).mapToLong(x -> x.provenance().size()).sum();
    }

    static void assertNoOddLines(EpisodeScript s, String label) {
        String all = OfflineScriptWriterTest.all(s);
        Matcher m = REPORTING_LEAD.matcher(all);
        while (m.find()) {
            String said = OfflineScriptWriter.mainClause(m.group(1));
            assertThat(VERB.matcher(said).find()).as("a finding of %s that is a bare noun phrase: %s", label, m.group()).isTrue();
        }
        String takeaways = OfflineScriptWriterTest.section(s, Kind.TAKEAWAYS);
        if (!takeaways.contains("Second, ") && !takeaways.contains("second, ")) {
            assertThat(takeaways).as("a plural intro before one takeaway in %s", label).doesNotContain("takeaways");
        }
        if (takeaways.contains("First, ")) {
            assertThat(takeaways).as("a \"First,\" with no second in %s", label).containsAnyOf("Second, ", "second, ");
        }
        assertThat(all).as("a keyword list passed off as the gist in %s", label).doesNotContain("it's a paper about")
                .doesNotContain("this one is about");
    }

    /** Every abstract the tests hold: the eight seeds, the full-text papers' abstracts, the thin papers, a physics abstract. */
    static List<ScriptRequest> requests() throws Exception {
        List<ScriptRequest> out = new ArrayList<>();
        Fixtures.all().forEach(p -> out.add(p.request()));
        ThinMaterialTest.THIN.forEach(p -> out.add(p.request(Show.SOLO)));
        out.add(new ScriptRequest("hep-th/9711200", 1, OfflineScriptWriterTest.summary(
                "The Large N Limit of Superconformal Field Theories and Supergravity", "hep-th", List.of("Juan M. Maldacena"),
                ExplainNotReciteTest.MALDACENA), null));
        return out;
    }

    /** explaincheck.py's recital: the spoken words without credits and quoted spans, in 8-word runs of the abstract. */
    static double explaincheckRecital(EpisodeScript s, String abstractText) {
        List<String> t = spokenTokens(s);
        List<String> a = tokens(abstractText);
        Set<String> runs = new HashSet<>();
        for (int i = 0; i + 8 <= a.size(); i++) {
            runs.add(String.join(" ", a.subList(i, i + 8)));
        }
        boolean[] cov = new boolean[t.size()];
        for (int i = 0; i + 8 <= t.size(); i++) {
            if (runs.contains(String.join(" ", t.subList(i, i + 8)))) {
                java.util.Arrays.fill(cov, i, i + 8, true);
            }
        }
        int n = 0;
        for (boolean c : cov) {
            n += c ? 1 : 0;
        }
        return (double) n / Math.max(1, t.size());
    }

    static List<String> spokenTokens(EpisodeScript s) {
        StringBuilder sb = new StringBuilder();
        s.sections().stream().filter(x -> x.kind() != Kind.CREDITS).forEach(x -> sb.append(x.text()).append(' '));
        return tokens(sb.toString().replaceAll("[\"\u201c][^\"\u201d]{20,600}[\"\u201d]", " "));
    }

    static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("[a-z0-9]+").matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }
}
