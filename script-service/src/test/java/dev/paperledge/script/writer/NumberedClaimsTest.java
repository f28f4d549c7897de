package dev.paperledge.script.writer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.paperledge.contracts.EpisodeScript;
import dev.paperledge.contracts.EpisodeScript.Kind;

/**
 * Sentences that number their claims inline, or list the settings they were tested in, are told
 * claim by claim instead of dropped as lists; a series cut short keeps its "and"; a later acronym is
 * a sentence of its own, and one already spelt out is not spelt out again; a stand-in takeaway comes
 * without an intro promising one; a cut never leaves a bare appositive ("…MemGPT, a system."), never
 * opens inside a phrase nor ends ahead of the predicate; sentences that point back in the paper or only at
 * the authors' workflow are not said; advice is announced as advice.
 */
class NumberedClaimsTest {
    @Test
    void aNumberedSentenceIsOneClaimPerItemWithItsOpening() {
        assertThat(PaperAnalysis.claims("We find that (1) deduplicating the data boosts performance, and (2) it is possible to match earlier results."))
                .containsExactly("We find that deduplicating the data boosts performance.",
                        "We find that it is possible to match earlier results.");
        assertThat(PaperAnalysis.claims("The method (a) halves the memory of training; (b) keeps the accuracy of the full model; and (c) runs on one card."))
                .containsExactly("The method halves the memory of training.", "The method keeps the accuracy of the full model.",
                        "The method runs on one card.");
        assertThat(PaperAnalysis.claims("Our mice (i) gained weight quickly and (ii) lived longer than the controls."))
                .containsExactly("Our mice gained weight quickly.", "Our mice lived longer than the controls.");
    }

    @Test
    void sentencesThatAreNotNumberedClaimsStayWhole() {
        for (String s : List.of("We make three contributions: (1) a dataset of images, (2) a benchmark with labels.",
                "The rate (2) depends on the temperature (3) as shown.", "We find (1) growth, (2) decay.",
                "It follows from equation (1) that the field vanishes.", "Plain sentence without items.")) {
            assertThat(PaperAnalysis.claims(s)).as(s).containsExactly(s);
        }
    }

    @Test
    void aClaimCutFromANumberedSentenceIsNeverQuotedAndPointsBackToTheWholeSentence() throws Exception {
        Fixtures.Paper stack = Fixtures.seeds().stream().filter(p -> p.arxivId().equals("2211.15533")).findFirst().orElseThrow();
        PaperAnalysis a = new PaperAnalysis(stack.request());
        List<PaperAnalysis.Candidate> found = a.all().stream().filter(c -> c.original().startsWith("We find that")).toList();
        assertThat(found).hasSize(2);
        assertThat(found).allSatisfy(c -> {
            assertThat(c.quotable()).isFalse();
            assertThat(c.sentence()).startsWith("We find that (1)");
            assertThat(c.cue()).isEqualTo(Cue.RESULT);
        });
        EpisodeScript s = new OfflineScriptWriter(OfflineScriptWriterTest.TARGET).write(stack.request()).script();
        assertThat(OfflineScriptWriterTest.section(s, Kind.FINDINGS)).containsPattern("HumanEval|deduplicat");
    }

    @Test
    void aSentenceListingItsSettingsIsItsLeadAndOneSentencePerSetting() {
        assertThat(PaperAnalysis.claims("We applied the assay in three tissues: liver, where expression doubled after treatment, "
                + "kidney, where it stayed flat across all doses, and the heart muscle, where it fell by half."))
                .containsExactly("We applied the assay in three tissues.", "In liver, expression doubled after treatment.",
                        "In kidney, it stayed flat across all doses.", "In the heart muscle, it fell by half.");
        assertThat(PaperAnalysis.claims("The detector was run in two modes: in the cold phase, in which the signal stays "
                + "below the noise, and in the hot phase, where bursts reach a thousand counts, rise, and decay."))
                .containsExactly("The detector was run in two modes.", "In the cold phase, the signal stays below the noise.",
                        "In the hot phase, bursts reach a thousand counts, rise, and decay.");
        for (String s : List.of("Two regimes matter here: the cold one, where ice forms on the surface.",
                "We consider two cases: the case where x is positive and the case where it is not.",
                "We test it in two settings: a very long and rather complicated setting name here, where it works well, and chat, where it remembers users.",
                "Results: chat, where it remembers users well, and search, where it finds more documents.")) {
            assertThat(PaperAnalysis.claims(s)).as(s).containsExactly(s);
        }
    }

