package dev.paperledge.script.writer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.paperledge.contracts.EpisodeScript;
import dev.paperledge.contracts.EpisodeScript.Kind;
import dev.paperledge.contracts.PaperSummary;

/**
 * Thin material (an abstract of a sentence or two, from several fields, some of them odd) makes a
 * short episode that still has the show's frame and clears the gate, solo and duo, with no line
 * that could be said of any paper; rich papers keep the configured length.
 */
class ThinMaterialTest {
    static final int TARGET = OfflineScriptWriterTest.TARGET;
    final OfflineScriptWriter writer = new OfflineScriptWriter(TARGET);

    record Paper(String id, String title, String category, String categoryName, String abs) {
        ScriptRequest request(Show show) {
            PaperSummary s = new PaperSummary(title, List.of("J. Q. Physicist", "A. N. Other"), abs, category, categoryName,
                    LocalDate.of(1999, 1, 4), "https://arxiv.org/abs/" + id);
            return new ScriptRequest(id, 1, s, null, show);
        }
    }

    /** Abstract-only papers that give little: physics, biology, mathematics, computer science; LaTeX, one long sentence, French. */
    static final List<Paper> THIN = List.of(
            // The arXiv answer of ingest-service's atom/hep-th_9901001.atom.xml, as ingest reads it.
            new Paper("hep-th/9901001", "A Test Record for an Old-Style Identifier: Strings on Branes", "hep-th", "hep-th",
                    "We consider strings on branes. The abstract is wrapped across lines, as the API does."),
            new Paper("q-bio/0401001", "The genome of the tardigrade Hypsibius dujardini", "q-bio.GN", "Genomics",
                    "We report a draft genome sequence of the tardigrade Hypsibius dujardini, an animal that survives complete desiccation."),
            new Paper("math/0211159", "Zeros of random polynomials over finite fields", "math.NT", "Number Theory",
                    "We prove that a random polynomial of degree n over a finite field has on average one root in the field. "
                            + "We also bound the variance of the number of roots."),
            new Paper("hep-th/0301234", "One-loop partition function of $\\mathcal{N}=4$ super Yang-Mills on $S^3$", "hep-th",
                    "High Energy Physics - Theory",
                    "We compute the one-loop partition function of $\\mathcal{N}=4$ super Yang-Mills theory on $S^3 \\times \\mathbb{R}$ "
                            + "and match it to the spectrum of the dual supergravity on $AdS_5$."),
            new Paper("cs/9905012", "A linear-time heuristic for scheduling jobs on identical machines", "cs.DS",
                    "Data Structures and Algorithms",
                    "We describe a simple heuristic that schedules independent jobs on identical parallel machines by sorting the jobs by "
                            + "length, assigning each job in turn to the machine with the least load, and then repairing the schedule with "
                            + "local swaps between the two most loaded machines until no swap lowers the makespan, and we argue that on "
                            + "the instances that arise in practice in batch computing centres this procedure stays within a few percent "
                            + "of the optimum while running in time close to linear in the number of jobs."),
            new Paper("math/0305001", "Sur les fibrés de Higgs et la correspondance de Simpson", "math.AG", "Algebraic Geometry",
                    "Nous démontrons que la correspondance de Simpson entre fibrés de Higgs et systèmes locaux est compatible avec "
                            + "les images directes. Nous en déduisons une formule pour les fibrés de Higgs de rang deux sur une courbe."),
            new Paper("cs/0102003", "Caching results of pure functions", "cs.PL", "Programming Languages",
                    "Pure functions can be cached safely."));

    /** The generic lines the writer used to pad with; none may come back. */
    static final List<String> STOCK_FILLER = List.of(
            "The recipe itself is detailed, so I'd really encourage you to read the full paper",
            "Papers like this one pack a lot into very few words",
            "every single word was chosen on purpose",
            "Let me say that again in my own words",
            "it's always worth asking what exactly was measured",
            "imagine explaining an idea like this to a friend over coffee",
            "one careful idea can ripple out in directions nobody expected",
            "Questions like these are where the next papers come from",
            "I know that might sound a little abstract at first",
            "Stick with me here, because once this clicks",
            "Let me pause there for a second, because that's the heart of it",
            "If that felt like a lot, don't worry",
            "That's worth sitting with for a moment",
            "a result is only as good as the question behind it",
            "I'll keep the results short here",
            "a question that's easy to state and surprisingly hard to answer",
            "a careful question, tested honestly, is worth more than a flashy claim",
            "the details of how something is measured decide what we're allowed to conclude",
            "Picture a carpenter", "jigsaw puzzle", "an explorer drawing a map");