    @Test
    void anEvaluationsSettingsAreFindingsNeverQuoted() throws Exception {
        Fixtures.Paper memgpt = Fixtures.seeds().stream().filter(p -> p.arxivId().equals("2310.08560")).findFirst().orElseThrow();
        PaperAnalysis a = new PaperAnalysis(memgpt.request());
        List<PaperAnalysis.Candidate> settings = a.all().stream().filter(c -> c.original().startsWith("In ")
                && c.sentence().startsWith("We evaluate")).toList();
        assertThat(settings).extracting(PaperAnalysis.Candidate::original).anySatisfy(o -> assertThat(o).startsWith("In document analysis, "))
                .anySatisfy(o -> assertThat(o).startsWith("In multi-session chat, "));
        assertThat(settings).allSatisfy(c -> {
            assertThat(c.cue()).isEqualTo(Cue.RESULT);
            assertThat(c.quotable()).isFalse();
        });
        EpisodeScript s = new OfflineScriptWriter(OfflineScriptWriterTest.TARGET).write(memgpt.request()).script();
        assertThat(OfflineScriptWriterTest.section(s, Kind.FINDINGS)).containsPattern("document analysis|multi-session chat")
                .doesNotContain("says little about what came out");
    }

    @Test
    void anAcronymSpeltOutEarlierIsNotSpeltOutAgainAndNoCutLeavesABareAppositive() throws Exception {
        Fixtures.Paper memgpt = Fixtures.seeds().stream().filter(p -> p.arxivId().equals("2310.08560")).findFirst().orElseThrow();
        EpisodeScript s = new OfflineScriptWriter(OfflineScriptWriterTest.TARGET).write(memgpt.request()).script();
        String hook = OfflineScriptWriterTest.section(s, Kind.HOOK);
        String method = OfflineScriptWriterTest.section(s, Kind.METHOD);
        if (hook.contains("Large language models, or LLMs")) {
            assertThat(method).doesNotContain("LLMs is short for");
        }
        assertThat(SpokenText.retold("With this idea, they bring in a system that intelligently manages memory tiers to give the model more context."))
                .isEqualTo("With this idea, they bring in a system. It manages memory tiers to give the model more context.");
        for (Fixtures.Paper p : Fixtures.all()) {
            EpisodeScript e = new OfflineScriptWriter(OfflineScriptWriterTest.TARGET).write(p.request()).script();
            String all = e.sections().stream().map(EpisodeScript.Section::text).reduce("", String::concat);
            // An acronym spelt out in passing is not spelt out again as a line of its own.
            java.util.regex.Matcher later = java.util.regex.Pattern.compile("And ([A-Za-z-]+) is short for ([^.]+)\\.").matcher(all);
            while (later.find()) {
                String before = all.substring(0, later.start());
                assertThat(before).as(p.arxivId()).doesNotContainIgnoringCase(later.group(2) + ", or " + later.group(1));
            }
            // "…they bring in MemGPT, or Memory-GPT, a system.": a cut never leaves a bare appositive.
            assertThat(all).as(p.arxivId()).doesNotContainPattern(", an? [a-z-]+(?: [a-z-]+)?\\.(?: |$)");
        }
    }

    @Test
    void aCutKeepsASubjectAndAComparisonKeepsWhatItComparesTo() throws Exception {
        Fixtures.Paper whisper = Fixtures.seeds().stream().filter(p -> p.arxivId().equals("2212.04356")).findFirst().orElseThrow();
        EpisodeScript s = new OfflineScriptWriter(OfflineScriptWriterTest.TARGET).write(whisper.request()).script();
        String all = s.sections().stream().map(EpisodeScript.Section::text).reduce("", (a, b) -> a + " " + b);
        // "When scaled to 680,000 hours of … supervision." is no sentence; "the models approach their
        // accuracy" without "compared to humans" says nothing.
        assertThat(all).doesNotContainPattern("(?:^|[.?!] )When [a-z]+ [^,.]*\\.")
                .doesNotContainPattern("(?i)(?<!humans, )the models approach their");
    }