    @Test
    void thinAbstractsFromSeveralFieldsGetShortEpisodesThatClearTheGate() throws Exception {
        List<String> figures = new ArrayList<>();
        for (Paper p : THIN) {
            for (Show show : List.of(Show.SOLO, DuoDialogueTest.DUO)) {
                ScriptRequest req = p.request(show);
                String label = p.id() + " " + show.format();
                int target = EpisodeLength.target(req, TARGET);
                EpisodeScript s = writer.write(req).script();
                assertThat(target).as("target of %s", label).isLessThan((int) (TARGET * 0.7));
                assertThat(s.wordCount()).as("words of %s", label).isLessThan((int) (TARGET * 0.8));
                OfflineScriptWriterTest.assertShowShape(s, req);
                ExplainNotReciteTest.assertSpeakable(s, label);
                assertThat(OfflineScriptWriterTest.section(s, Kind.HOOK)).as(label).containsIgnoringCase("abstract");
                ExplainMetrics.Figures f = ExplainMetrics.measure(s, p.abs());
                assertThat(f.recitalPercent()).as("recital of %s", label).isLessThanOrEqualTo(10.0);
                assertThat(f.repeatedRuns()).as("repeats in %s", label).isZero();
                assertThat(new ScriptGate(req, TARGET).check(s)).as("the gate on %s", label).isEmpty();
                figures.add(String.format(Locale.ROOT, "%-22s target %3d  words %3d  recital %4.1f %%", label, target, s.wordCount(),
                        f.recitalPercent()));
                ExplainNotReciteTest.write("thin-" + p.id().replace('/', '_') + "-" + show.format(), s);
            }
        }
        figures.forEach(System.out::println);
    }

    @Test
    void aResultStatedOnlyInTheQuoteIsAnnouncedAndTheFirstLineHeardSaysNoAlso() throws Exception {
        for (Show show : List.of(Show.SOLO, DuoDialogueTest.DUO)) {
            EpisodeScript s = writer.write(THIN.get(2).request(show)).script();
            String all = OfflineScriptWriterTest.all(s);
            // "We prove that … one root in the field" is the result: never "the abstract says little about what came out".
            assertThat(all).as(show.format()).contains("one root in the field").doesNotContain("says little about what came out")
                    .doesNotContainPattern("(?i)\\bthey also bound").doesNotContain("random polynomial,").doesNotContain("random polynomial.");
        }
    }

    @Test
    void noEpisodeCarriesStockFillerAndEveryHostLineNamesThisPaper() throws Exception {
        List<ScriptRequest> requests = new ArrayList<>();
        THIN.forEach(p -> requests.add(p.request(Show.SOLO)));
        THIN.forEach(p -> requests.add(p.request(DuoDialogueTest.DUO)));
        for (Fixtures.Paper p : Fixtures.all()) {
            requests.add(p.request());
            if (p.hasFullText()) {
                requests.add(p.fullTextRequest());
            }
        }
        for (ScriptRequest req : requests) {
            EpisodeScript s = writer.write(req).script();
            String all = OfflineScriptWriterTest.all(s);
            String label = req.arxivId() + " " + req.text().source() + " " + req.show().format();
            for (String filler : STOCK_FILLER) {
                assertThat(all).as("stock filler in %s", label).doesNotContain(filler);
            }
            assertThat(notAboutThisPaper(s, req)).as("sentences of %s that could be said of any paper", label).isEmpty();
        }
    }

    @Test
    void richPapersKeepTheConfiguredLength() throws Exception {
        for (Fixtures.Paper p : Fixtures.withFullText()) {
            ScriptRequest req = p.fullTextRequest();
            assertThat(EpisodeLength.target(req, TARGET)).as("target of %s", p.arxivId()).isEqualTo(TARGET);
            assertThat(writer.write(req).script().wordCount()).as("words of %s", p.arxivId())
                    .isBetween((int) (TARGET * 0.95), (int) (TARGET * 1.1));
        }
        Fixtures.Paper lora = Fixtures.seeds().stream().filter(p -> p.arxivId().equals("2106.09685")).findFirst().orElseThrow();
        assertThat(EpisodeLength.target(lora.request(), TARGET)).as("a rich abstract").isEqualTo(TARGET);
        assertThat(EpisodeLength.target(lora.request(), 450)).as("the configured target stays the ceiling").isEqualTo(450);
    }