    @Test
    void aTermNeverUsedAgainIsNotIntroducedAndNoSectionOpensWithAnAnd() throws Exception {
        for (Fixtures.Paper p : Fixtures.all()) {
            WrittenScript w = new OfflineScriptWriter(OfflineScriptWriterTest.TARGET).write(p.request());
            String all = w.script().sections().stream().map(EpisodeScript.Section::text).reduce("", (a, b) -> a + " " + b);
            java.util.regex.Matcher intro = java.util.regex.Pattern.compile("([A-Za-z][\\w-]*), which is short for [^.]+\\.").matcher(all);
            while (intro.find()) {
                String after = all.substring(intro.end());
                assertThat(after).as("%s introduces %s", p.arxivId(), intro.group(1)).containsPattern("(?<![\\w-])"
                        + java.util.regex.Pattern.quote(intro.group(1)) + "(?![\\w-])");
            }
            for (EpisodeScript.Section s : w.script().sections()) {
                for (String transition : List.of(Templates.METHOD_TRANSITIONS, Templates.FINDINGS_TRANSITIONS).stream()
                        .flatMap(java.util.Arrays::stream).toList()) {
                    assertThat(s.text()).as(p.arxivId()).doesNotContainPattern(java.util.regex.Pattern.quote(transition)
                            + " (?:And|Plus,|What's more,|On top of that,) ");
                }
            }
        }
    }

    @Test
    void withNoMethodLineAQuoteThatTellsTheMethodIsAnnouncedNotContradicted() throws Exception {
        for (Fixtures.Paper p : Fixtures.all()) {
            WrittenScript w = new OfflineScriptWriter(OfflineScriptWriterTest.TARGET).write(p.request());
            String method = OfflineScriptWriterTest.section(w.script(), Kind.METHOD);
            String quote = OfflineScriptWriterTest.section(w.script(), Kind.QUOTE);
            if (method.contains("is only sketched in the")) {
                // "only sketched" and then a quote that lists what they did would contradict itself
                assertThat(quote).as(p.arxivId()).doesNotContainPattern("\"We (?:describe|propose|present|introduce|develop|build)\\b");
            }
        }
        Fixtures.Paper stack = Fixtures.seeds().stream().filter(p -> p.arxivId().equals("2211.15533")).findFirst().orElseThrow();
        WrittenScript w = new OfflineScriptWriter(OfflineScriptWriterTest.TARGET).write(stack.request());
        if (OfflineScriptWriterTest.section(w.script(), Kind.QUOTE).contains("\"We describe how we collect")) {
            assertThat(OfflineScriptWriterTest.section(w.script(), Kind.METHOD)).contains("I'll read you that line in a moment");
        }
    }

    @Test
    void whatTheyReleaseIsNeverToldAsTheirMethod() throws Exception {
        for (Fixtures.Paper p : Fixtures.all()) {
            for (boolean duo : List.of(false, true)) {
                ScriptRequest req = duo ? DuoDialogueTest.duo(p.request()) : p.request();
                EpisodeScript s = new OfflineScriptWriter(OfflineScriptWriterTest.TARGET).write(req).script();
                EpisodeScript.Section method = s.sections().stream().filter(x -> x.kind() == Kind.METHOD).findFirst().orElseThrow();
                assertThat(method.provenance()).as(p.arxivId()).noneSatisfy(src -> assertThat(Cue.classify(src.text(), src.section(), 1))
                        .isEqualTo(Cue.RELEASE));
            }
        }
    }

    @Test
    void aListWithItsHeadingsRunInIsNeverSaid() {
        assertThat(PaperAnalysis.usable("Specific examples of transformations that we recommend at the beginning of analysis: "
                + "File formats: Convert data from closed, proprietary formats to open ones.")).isNull();
        assertThat(PaperAnalysis.usable("We test it in two domains: chat and search, where it remembers users and finds documents."))
                .isNotNull();
    }

    @Test
    void anOpeningPhraseGoesOnlyWhenTheRestOpensOnItsOwnSubject() {
        assertThat(OfflineScriptWriter.withoutIntro("Using a cheap optical trap, they hold single cells still for hours at a time."))
                .isEqualTo("They hold single cells still for hours at a time.");
        // The comma sits inside the phrase: without it the line would open "Like Kendall's tau, they …", a comparison.
        for (String s : List.of(
                "By adopting one of the measures of a trend, like Kendall's tau, they can compare the statistics side by side.",
                "In the deepest layers of the cortex, including layer six, the neurons fire in bursts during sleep.",
                "With a cooled detector, such as a bolometer array, the survey reaches a fainter limit than before.")) {
            assertThat(OfflineScriptWriter.withoutIntro(s)).as(s).isNull();
        }
    }