    @Test
    void theTargetGrowsWithWhatThePaperSaysBetweenTheFrameAndTheCeiling() {
        String[] names = { "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet", "kilo", "lima" };
        StringBuilder abs = new StringBuilder();
        int previous = 0;
        for (int n = 0; n <= names.length; n++) {
            if (n > 0) {
                abs.append("The ").append(names[n - 1]).append(" heuristic assigns each job to the machine with the least load. ");
            }
            ScriptRequest req = new Paper("2401.00001", "Load balancing by least load", "cs.DS", "Data Structures and Algorithms",
                    abs.toString().strip()).request(Show.SOLO);
            int target = EpisodeLength.target(req, TARGET);
            assertThat(target).as("target with %d sentences", n).isBetween(EpisodeLength.FRAME_WORDS, TARGET)
                    .isGreaterThanOrEqualTo(previous);
            previous = target;
        }
        assertThat(previous).as("a dozen sentences reach the ceiling").isEqualTo(TARGET);
        assertThat(EpisodeLength.target(THIN.get(0).request(Show.SOLO), 200)).as("a ceiling under the frame wins").isEqualTo(200);
    }

    @Test
    void anAnalogyIsChosenOnlyWhenThePapersWordsCallForIt() throws Exception {
        AnalogyLibrary library = AnalogyLibrary.load();
        assertThat(library.all()).noneMatch(AnalogyLibrary.Analogy::fallback);
        Paper strings = THIN.get(0);
        assertThat(library.choose(strings.category(), strings.title(), strings.abs())).as("strings on branes").isNull();
        // Its category alone, with one passing mention, is not enough.
        assertThat(library.choose("cs.LG", "A note on training", "We report one gradient.")).isNull();
        Fixtures.Paper lora = Fixtures.seeds().stream().filter(p -> p.arxivId().equals("2106.09685")).findFirst().orElseThrow();
        assertThat(library.choose("cs.CL", lora.summary().title(), lora.summary().abstractText()).id()).isEqualTo("adaptation");
    }

    @Test
    void theTopicIsTheTitlesWordsThatTheTextSaysToo() {
        assertThat(OfflineScriptWriter.topic(THIN.get(0).title(), THIN.get(0).abs())).isEqualTo("strings on branes");
        assertThat(OfflineScriptWriter.topic(THIN.get(1).title(), THIN.get(1).abs())).isEqualTo("tardigrade Hypsibius dujardini");
        assertThat(OfflineScriptWriter.topic(THIN.get(2).title(), THIN.get(2).abs())).isEqualTo("random polynomials");
        String latex = OfflineScriptWriter.topic(SpokenText.title(THIN.get(3).title()), THIN.get(3).abs());
        assertThat(latex).isEqualTo("one-loop partition function").doesNotContain("$").doesNotContain("\\");
        assertThat(OfflineScriptWriter.topic("Where plasmids spread: spatial structure governs resistance transfer",
                "Plasmid transfer and resistance spread. Resistance spreads at the edge.")).isEqualTo("resistance transfer");
        assertThat(OfflineScriptWriter.topic("Something else entirely", "Biofilms grow; biofilms spread.")).isEqualTo("Biofilms");
        assertThat(OfflineScriptWriter.topic("Something else entirely", "")).isEqualTo("Something else entirely");
        assertThat(SpokenText.title(THIN.get(3).title())).isEqualTo("One-loop partition function of N=4 super Yang-Mills on S3");
        // The text's own words complete a noun phrase the title breaks off ("jobs on identical" would name nothing; the noun phrase alone when long),
        // and a capital that only opens a sentence is not kept ("a picture for Pure functions").
        assertThat(OfflineScriptWriter.topic(THIN.get(4).title(), THIN.get(4).abs())).isEqualTo("identical parallel machines");
        assertThat(OfflineScriptWriter.topic("Caching results of pure functions", "Pure functions can be cached safely."))
                .isEqualTo("pure functions");
        assertThat(OfflineScriptWriter.topic("Robust speech recognition via weak supervision",
                "Robust speech processing is hard. We study robust speech.")).isEqualTo("robust speech");
        assertThat(OfflineScriptWriter.topic("Monte Carlo sampling of rare events", "Monte Carlo sampling is slow. Monte Carlo helps."))
                .isEqualTo("Monte Carlo sampling");
    }