    @Test
    void aTailIsNeverCutAheadOfTheSentencesPredicate() {
        // The subject runs over three commas before its verb: every cut before "also has" loses what is said of it.
        String glaciation = "Here they see the best-sampled data set, Glaciation, with 121 points, also has the clearest signal"
                + " with no errors in the 500 replicates.";
        assertThat(OfflineScriptWriter.tailCut(glaciation)).isEqualTo(-1);
        String withTail = glaciation.replace("signal with", "signal, with");
        assertThat(withTail.substring(0, OfflineScriptWriter.tailCut(withTail))).endsWith("also has the clearest signal");
        String cells = "The mutant strain, grown without oxygen for a week, was still able to divide normally.";
        assertThat(OfflineScriptWriter.tailCut(cells)).isEqualTo(-1);
        // A tail after the predicate still goes.
        String plain = "They measure the neutrino flux to a precision of two percent, a tenfold gain over earlier runs.";
        assertThat(plain.substring(0, OfflineScriptWriter.tailCut(plain))).isEqualTo(
                "They measure the neutrino flux to a precision of two percent");
    }

    @Test
    void aSentencePointingBackInThePaperIsNeverSaidAndTheReadersNextIsLeftOut() {
        for (String s : List.of("We next show generic models can be constructed under the assumptions discussed above.",
                "The rates described above were measured in all three populations of the lake.",
                "Using the aforementioned protocol, the samples were frozen within an hour of collection.",
                "As above, the field strength was held fixed while the temperature varied.")) {
            assertThat(PaperAnalysis.usable(s)).as(s).isNull();
        }
        assertThat(PaperAnalysis.usable("The cells above the threshold divided twice as fast as those below it in every trial."))
                .isNotNull();
        assertThat(SpokenText.revoice("We next show that the bound is tight for every prime.")).isEqualTo(
                "They show that the bound is tight for every prime.");
        assertThat(SpokenText.revoice("We then fit the model to each lake.")).isEqualTo("They then fit the model to each lake.");
    }

    @Test
    void theEarlyWarningEpisodeSaysNoComparisonThePaperDoesNotMakeAndNoSubjectWithoutItsVerb() throws Exception {
        Fixtures.Paper warning = Fixtures.withFullText().stream().filter(p -> p.arxivId().equals("1204.6231")).findFirst().orElseThrow();
        EpisodeScript s = new OfflineScriptWriter(OfflineScriptWriterTest.TARGET).write(warning.fullTextRequest()).script();
        String all = s.sections().stream().map(EpisodeScript.Section::text).reduce("", (a, b) -> a + " " + b);
        assertThat(all).doesNotContain("Like Kendall").doesNotContain("with 121 points.").doesNotContain("discussed above");
    }

    @Test
    void whatOnlyPointsAtTheAuthorsWorkflowOrAtAnEarlierSubjectIsNotSaid() {
        assertThat(SpokenText.plain("They sample the lake at 40 evenly spaced time points, which were used for subsequent analysis."))
                .isEqualTo("They sample the lake at 40 evenly spaced time points.");
        assertThat(SpokenText.plain("Tissue was collected from every mouse, which was then stored for further analysis."))
                .isEqualTo("Tissue was gathered from every mouse.");
        assertThat(SpokenText.plain("They grew the crystals in a vacuum, which was used for the first time in this lab."))
                .contains("used for the first time");
        assertThat(SpokenText.plain("The composite hypotheses are more challenging then the original test allows.")).contains(" than the original test")
                .doesNotContain("then");
        assertThat(SpokenText.plain("They cooled the sample, and only then did the signal appear.")).contains("only then did");
        assertThat(OfflineScriptWriter.leansBack("Based on AIC score each is large enough to reject the null hypothesis.")).isTrue();
        assertThat(OfflineScriptWriter.leansBack("In the warm lakes, both are larger by a third than in the cold ones.")).isTrue();
        assertThat(OfflineScriptWriter.leansBack("Based on AIC scores, each model beats the stable one by a wide margin.")).isFalse();
        assertThat(OfflineScriptWriter.leansBack("All three populations were sampled twice a year.")).isFalse();
    }

    @Test
    void aNounInSAfterThatIsNoVerbAndAConnectiveWordBeforeToOrOfIsNoConnective() {
        assertThat(SpokenText.retold("They conduct their own investigation, finding that process supervision significantly beats outcome"
                + " supervision for training models to solve hard problems.")).isEqualTo("They conduct their own investigation, finding process"
                        + " supervision significantly beats outcome supervision for training models to solve hard problems.");
        assertThat(SpokenText.retold("They describe a cheap assay that class labels cannot fool in any of the twelve tissues tested."))
                .doesNotContain(". It ");
        assertThat(SpokenText.retold("They present a sensor, an approach that cuts power use enough to run for a year on one cell."))
                .contains(". It cuts power use");
    }

    @Test
    void aPaperWithoutATitlePhraseIsAboutTheNameItsTextKeepsUsing() throws Exception {
        Fixtures.Paper verify = Fixtures.seeds().stream().filter(p -> p.arxivId().equals("2305.20050")).findFirst().orElseThrow();
        assertThat(OfflineScriptWriter.topic(SpokenText.title(verify.summary().title()), verify.summary().abstractText()))
                .isEqualTo("process supervision");
        assertThat(OfflineScriptWriter.topic("Let them grow", "Soil microbes feed the roots. Soil microbes need water. Soil microbes die in frost."))
                .isEqualTo("soil microbes");
        EpisodeScript s = new OfflineScriptWriter(OfflineScriptWriterTest.TARGET).write(verify.request()).script();
        String all = OfflineScriptWriterTest.all(s);
        // "However, even state-of-the-art models …" after the line it turns against: "But", never "Plus".
        assertThat(all).doesNotContainPattern("(?:Plus|And|What's more|On top of that),? even").doesNotContain(". It process")
                .doesNotContainPattern("\\b(?:a|an|the|of|from)\\.").doesNotContain("about step");
        // A method only sketched is not promised as clever.
        assertThat(OfflineScriptWriterTest.section(s, Kind.METHOD)).doesNotContainPattern("clever.*only sketched");
    }

    @Test
    void adviceIsAnnouncedAsAdviceNotAsAFinding() {
        assertThat(OfflineScriptWriter.leadFor("Here's what they report: ", "Put raw data and metadata in a data directory."))
                .isEqualTo("One piece of their advice: ");
        assertThat(OfflineScriptWriter.leadFor("According to the paper, ", "Label each tube with the date before freezing it."))
                .isEqualTo("One piece of their advice: ");
        // Not advice: a noun that is also a verb, or a finding.
        for (String s : List.of("Test results show a drop of ten percent in every group.", "Record temperatures were set in 2023.",
                "Use of the drug halved the relapse rate.", "The fitted slope is steeper in the warm lakes.")) {
            assertThat(OfflineScriptWriter.leadFor("Here's what they report: ", s)).as(s).isEqualTo("Here's what they report: ");
        }
        assertThat(OfflineScriptWriter.leadFor("And ", "Put raw data in a data directory.")).isEqualTo("And ");
    }

    @Test
    void aSeriesCutAfterAnItemKeepsItsAnd() {
        assertThat(OfflineScriptWriter.closeSeries("They describe how they gather the data, build a licensed subset, present a governance plan"))
                .isEqualTo("They describe how they gather the data, build a licensed subset, and present a governance plan");
        // Not a series: a clause opener, a conjunction already there, or too few parts.
        for (String s : List.of("Using this data, the authors train a model, which learns quickly",
                "They gather the data, build a subset, and present a plan", "They gather the data, build a subset")) {
            assertThat(OfflineScriptWriter.closeSeries(s)).isEqualTo(s);
        }
    }

    @Test
    void aLaterAcronymIsASentenceAndAStandInTakeawayHasNoIntro() throws Exception {
        for (Fixtures.Paper p : Fixtures.all()) {
            EpisodeScript s = new OfflineScriptWriter(OfflineScriptWriterTest.TARGET).write(p.request()).script();
            String method = OfflineScriptWriterTest.section(s, Kind.METHOD);
            assertThat(method).as(p.arxivId()).doesNotContainPattern("(?:^|\\. )And [^.]+, which is short for");
            String takeaways = OfflineScriptWriterTest.section(s, Kind.TAKEAWAYS);
            if (takeaways.contains("If you remember one thing")) {
                assertThat(takeaways).as(p.arxivId()).doesNotContain("one thing to take away").doesNotContain("takeaways");
            }
        }
    }