    /**
     * Sentences of the hook, analogy, method, findings and takeaways that are neither the show's frame
     * (greeting, introduction, transitions, the abstract-only note, the quote's lead), nor a library
     * analogy the paper's words support, nor name the paper's topic, a word of its title, a number of it
     * or a word of the paper's own (beyond the host's vocabulary).
     */
    static List<String> notAboutThisPaper(EpisodeScript s, ScriptRequest req) {
        Set<String> frame = new HashSet<>();
        for (String[] list : List.of(Templates.GREETINGS, Templates.INTROS, Templates.METHOD_TRANSITIONS,
                Templates.FINDINGS_TRANSITIONS, Templates.ABSTRACT_ONLY, Templates.TAKEAWAY_INTROS, Templates.PROBLEM_LEADS,
                Templates.DUO_GREETINGS, Templates.COHOST_HELLOS, Templates.COHOST_ANALOGY_INTROS, Templates.LIMITATION_LEADS,
                Templates.FINDINGS_LEADS)) {
            for (String t : list) {
                frame.addAll(sentences(t.replace("{host}", req.show().host()).replace("{cohost}", req.show().cohost())));
            }
        }
        AnalogyLibrary library = AnalogyLibrary.load();
        String text = req.groundingText();
        Set<String> paper = ScriptGate.stems(text);
        String topic = OfflineScriptWriter.topic(req);
        List<String> titleWords = Stream.of(req.paper().title().split("[^\\p{L}\\p{N}-]+"))
                .filter(w -> w.length() >= 4 && !TextRank.STOPWORDS.contains(w.toLowerCase(Locale.ROOT))).toList();
        List<String> out = new ArrayList<>();
        for (Kind k : List.of(Kind.HOOK, Kind.ANALOGY, Kind.METHOD, Kind.FINDINGS, Kind.TAKEAWAYS)) {
            for (String sentence : sentences(OfflineScriptWriterTest.section(s, k))) {
                if (sentence.endsWith("?") || frame.contains(sentence)) {
                    continue;
                }
                AnalogyLibrary.Analogy analogy = library.all().stream()
                        .filter(a -> Stream.of(a.text(), a.elaboration(), a.callback()).anyMatch(x -> x != null && x.contains(sentence)))
                        .findFirst().orElse(null);
                boolean bridge = Stream.of(Templates.BRIDGES).anyMatch(b -> sentences(b).stream()
                        .anyMatch(x -> sentence.matches(java.util.regex.Pattern.quote(x).replace("{subject}", "\\E.+\\Q"))));
                if (analogy != null || bridge) {
                    String analogyText = OfflineScriptWriterTest.section(s, Kind.ANALOGY);
                    boolean supported = library.all().stream().anyMatch(a -> analogyText.contains(a.text())
                            && AnalogyLibrary.support(a, req.paper().title(), text) >= AnalogyLibrary.MIN_SUPPORT);
                    if (!supported) {
                        out.add(k + ": " + sentence);
                    }
                    continue;
                }
                Set<String> own = ScriptGate.stems(sentence);
                own.removeAll(HostVocabulary.STEMS);
                // A number of the paper (the gate grounds every one) is about this paper too.
                if (!sentence.contains(topic) && titleWords.stream().noneMatch(sentence::contains) && own.stream().noneMatch(paper::contains)
                        && Grounding.numbers(sentence).isEmpty()) {
                    out.add(k + ": " + sentence);
                }
            }
        }
        return out;
    }

    private static List<String> sentences(String text) {
        return Stream.of(text.split("(?<=[.!?])\\s+|\\n")).map(String::strip).filter(x -> !x.isEmpty()).toList();
    }