    @Test
    void aFindingIsAnOutcomeInItsOwnWordsAndTheMethodIsWhatTheyDid() throws Exception {
        Fixtures.Paper warning = Fixtures.withFullText().stream().filter(p -> p.arxivId().equals("1204.6231")).findFirst().orElseThrow();
        EpisodeScript s = new OfflineScriptWriter(OfflineScriptWriterTest.TARGET).write(warning.fullTextRequest()).script();
        EpisodeScript.Section findings = s.sections().stream().filter(x -> x.kind() == Kind.FINDINGS).findFirst().orElseThrow();
        // How a run was set up ("They run this model over a time interval from 0 to 500") sits in the
        // results section but reports nothing; the sentences that say what came out are there to be told.
        assertThat(findings.provenance()).isNotEmpty().allSatisfy(src -> assertThat(Cue.statesResult(src.text())
                || Cue.classify(src.text(), src.section(), 1) == Cue.LIMITATION).as(src.text()).isTrue());
        assertThat(findings.text()).doesNotContain("time interval from 0 to 500").doesNotMatch("(?s).*\\? But .*")
                // "not simply X, but rather Y" is never cut after X: that says the opposite of the paper.
                .doesNotContain("likelihood approaches are more reliable.");
        // A difficulty stated in the method section is not what they did.
        assertThat(OfflineScriptWriterTest.section(s, Kind.METHOD)).doesNotContain("original lemma");
        assertThat(Cue.statesResult("As the bifurcation results from the eigenvalue passing through zero, the signal is expected.")).isFalse();
        assertThat(Cue.statesResult("Our results show that the signal is weak in every lake.")).isTrue();
        assertThat(Cue.classify("The hypotheses considered here are more challenging than the original lemma provides for.",
                "A model based approach", 3)).isEqualTo(Cue.PROBLEM);
    }

    @Test
    void notSimplyXButRatherYIsOneSentenceAndTheSameWithNothingToCompareIsAPointer() {
        assertThat(SpokenText.plain("The conclusion is not simply that likelihood approaches are more reliable, but rather more broadly"
                + " that warning signals should consider the trade-off between sensitivity and accuracy.")).doesNotContain(". But");
        assertThat(SpokenText.plain("The trap holds cells for hours, but the lasers can heat the sample by two degrees."))
                .contains(". But the lasers");
        assertThat(SpokenText.plain("The variance method approaches the true rate at high false-positive levels, but performs worse when"
                + " the level is low.")).contains(". But it performs worse");
        assertThat(SpokenText.plain("The pumps ran for a week without a fault, but results show that the filters were clogged by day two."))
                .contains(". But results show");
        assertThat(PaperAnalysis.usable("However, newcomers can achieve the same behavior by writing shell scripts that re-run everything."))
                .isNull();
        assertThat(PaperAnalysis.usable("As noted in Scargle, the astronomy community tends to use these terms interchangeably.")).isNull();
        assertThat(PaperAnalysis.usable("As noted by the field crews, the river rose by two metres in the first week of March.")).isNull();
        for (String s : List.of("The treated mice reached the same weight as the controls within a week.",
                "At the same time, the solar wind speed doubled over the two days of the storm.")) {
            assertThat(PaperAnalysis.usable(s)).as(s).isNotNull();
        }
    }

    @Test
    void anOpeningWeStudyIsReadAsWhatTheyDidWhenNothingElseCanBeRetold() throws Exception {
        // Whisper's abstract opens on "We study …": first in place, it counts as the problem, but it is the method.
        Fixtures.Paper whisper = Fixtures.seeds().stream().filter(p -> p.arxivId().equals("2212.04356")).findFirst().orElseThrow();
        EpisodeScript s = new OfflineScriptWriter(OfflineScriptWriterTest.TARGET).write(whisper.request()).script();
        String method = OfflineScriptWriterTest.section(s, Kind.METHOD);
        assertThat(method).doesNotContain("only sketched").contains("\"We study the capabilities of speech processing systems");
        assertThat(OfflineScriptWriterTest.section(s, Kind.HOOK)).contains("goes straight to what the authors did");
    }
}