    /** Mid-size abstracts from biology, physics and economics in words the host's swaps hardly touch. */
    static final List<Paper> OTHER_FIELDS = List.of(
            new Paper("2403.07777", "Edge-driven plasmid spread in structured bacterial colonies", "q-bio.PE", "Populations and Evolution",
                    "Antibiotic resistance genes often travel between bacteria on plasmids, yet how the physical structure of a colony "
                            + "shapes this spread is poorly understood. Most models assume well-mixed populations, which ignores the steep "
                            + "gradients of nutrients and cell density found in real biofilms. Here we combine time-lapse microscopy of "
                            + "fluorescently labelled Escherichia coli colonies with an agent-based model of growth and conjugation. We track "
                            + "more than 200 colonies over 48 hours and measure where transconjugant cells first appear. We find that plasmid "
                            + "transfer is concentrated at the expanding edge, where the transfer rate per donor is about four times higher "
                            + "than in the colony interior. The agent-based model reproduces this pattern only when conjugation depends on "
                            + "local growth rate. Our results suggest that slowing colony expansion could be an effective way to limit the "
                            + "spread of resistance."),
            new Paper("2405.04321", "Pressure-induced superconductivity in a layered nickelate", "cond-mat.supr-con", "Superconductivity",
                    "Nickel oxides have long been studied as possible analogues of the copper-based high-temperature superconductors. "
                            + "We report electrical transport and magnetic susceptibility measurements on single crystals of a layered "
                            + "nickelate under hydrostatic pressure up to 20 GPa. Above 14 GPa the resistance drops to zero below a critical "
                            + "temperature of 31 K, and a diamagnetic signal appears at the same temperature. The critical temperature rises "
                            + "with pressure and saturates near 18 GPa. Density functional calculations show that pressure flattens the "
                            + "nickel-oxygen planes and shifts a second band to the Fermi level. These findings point to a multi-band "
                            + "mechanism and open a new route to nickel-based superconductors."),
            new Paper("2407.05555", "Minimum wages and employment: evidence from county borders", "econ.GN", "General Economics",
                    "Whether minimum wage increases reduce employment remains one of the most debated questions in labor economics. "
                            + "We compare contiguous county pairs that straddle state borders with different minimum wage policies between "
                            + "1990 and 2016. Using quarterly payroll data for restaurants and retail, we estimate employment and earnings "
                            + "responses to 137 state-level increases. We find that a 10% increase in the minimum wage raises average "
                            + "earnings of teenage workers by 2.1% with no detectable loss of jobs. Job turnover falls, suggesting that "
                            + "higher wages reduce costly separations. The estimates are robust to controls for regional economic trends."));

    @Test
    void anAbstractFromAnotherFieldSaysWhatTheyDidAndClaimsNothingFalseAboutItsAbstract() throws Exception {
        for (Paper p : OTHER_FIELDS) {
            for (Show show : List.of(Show.SOLO, DuoDialogueTest.DUO)) {
                ScriptRequest req = p.request(show);
                String label = p.id() + " " + show.format();
                EpisodeScript s = writer.write(req).script();
                OfflineScriptWriterTest.assertShowShape(s, req);
                ExplainNotReciteTest.assertSpeakable(s, label);
                // Under the show's bar of 10 %: dense abstracts make short episodes, in which the one finding that
                // has to be said weighs more than in the seed papers' (held to 4 % in AbstractRecitalTest).
                assertThat(ExplainMetrics.measure(s, p.abs()).recitalPercent()).as("recital of %s", label).isLessThanOrEqualTo(10.0);
                // Each abstract says how the work was done: the method is told or read as the authors' own words,
                // never called "only sketched".
                String method = OfflineScriptWriterTest.section(s, Kind.METHOD);
                assertThat(method).as(label).doesNotContain("only sketched");
                assertThat(s.sections().stream().filter(x -> x.kind() == Kind.METHOD).findFirst().orElseThrow().provenance())
                        .as(label).isNotEmpty();
                // Each opens on a problem or on background, so none "skips the backstory".
                assertThat(OfflineScriptWriterTest.section(s, Kind.HOOK)).as(label).doesNotContain("skips the backstory")
                        .doesNotContain("no long build-up");
                // A finding is told or announced.
                assertThat(OfflineScriptWriterTest.section(s, Kind.FINDINGS)).as(label).doesNotContain("says little about what came out");
                // A title's head is said as the text says it ("Where might minimum wages and employment fall short").
                assertThat(s.sections().stream().map(EpisodeScript.Section::text).reduce("", String::concat)).as(label)
                        .doesNotContain("might Minimum wages");
                // A number a takeaway holds on to ends on a whole noun phrase, not "in the minimum".
                assertThat(OfflineScriptWriterTest.section(s, Kind.TAKEAWAYS)).as(label).doesNotContainPattern("the minimum\\.");
            }
        }
    }
}
