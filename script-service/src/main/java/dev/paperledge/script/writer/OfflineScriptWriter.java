package dev.paperledge.script.writer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

import dev.paperledge.stage.failure.PermanentFailure;
import dev.paperledge.contracts.EpisodeScript;
import dev.paperledge.contracts.EpisodeScript.Kind;
import dev.paperledge.contracts.PaperSummary;
import dev.paperledge.script.writer.PaperAnalysis.Candidate;

/**
 * The default writer: deterministic, no model. It reads the paper section by section and lets each
 * part of the show come from where a reader would look for it: the problem from the introduction,
 * what they did from the method sections, the results (with their numbers) from the results, a
 * limitation from the discussion, what comes next from the conclusion. Key terms are explained in
 * plain words before they are used, the analogy comes back at the results, and the audiences and
 * questions fit the paper's field. Every sentence taken from the paper is re-voiced in the host's
 * plain words; a {@link RecitalGuard} keeps the episode from reading the abstract back or saying
 * anything twice. Templates carry no facts and no digits: every number comes from the paper, and
 * {@link Grounding} checks every quote and number of the final script.
 */
public final class OfflineScriptWriter implements ScriptWriter {
    public static final String NAME = "offline";
    /** Accepted deviation from the length target. */
    public static final double BAND = 0.20;
    /** Share of the target length that may sit in runs copied from the abstract (the show's bar is 10 %). */
    static final double RECITAL_BUDGET = 0.035;
    /** Words copied from the abstract that one line may hold: no sentence of it is read back whole. */
    static final int RECITAL_PER_LINE = 14;

    private static final Pattern OWN_CONNECTIVE = Pattern.compile(
            "(?:Additionally|Moreover|Furthermore|However|Finally|Also|In addition|Thus|Overall|Therefore|Hence|Then|Next|First|Second|Third|Lastly|Instead|Conversely|On top of that|What's more|So|But|And|Importantly|Notably|Specifically|Indeed|In particular|For example|For instance|Here|By contrast|At the same time|As a result)\\b");
    private static final Pattern LEANS_BACK = Pattern.compile("(?:This|These|That|Those|It|Its|They|Their|Such|Here|Then|Both|Each|Either)\\b");
    /** A main clause whose subject is a bare "each", "both", "these" after an opening phrase: "Based on AIC score each is large enough …". */
    private static final Pattern BARE_SUBJECT = Pattern.compile(
            "(?i)^(?:(?:Based on|Using|With|In|For|By|From|Given|After|Under|According to|At|On)\\b[^,.;]{0,60}?,?\\s+)?"
                    + "(?:each|both|all|these|those|either|neither|the former|the latter)\\s+(?:is|are|was|were|has|have|had|can|could|will|would|shows?|showed)\\b");

    /** A sentence that points back at one the listener did not hear: "These …", "It …", "Such …", "Based on X, each is …". */
    static boolean leansBack(String sentence) {
        return LEANS_BACK.matcher(sentence).lookingAt() || BARE_SUBJECT.matcher(sentence).lookingAt();
    }
    /** A connective that ties a sentence to the one before it in the paper; the host drops it. */
    private static final Pattern CONNECTIVE = Pattern.compile(
            "^(?:However|But|Thus|Therefore|Hence|Also|Moreover|Furthermore|In addition|Additionally|Instead|Similarly|Likewise|Otherwise|Nevertheless|Nonetheless|Consequently|As a result|On top of that|What's more|So|First|Second|Third|Finally|Next|Lastly|(?:One )?(?:final |last )?[Nn]ote:),?\\s+"
                    // "Next to humans, …", "Instead of …", "So far, …": the word is no connective there.
                    + "(?!(?:to|of|far|that|much|many|than)\\b)");
    /** A connective that turns against the line before. */
    private static final Pattern CONTRAST = Pattern.compile("(?:However|But|Nevertheless|Nonetheless)\\b");
    /** A subordinate clause standing alone: "Even when they can exclude other dynamics." */
    private static final Pattern LONE_CLAUSE = Pattern.compile(
            "^(?:Even when|Even if|When|If|Although|Though|While|Because|Since|Unless|Whereas|As long as)\\b[^,;:]*[.!]$");
    private static final Pattern SECOND_PERSON = Pattern.compile("(?i)\\b(?:you|your|yourself)\\b");
    private static final Pattern OWN_VOICE = Pattern.compile("\\b(?:[Ww]e|[Oo]ur|[Hh]ere)\\b");
    private static final Pattern MID_SENTENCE_NAME = Pattern.compile("(?<=[a-z,;] )[A-Z][a-z]+\\b");
    private static final Pattern FUTURE = Pattern.compile(
            "(?i)\\b(future|next step|further work|remains? to be|open question|we plan|would be (?:interesting|useful)|could be extended|extend(?:ing)? (?:this|the|our)|left for)\\b");
    private static final Pattern NUMBER_PHRASE = Pattern.compile(
            "\\d[\\d.,]*\\s*(?:%|percent|times|x|fold)?(?:\\s+(?!and\\b|or\\b|but\\b|while\\b|which\\b|when\\b)[A-Za-z-]+){0,4}");
    private static final Pattern NEXT_WORD = Pattern.compile(" ([a-z][a-z-]*)\\b");
    /** Words a noun phrase does not end on ("78 percent of problems from a" ends at "problems"). */
    private static final String TRAILING_WORDS = "a|an|the|of|from|to|in|on|for|with|by|at|as|than|into|over|per|its|their";
    private static final Pattern FUNCTION_WORD = Pattern.compile(
            TRAILING_WORDS + "|and|or|but|is|are|was|were|has|have|had|that|which|while|when");
    private static final int MAX_SENTENCE_WORDS = 34;
    private static final Pattern INTRO_PHRASE = Pattern.compile(
            "^(?:Next to|Compared (?:to|with)|Using|With|In|For|On|By|Given|Unlike|Despite|As|When|To|Through|Across|After|Before|Beyond|Following|Based on|Building on|Inspired by|Like)\\b[^,.]{3,80},\\s+(?=[A-Za-z])"
                    // "By adopting a measure, such as Kendall's tau, we …": the comma is inside the phrase, and the
                    // rest would open on "such as Kendall's tau" (said "Like Kendall's tau, they …", a comparison).
                    + "(?!(?:such as|like|including|namely|e\\.g\\.|i\\.e\\.|for (?:example|instance)|especially|particularly|in particular"
                    + "|and|or|but|which|who|whose|where|that)\\b)");
    /**
     * A comma before the sentence's own predicate: "…the best-sampled data set, Glaciation, with 121 points,
     * also has the clearest signal" cut at any comma before "also has" keeps a subject and loses what is
     * said of it.
     */
    private static final Pattern PREDICATE = Pattern.compile(",\\s+(?:(?:also|then|still|thus|therefore|now|only|even|indeed|clearly|again)\\s+)?"
            + "(?:is|are|was|were|has|have|had|can|could|will|would|may|might|should|must|does|do|did|cannot|remains?|becomes?|became)\\b");
    /** Where the end of a sentence may be cut off: the last ", …" or " and …" of its final sentence. */
    private static final Pattern TAIL = Pattern.compile(",\\s+(?!and\\b|or\\b|but (?:rather|also|instead)\\b)|\\s+(?=while [a-z]+ing\\b)");
    /** A second verb of the same subject: "It|They <verb> …, and <verb>s …". */
    private static final Pattern SECOND_PREDICATE = Pattern.compile("^(?:It|They) [a-z]{3,}\\b[^,;]{8,}(,\\s+and\\s+)(?=[a-z]{3,}(?:s|ed)\\s+(?!of\\b|and\\b)[a-z])");
    private static final Pattern COMPARISON = Pattern.compile("(?i)(?:when |as )?(?:compared|relative|next to|unlike|like|in contrast|against)\\b");
    private static final Pattern BACK_REFERENCE = Pattern.compile("(?i)\\b(?:their|theirs|them|its)\\b");
    /** A sentence ending on a bare appositive ("…, a system."), its explanation cut away. */
    private static final Pattern STUB = Pattern.compile(",\\s+(?:a|an)\\s+[a-z-]+(?:\\s+[a-z-]+)?[.!?]$");
    private static final Pattern CONJOINED = Pattern.compile("(?:and|or|but|nor)\\b");
    private static final Pattern CLAUSE_OPENER = Pattern.compile(
            "(?:which|who|whom|whose|where|when|that|while|whereas|although|though|because|since|including|such|as|yet|so|thus|hence|e\\.g|i\\.e|respectively)\\b");

    /** A sentence that leans on the one before it. */
    private static final Pattern DANGLING = Pattern.compile("(?:It|They|That|This|These|Those|Its|Their|Such|But|And|Or|So)\\b");
    /** Something that makes a clause a sentence: an auxiliary, or a pronoun and its verb. */
    /**
     * The line without its opening phrase ("Using a small model, they …" → "They …"), or null when it
     * has none that can go: the rest would be too short, would open inside the phrase ("…, such as
     * Kendall's tau, they …"), or would lose what it is compared to ("When compared to humans, the
     * models approach their accuracy").
     */
    static String withoutIntro(String plain) {
        String noIntro = INTRO_PHRASE.matcher(plain).replaceFirst("");
        boolean comparedTo = COMPARISON.matcher(plain).lookingAt() && BACK_REFERENCE.matcher(noIntro).find();
        if (noIntro.equals(plain) || EpisodeWords.count(noIntro) < 6 || comparedTo) {
            return null;
        }
        return Character.toUpperCase(noIntro.charAt(0)) + noIntro.substring(1);
    }

    /**
     * Where the line's tail can be cut (-1: nowhere): the last ", …" after which what is left of its final
     * sentence still has a subject and its verb, eight words or more, and no pair left open ("between A,"),
     * never ahead of its predicate ({@link #PREDICATE}).
     */
    static int tailCut(String base) {
        // Only after the last sentence's predicate, if a comma stands before it.
        int predicate = Math.max(0, base.length() - lastSentence(base).length());
        Matcher p = PREDICATE.matcher(base).region(predicate, base.length());
        while (p.find()) {
            predicate = p.end();
        }
        Matcher tail = TAIL.matcher(base);
        int cut = -1;
        while (tail.find()) {
            String head = base.substring(0, tail.start());
            if (tail.start() >= predicate && EpisodeWords.count(head) >= 8 && FINITE.matcher(mainClause(lastSentence(head))).find()
                    && !verblessThatClause(lastSentence(head))
                    && !head.matches("(?s).*\\b(?:between|both|either|neither|from)\\b[^,.]*")) {
                cut = tail.start();
            }
        }
        return cut;
    }

    /**
     * A line that gives advice, opening on its verb: "Put raw data in …", "Keep a record of …". A verb that
     * is also a noun ("Test results show …") counts only before a determiner ("Test each function …").
     */
    private static final Pattern ADVICE = Pattern.compile("(?:(?:Put|Create|Use|Keep|Make|Avoid|Save|Write|Give|Include|Submit|Add|Ensure"
            + "|Prefer|Take|Follow|Treat|Provide|Publish|Cite|Archive|Automate|Organi[sz]e|Convert|Consider|Choose|Try|Remove|Replace|Place"
            + "|Do not|Don't)\\s+(?!of\\b|is\\b|are\\b|was\\b|were\\b|and\\b|or\\b|has\\b|had\\b|can\\b|may\\b)[a-z]"
            + "|(?:Record|Store|Name|Share|Check|Test|Break|Plan|Run|Label|Tag|Document|Start|Back up)\\s+"
            + "(?:the|a|an|all|each|every|any|some|your|their|them|it|this|these|those|both|one|no|only|what|how)\\b)");
    /** A lead-in that announces a finding. */
    private static final Pattern REPORTING = Pattern.compile("(?i)\\b(?:report|according to|headline|core idea|found|find)\\b");

    /** The lead-in for a line: one that announces a finding becomes one that announces advice before advice. */
    static String leadFor(String leadIn, String spoken) {
        // "Here's what they report: put raw data …" reports nothing.
        return ADVICE.matcher(spoken).lookingAt() && REPORTING.matcher(leadIn).find() ? "One piece of their advice: " : leadIn;
    }

    /** Words that open a phrase before the sentence's subject ("When scaled to …," is no subject and verb). */
    private static final String OPENER = "(?:When|Whenever|If|As|Once|After|Before|While|Although|Though|Because|Since|Unless|Until"
            + "|Whereas|Where|Given|Compared|Using|With|Without|By|In|For|On|To|From|Through|Across|Unlike|Like|Despite)";
    private static final Pattern FINITE = Pattern.compile(
            "\\b(?:is|are|was|were|has|have|had|can|could|will|would|may|might|should|must|does|do|did)\\b"
                    + "|\\b(?:[Tt]hey|[Ii]t|[Ww]e)\\s+[a-z]+|\\b(?:[Tt]his|[Tt]hese|(?!" + OPENER + "\\b)[A-Z][A-Za-z]+) [a-z]+(?:s|ed)\\b");

    /**
     * "Their results suggest that the structure of a biofilm, not only selection" : the clause after
     * the last "that" has lost its verb, so the cut would leave a fragment.
     */
    static boolean verblessThatClause(String sentence) {
        int at = sentence.lastIndexOf(" that ");
        return at >= 0 && !FINITE.matcher(sentence.substring(at + 6)).find()
                && !sentence.substring(at + 6).matches("(?s).*\\b[a-z]+(?:s|ed)\\b.*");
    }

    /** A relative clause ("…, which they name Guanaco") hangs on a noun; it is not the sentence's verb. */
    private static final Pattern RELATIVE_CLAUSE = Pattern.compile(",\\s+(?:which|who|whom|whose|where)\\b[^,]*");

    /** The sentence without its relative clauses: "Their best model family, which they name Guanaco" is a noun phrase. */
    static String mainClause(String sentence) {
        return RELATIVE_CLAUSE.matcher(sentence).replaceAll("");
    }

    /**
     * A series cut after one of its items ends as a series: "they gather the data, build a subset,
     * present a plan" is said "…, build a subset, and present a plan". Only a run of short items
     * (two to eight words each, at least three parts in all, none opening a clause of its own) counts.
     */
    static String closeSeries(String kept) {
        String last = lastSentence(kept);
        String[] items = last.split(",\\s+");
        if (items.length < 3 || CONJOINED.matcher(items[items.length - 1]).lookingAt()) {
            return kept;
        }
        for (int i = 1; i < items.length; i++) {
            int w = EpisodeWords.count(items[i]);
            if (w < 2 || w > 8 || !Character.isLowerCase(items[i].charAt(0)) || CLAUSE_OPENER.matcher(items[i]).lookingAt()) {
                return kept;
            }
        }
        int at = kept.lastIndexOf(", ");
        return kept.substring(0, at) + ", and " + kept.substring(at + 2);
    }

    private static String lastSentence(String text) {
        List<String> ss = sentences(text);
        return ss.get(ss.size() - 1);
    }

    static List<String> sentences(String text) {
        return List.of(text.split("(?<=[.!?])\\s+"));
    }

    private final int targetWords;
    private final AnalogyLibrary analogies;

    public OfflineScriptWriter(int targetWords) {
        this(targetWords, AnalogyLibrary.load());
    }

    public OfflineScriptWriter(int targetWords, AnalogyLibrary analogies) {
        this.targetWords = targetWords;
        this.analogies = analogies;
    }

    @Override
    public String name() {
        return NAME;
    }

    public int targetWords() {
        return targetWords;
    }

    /** Parts as the listener hears them: by section, then by their order in it. */
    private static final Comparator<Part> IN_EPISODE_ORDER = Comparator.comparing(Part::kind).thenComparingInt(Part::order);

    /** One piece of a section; optional pieces are added by priority until the length target is met. */
    private record Part(Kind kind, int order, String text, int priority, boolean mandatory, boolean filler, Candidate source) {
        Part(Kind kind, int order, String text, int priority, boolean mandatory, boolean filler) {
            this(kind, order, text, priority, mandatory, filler, null);
        }

        int words() {
            return EpisodeWords.count(text);
        }
    }

    /** What one episode is being written from, and what it has said so far. */
    private final class Draft {
        final ScriptRequest req;
        final PaperAnalysis analysis;
        final Grounding grounding;
        final GroundingReport.Builder report = GroundingReport.builder(NAME);
        final RecitalGuard guard;
        final SplittableRandom rnd;
        final List<Part> parts = new ArrayList<>();
        final Set<String> used = new HashSet<>();
        final List<KeyTerms.Term> terms;
        final List<String> explained = new ArrayList<>();
        final Set<String> names = new HashSet<>();

        Draft(ScriptRequest req, int target) {
            this.req = req;
            this.analysis = new PaperAnalysis(req);
            this.grounding = new Grounding(req.groundingText());
            this.guard = new RecitalGuard(req.paper().abstractText() == null ? "" : req.paper().abstractText(),
                    (int) Math.round(target * RECITAL_BUDGET), RECITAL_PER_LINE);
            this.rnd = new SplittableRandom(seed(req.arxivId()));
            this.terms = KeyTerms.find(req.paper().title(), analysis.sections(), 2).stream()
                    .filter(t -> t.mentions() >= 3 || req.paper().title().contains(t.name())).toList();
            String text = req.groundingText();
            Set<String> lower = new HashSet<>();
            Matcher w = Pattern.compile("\\b[a-z][a-z]+\\b").matcher(text);
            while (w.find()) {
                lower.add(w.group());
            }
            Matcher m = MID_SENTENCE_NAME.matcher(text);
            while (m.find()) {
                if (!lower.contains(m.group().toLowerCase(Locale.ROOT))) {
                    names.add(m.group()); // capitalised mid-sentence and never written in lower case: a name
                }
            }
        }

        /** The lead-in and the sentence, the sentence's first word lower-cased unless it is a name. */
        String lead(String leadIn, String spoken) {
            if (leadIn.isEmpty() || OWN_CONNECTIVE.matcher(spoken).lookingAt()) {
                return spoken; // "And additionally, …" would stutter
            }
            leadIn = leadFor(leadIn, spoken);
            if (leadIn.endsWith(". ") || leadIn.endsWith("? ") || leadIn.endsWith("! ")) {
                return leadIn + spoken;
            }
            String first = spoken.split("[\\s,]", 2)[0];
            boolean name = names.contains(first) || first.length() > 1 && !first.substring(1).equals(first.substring(1).toLowerCase(Locale.ROOT));
            return leadIn + (name || first.equals("I") ? spoken : Character.toLowerCase(spoken.charAt(0)) + spoken.substring(1));
        }

        final Set<String> leadsUsed = new HashSet<>();

        /** One of the options, a different one each time where it can (no "Put simply" twice). */
        String pick(String[] options) {
            int start = rnd.nextInt(options.length);
            for (int i = 0; i < options.length; i++) {
                String o = options[(start + i) % options.length];
                if (o.isEmpty() || leadsUsed.add(o)) {
                    return o;
                }
            }
            return options[start];
        }

        /**
         * The candidate as the host says it, or null when it cannot be said (ungrounded, too long,
         * recited, repeated). A line that would read too much of the abstract back is shortened first:
         * without its opening phrase, without its most-copied sentence, or without its tail.
         */
        String say(Candidate c, Kind kind, String leadGiven, Predicate<String> extra) {
            if (used.contains(c.original())) {
                return null;
            }
            if (leansBack(c.original())) {
                return null;
            }
            String plain = SpokenText.plain(c.spoken());
            Matcher connective = CONNECTIVE.matcher(plain);
            boolean connected = connective.lookingAt() && plain.length() > connective.end();
            // "However, even the best models …" after a line of the same take is said "But …", not "Plus, …".
            String leadIn = connected && CONTRAST.matcher(plain).lookingAt() && java.util.Arrays.asList(Templates.AND_LEADS).contains(leadGiven)
                    ? "But " : leadGiven;
            if (connected) {
                String rest = plain.substring(connective.end());
                plain = Character.toUpperCase(rest.charAt(0)) + rest.substring(1);
            }
            List<String> whole = sentences(plain).stream().filter(x -> !LONE_CLAUSE.matcher(x).matches()).toList();
            if (whole.isEmpty()) {
                return null;
            }
            plain = String.join(" ", whole);
            String lastProblem = null;
            String lastText = plain;
            // The host's own wording first; the paper's order only when the retold line cannot be said.
            List<String> variants = new ArrayList<>(shorter(SpokenText.retold(plain)));
            shorter(plain).stream().filter(v -> !variants.contains(v)).forEach(variants::add);
            // A form that reads nothing back goes first, so the budget of copied words lasts for lines that need it,
            // but not one cut down to a stub of what the line would say.
            int full = EpisodeWords.count(variants.get(0));
            String own = variants.stream().filter(v -> guard.copiedWords(lead(leadIn, v)) == 0 && EpisodeWords.count(v) * 5 >= full * 3)
                    .findFirst().orElse(null);
            if (own != null) {
                variants.remove(own);
                variants.add(0, own);
            }
            // "…they bring in MemGPT, a system." says nothing of what it is: a stub left by a cut is no line.
            variants.removeIf(v -> variants.size() > 1 && sentences(v).stream().anyMatch(x -> STUB.matcher(x).find()));
            for (String variant : variants) {
                boolean speakable = true;
                for (String sentence : sentences(variant)) {
                    speakable &= EpisodeWords.count(sentence) <= MAX_SENTENCE_WORDS && !LONE_CLAUSE.matcher(sentence).matches();
                }
                if (!speakable) {
                    lastProblem = "a sentence too long to follow by ear";
                    continue;
                }
                if (extra != null && !extra.test(variant)) {
                    return null;
                }
                String text = lead(leadIn, variant);
                lastText = text;
                List<String> problems = grounding.problems(text);
                if (!problems.isEmpty()) {
                    lastProblem = String.join("; ", problems);
                    continue;
                }
                String recital = guard.problem(text);
                if (recital != null) {
                    lastProblem = recital;
                    continue;
                }
                guard.offer(text);
                used.add(c.original());
                return text;
            }
            report.dropped(kind.name(), lastText, lastProblem);
            return null;
        }

        /** The candidate without its sentences that name {@code text} (the term was just introduced). */
        String sayWithout(Candidate c, String text, Kind kind, String leadIn) {
            String plain = SpokenText.plain(c.spoken());
            List<String> rest = sentences(plain).stream().filter(x -> !x.contains(text)).toList();
            if (rest.isEmpty() || rest.size() == sentences(plain).size()) {
                return null;
            }
            String without = String.join(" ", rest);
            Candidate shorter = new Candidate(c.original(), without, c.section(), c.sectionIndex(), c.position(), c.score(),
                    c.cue(), c.quotable(), c.role(), c.anchor(), c.paragraph(), c.sentence());
            String saved = SpokenText.plain(without);
            return saved.isEmpty() ? null : say(shorter, kind, leadIn, null);
        }

        /** The line as it is, then shorter forms of it that still stand as sentences. */
        List<String> shorter(String plain) {
            List<String> out = new ArrayList<>();
            out.add(plain);
            String noIntro = withoutIntro(plain);
            if (noIntro != null) {
                out.add(noIntro);
            }
            for (String base : List.copyOf(out)) {
                // The cut forms of one base, the fullest first: dropping a whole sentence comes after
                // cutting a tail when the tail cut keeps more.
                List<String> cuts = new ArrayList<>();
                List<String> ss = sentences(base);
                if (ss.size() > 1) {
                    String worst = ss.stream().max(Comparator.comparingInt(guard::copiedWords)).orElseThrow();
                    List<String> kept = new ArrayList<>(ss);
                    kept.remove(worst);
                    String joined = String.join(" ", kept);
                    // Only a sentence that now opens the line can lean on the one left out.
                    boolean opensAsBefore = !kept.isEmpty() && kept.get(0).equals(ss.get(0));
                    if (EpisodeWords.count(joined) >= 6 && (opensAsBefore || !DANGLING.matcher(joined).lookingAt())) {
                        cuts.add(joined);
                    }
                }
                // "It manages the tiers, and uses interrupts …": the first of two things it does is a sentence.
                String last = lastSentence(base);
                Matcher second = SECOND_PREDICATE.matcher(last);
                if (second.find() && EpisodeWords.count(last.substring(0, second.start(1))) >= 6) {
                    cuts.add(base.substring(0, base.length() - last.length() + second.start(1)) + ".");
                }
                int cut = tailCut(base);
                if (cut > 0) {
                    cuts.add(closeSeries(base.substring(0, cut).replaceAll("[,;:]$", "")) + ".");
                }
                cuts.sort(Comparator.comparingInt(EpisodeWords::count).reversed());
                out.addAll(cuts);
            }
            return out;
        }

        /** The first candidates that can be said, up to n, each with its lead-in. */
        List<Part> take(List<Candidate> candidates, int n, Kind kind, int firstOrder, String[] firstLeads, int[] priorities,
                Predicate<String> extra) {
            List<Part> out = new ArrayList<>();
            for (Candidate c : candidates) {
                if (out.size() >= n) {
                    break;
                }
                String leadIn = out.isEmpty() ? pick(firstLeads) : pick(Templates.AND_LEADS);
                String text = say(c, kind, leadIn, extra);
                if (text != null) {
                    int p = priorities[Math.min(out.size(), priorities.length - 1)];
                    out.add(new Part(kind, firstOrder + out.size(), text, p, out.isEmpty(), false, c));
                }
            }
            return out;
        }

        /** A host line (no facts of its own); kept only if it repeats nothing already said. */
        void host(Kind kind, int order, String text, int priority, boolean mandatory, boolean filler) {
            if (guard.offer(text) || mandatory) {
                parts.add(new Part(kind, order, text, priority, mandatory, filler));
            }
        }

        boolean mentionsUnexplainedTerm(String text) {
            for (KeyTerms.Term t : terms) {
                if (!explained.contains(t.name()) && !req.paper().title().contains(t.name())
                        && KeyTerms.asWord(t.name()).matcher(text).find()) {
                    return true;
                }
            }
            return false;
        }
    }

    @Override
    public WrittenScript write(ScriptRequest req) {
        int target = EpisodeLength.target(req, targetWords);
        Draft d = new Draft(req, target);
        PaperSummary paper = req.paper();
        PaperAnalysis analysis = d.analysis;
        FieldProfile field = FieldProfile.of(paper.primaryCategory());
        boolean fullText = analysis.hasBody() && !req.abstractOnly();
        String title = SpokenText.title(paper.title());
        String subject = asSaid(subject(title), paper.abstractText());
        String subjectRef = subject == null ? "this approach" : subject;
        String category = paper.categoryName() == null || paper.categoryName().isBlank() ? "research" : paper.categoryName();
        Slots slots = new Slots(title, category, subjectRef, topic(req), fullText ? "paper" : "abstract");

        // The paper's own content is chosen first, most important first, so the recital budget goes
        // to the method and the results rather than to scene-setting.
        explainTerms(d);
        Predicate<String> termsReady = t -> !d.mentionsUnexplainedTerm(t);
        List<Candidate> resultPool = new ArrayList<>(preferBody(fullText,
                analysis.fromRoles(List.of(SectionRole.RESULTS, SectionRole.DISCUSSION, SectionRole.CONCLUSION)).stream()
                        .filter(c -> c.cue() == Cue.RESULT || c.hasNumber() && c.role() == SectionRole.RESULTS).toList(),
                analysis.ranked(Cue.RESULT)));
        // A sentence that reports an outcome in its own words comes before one that is only set in a
        // results section (how a run was set up, where a data set came from) or that says why a model was chosen.
        resultPool.sort(Comparator.comparing((Candidate c) -> c.cue() != Cue.RESULT)
                .thenComparing(c -> !Cue.statesResult(c.original()) || Cue.describesMethod(c.original()))
                .thenComparing(Comparator.comparing(Candidate::hasNumber).reversed())
                .thenComparing(Comparator.comparingDouble(Candidate::score).reversed()));
        List<Candidate> methodPool = new ArrayList<>(preferBody(fullText, analysis.fromRoles(List.of(SectionRole.METHOD)),
                analysis.ranked(Cue.METHOD)));
        // A difficulty or a limit stated in the method section is not what they did.
        methodPool.removeIf(c -> c.cue() == Cue.RELEASE || c.cue() == Cue.PROBLEM || c.cue() == Cue.LIMITATION
                || c.cue() == Cue.RESULT && !fullText);
        methodPool.sort(Comparator.comparing((Candidate c) -> !OWN_VOICE.matcher(c.original()).find())
                .thenComparing(c -> c.cue() != Cue.METHOD)
                .thenComparing(Comparator.comparingDouble(Candidate::score).reversed()));
        List<Candidate> problemPool = byPosition(preferBody(fullText,
                analysis.fromRoles(List.of(SectionRole.INTRODUCTION, SectionRole.SUMMARY)).stream()
                        .filter(c -> c.cue() == Cue.PROBLEM || c.cue() == Cue.CONTEXT).toList(),
                analysis.ranked(Cue.PROBLEM, Cue.CONTEXT)));
        resultPool.removeIf(c -> SECOND_PERSON.matcher(c.original()).find()); // advice to the reader is not a finding
        List<Part> findings = new ArrayList<>(d.take(resultPool, 1, Kind.FINDINGS, 10, Templates.FINDINGS_LEADS,
                new int[] { 100 }, termsReady));
        List<Part> methods = new ArrayList<>(d.take(methodPool, 1, Kind.METHOD, 10, Templates.METHOD_LEADS,
                new int[] { 100 }, termsReady));
        List<Part> problem = new ArrayList<>(d.take(problemPool, 1, Kind.HOOK, 3, Templates.PROBLEM_LEADS,
                new int[] { 100 }, termsReady));
        findings.addAll(d.take(resultPool, 3, Kind.FINDINGS, 11, Templates.AND_LEADS, new int[] { 76, 52, 32 }, termsReady));
        methods.addAll(d.take(methodPool, 3, Kind.METHOD, 11, Templates.AND_LEADS, new int[] { 72, 56, 34 }, termsReady));
        if (!problem.isEmpty()) {
            problem.addAll(d.take(problemPool.stream().filter(c -> c.sectionIndex() == problem.get(0).source().sectionIndex())
                    .toList(), 1, Kind.HOOK, 4, Templates.AND_LEADS, new int[] { 58 }, termsReady));
        }
        // The sentences the episode draws on: the body's when it has one.
        List<Candidate> heard = preferBody(fullText, analysis.all(), analysis.all());
        if (methods.isEmpty()) {
            // The authors' own sentence on what they did, read as theirs, before "only sketched" when there is one.
            // An opening "We study …" counts as the problem by its place, yet it says what they did.
            java.util.stream.Stream.concat(methodPool.stream().filter(c -> c.cue() == Cue.METHOD),
                    heard.stream()
                            .filter(c -> c.cue() != Cue.RELEASE && c.cue() != Cue.RESULT && Cue.describesMethod(c.original())))
                    .filter(c -> inTheirWords(c) && !d.used.contains(c.original()))
                    .findFirst().ifPresent(c -> {
                        d.used.add(c.original());
                        methods.add(new Part(Kind.METHOD, 10, d.pick(Templates.METHOD_IN_THEIR_WORDS) + " \"" + c.original() + "\"",
                                100, true, false, c));
                    });
        }
        if (methods.isEmpty()) {
            // What they release is said where it matters to listeners (why it matters), never as their method.
            methods.addAll(d.take(analysis.ranked(Cue.CONTEXT, Cue.PROBLEM), 1, Kind.METHOD, 10,
                    Templates.METHOD_LEADS, new int[] { 100 }, termsReady));
        }
        if (findings.isEmpty() && fullText) {
            // Only a sentence that reports something: a review's description of other methods is no finding.
            findings.addAll(d.take(analysis.all().stream().filter(c -> c.fromBody() && Cue.statesResult(c.original())).toList(), 1,
                    Kind.FINDINGS, 10,
                    Templates.FINDINGS_LEADS, new int[] { 100 }, termsReady));
        }

        // The quote: a sentence none of the parts above re-voices (a term's defining sentence stays for its gist).
        Set<String> definitions = new HashSet<>(d.used);
        d.terms.forEach(t -> definitions.add(t.definition()));
        Candidate quote = chooseQuote(analysis, d.grounding, d.report, fullText, definitions);
        if (quote == null) {
            quote = chooseQuote(analysis, d.grounding, d.report, fullText, Set.of());
        }

        // HOOK: greeting, the paper, and the problem from the introduction.
        d.host(Kind.HOOK, 0, d.pick(Templates.GREETINGS).replace("{host}", req.show().host()), 100, true, false);
        d.host(Kind.HOOK, 1, slots.fill(d.pick(Templates.INTROS)), 100, true, false);
        if (!fullText) {
            d.host(Kind.HOOK, 2, d.pick(Templates.ABSTRACT_ONLY), 100, true, false);
        }
        d.parts.addAll(inPaperOrder(problem, 3));
        if (problem.isEmpty()) {
            // Only a paper that opens on its work is said to skip the backstory.
            Candidate opening = heard.stream()
                    .min(Comparator.comparingInt(Candidate::sectionIndex).thenComparingInt(Candidate::position)).orElse(null);
            boolean opensOnWork = opening == null || opening.cue() == Cue.METHOD || OWN_VOICE.matcher(opening.original()).find();
            d.host(Kind.HOOK, 3, slots.fill(d.pick(opensOnWork ? Templates.NO_PROBLEM : Templates.PROBLEM_UNSAID)), 100, true, false);
        }

        // ANALOGY, chosen by field and topic; it comes back at the results.
        String body = analysis.candidates().stream().map(Candidate::original).limit(400)
                .collect(java.util.stream.Collectors.joining(" "));
        AnalogyLibrary.Analogy analogy = analogies.choose(paper.primaryCategory(), title, body);
        if (analogy != null) {
            d.host(Kind.ANALOGY, 0, analogy.text(), 100, true, false);
            d.host(Kind.ANALOGY, 1, analogy.elaboration(), 45, false, false);
            // A key term is not named before it is explained: the bridge then speaks of the picture alone.
            boolean subjectIsTerm = d.terms.stream().anyMatch(t -> t.name().equals(subjectRef));
            d.host(Kind.ANALOGY, 2, slots.fill(d.pick(subjectIsTerm
                    ? java.util.Arrays.stream(Templates.BRIDGES).filter(b -> !b.contains("{subject}")).toArray(String[]::new)
                    : Templates.BRIDGES)), 100, true, false);
        } else {
            // No picture the paper's words call for: none is forced on it.
            d.host(Kind.ANALOGY, 2, slots.fill(d.pick(Templates.NO_ANALOGY)), 100, true, false);
        }

        // METHOD: the key terms in plain words (added above), then what they did.
        d.parts.addAll(inPaperOrder(methods, 10));
        boolean gistSaid = d.parts.stream().anyMatch(p -> p.kind() == Kind.METHOD && p.source() != null);
        d.host(Kind.METHOD, 0, d.pick(gistSaid ? Templates.METHOD_TRANSITIONS : Templates.METHOD_TRANSITIONS_PLAIN), 100, true, false);
        if (methods.isEmpty() && !gistSaid) {
            // When the quote is the sentence that says what they did, the listener is told it is coming.
            boolean quoteTellsMethod = quote != null && quote.cue() == Cue.METHOD;
            d.host(Kind.METHOD, 10, slots.fill(d.pick(quoteTellsMethod ? Templates.NO_METHOD_QUOTED : Templates.NO_METHOD)), 100, true, false);
        }

        // FINDINGS: results with their numbers, the analogy again, a limitation.
        d.host(Kind.FINDINGS, 0, d.pick(Templates.FINDINGS_TRANSITIONS), 100, true, false);
        d.parts.addAll(inPaperOrder(findings, 10));
        if (findings.isEmpty()) {
            // When the quote is the sentence that states the result, the listener is told it is coming.
            boolean quoteTellsResult = quote != null && quote.cue() == Cue.RESULT;
            d.host(Kind.FINDINGS, 10, slots.fill(d.pick(quoteTellsResult ? Templates.NO_FINDINGS_QUOTED : Templates.NO_FINDINGS)), 100,
                    true, false);
        }
        if (analogy != null && analogy.callback() != null) {
            d.host(Kind.FINDINGS, 60, analogy.callback(), 90, !findings.isEmpty(), false);
        }
        List<Candidate> limits = preferBody(fullText,
                analysis.fromRoles(List.of(SectionRole.DISCUSSION, SectionRole.CONCLUSION, SectionRole.RESULTS)).stream()
                        .filter(c -> c.cue() == Cue.LIMITATION).toList(),
                analysis.ranked(Cue.LIMITATION));
        d.parts.addAll(d.take(limits, 1, Kind.FINDINGS, 80, Templates.LIMITATION_LEADS, new int[] { 70 }, termsReady));

        // QUOTE
        d.host(Kind.QUOTE, 0, d.pick(Templates.QUOTE_LEADS), 100, true, false);
        if (quote != null) {
            d.parts.add(new Part(Kind.QUOTE, 1, "\"" + quote.original().replaceAll("\\s+", " ").strip() + "\"", 100, true,
                    false, quote));
        } else {
            d.parts.add(new Part(Kind.QUOTE, 1, "\"" + quotableTitle(paper.title()) + "\"", 100, true, false));
            d.report.note("no quotable sentence: the title is quoted");
        }
        d.host(Kind.QUOTE, 2, d.pick(Templates.QUOTE_REACTIONS), 28, false, false);

        // WHY IT MATTERS: at least two audiences of the paper's field; what comes next.
        d.host(Kind.WHY_IT_MATTERS, 0, d.pick(Templates.WHY_INTROS), 100, true, false);
        int[] audiencePriority = { 100, 100, 62 };
        List<List<String>> groups = field.audiences();
        for (int i = 0; i < groups.size(); i++) {
            List<String> group = groups.get(i);
            String line = slots.fill(group.get(d.rnd.nextInt(group.size())));
            int p = audiencePriority[Math.min(i, audiencePriority.length - 1)];
            d.host(Kind.WHY_IT_MATTERS, 1 + i, line, p, p == 100, false);
        }
        d.parts.addAll(d.take(analysis.ranked(Cue.RELEASE), 1, Kind.WHY_IT_MATTERS, 8, Templates.RELEASE_LEADS,
                new int[] { 40 }, t -> t.matches("(?is).*\\b(?:release[sd]?|put out|available|open[- ]source|publicly|download)\\b.*")));
        List<Candidate> next = analysis.candidates().stream()
                .filter(c -> c.role() == SectionRole.CONCLUSION || c.role() == SectionRole.DISCUSSION || !fullText)
                .filter(c -> FUTURE.matcher(c.original()).find()).toList();
        d.parts.addAll(d.take(next, 1, Kind.WHY_IT_MATTERS, 9, Templates.NEXT_LEADS, new int[] { 66 }, null));

        // TAKEAWAYS: restated in new words, from the conclusion where there is one.
        d.host(Kind.TAKEAWAYS, 0, d.pick(Templates.TAKEAWAY_INTROS), 100, true, false);
        takeaways(d, fullText, findings, slots);

        // QUESTIONS: the field's questions.
        d.host(Kind.QUESTIONS, 0, d.pick(Templates.QUESTION_INTROS), 100, true, false);
        List<String> questions = new ArrayList<>(field.questions());
        shuffle(questions, d.rnd);
        int[] questionPriority = { 100, 100, 40, 18, 7, 3 };
        for (int i = 0; i < Math.min(questions.size(), questionPriority.length); i++) {
            String q = slots.fill(questions.get(i));
            d.host(Kind.QUESTIONS, 2 + i, q, questionPriority[i], questionPriority[i] == 100, questionPriority[i] < 10);
        }

        // SIGN_OFF and CREDITS, exactly as the show credits: every author.
        d.host(Kind.SIGN_OFF, 0, d.pick(Templates.SIGN_OFF_REFLECTIONS), 20, false, false);
        d.host(Kind.SIGN_OFF, 1, d.pick(Templates.SIGN_OFFS), 100, true, false);
        d.parts.add(new Part(Kind.CREDITS, 0, "Credit to Paper authors: " + paper.creditLine(), 100, true, false));

        List<Part> chosen = noAndToOpen(namedOnlyIfUsed(spelledOutOnce(withinRecital(fit(d.parts, target), d.guard), d.terms), d.terms,
                paper.title()));
        List<Part> ordered = chosen.stream().sorted(IN_EPISODE_ORDER).toList();
        Map<Kind, List<EpisodeScript.Line>> lines = new EnumMap<>(Kind.class);
        Map<String, String> spokenAs = Map.of();
        if (req.show().duo()) {
            Dialogue.Result dialogue = new Dialogue(req.show(), d::pick)
                    .write(ordered.stream().map(p -> new Dialogue.Piece(p.kind(), p.order(), p.text())).toList());
            lines.putAll(dialogue.lines());
            spokenAs = dialogue.spokenAs();
        } else {
            ordered.forEach(p -> lines.computeIfAbsent(p.kind(), k -> new ArrayList<>())
                    .add(new EpisodeScript.Line(req.show().host(), p.text())));
        }
        Map<String, String> said = spokenAs;
        Map<Kind, List<EpisodeScript.Provenance>> sources = new EnumMap<>(Kind.class);
        ordered.stream().filter(p -> p.source() != null).forEach(p -> sources.computeIfAbsent(p.kind(), k -> new ArrayList<>())
                .add(provenance(said.getOrDefault(p.text(), p.text()), p.source())));
        List<EpisodeScript.Section> sections = new ArrayList<>();
        for (Kind k : Kind.values()) {
            List<EpisodeScript.Line> turns = lines.getOrDefault(k, List.of());
            String text = String.join(Dialogue.separator(k), turns.stream().map(EpisodeScript.Line::text).toList()).strip();
            d.grounding.check(k.name(), text, d.report);
            sections.add(new EpisodeScript.Section(k, Templates.chapterTitle(k), text, sources.getOrDefault(k, List.of()),
                    req.show().duo() ? turns : List.of()));
        }
        String description = description(req, title, chosen, d.grounding);
        EpisodeScript script = new EpisodeScript(req.arxivId(), req.version(), paper.episodeTitle(), description, sections, NAME,
                req.show().format(), req.show().hosts());
        if (ScriptGate.unsourced(req, script).isPresent()) {
            // The offline writer is the last resort: an episode without sources would ship as a defect.
            throw new PermanentFailure("no line of the episode for " + req.arxivId()
                    + " could be traced to a passage of the paper's full text, so it would go out without sources;"
                    + " its extracted text (sections.json) holds no sentence the show can say or quote; check the extraction before a retry");
        }
        ExplainMetrics.Figures f = ExplainMetrics.measure(script, paper.abstractText() == null ? "" : paper.abstractText());
        Set<String> sectionsUsed = new LinkedHashSet<>();
        chosen.stream().filter(p -> p.source() != null && p.source().fromBody() && p.kind() != Kind.QUOTE)
                .sorted(Comparator.comparingInt((Part p) -> p.source().sectionIndex()))
                .forEach(p -> sectionsUsed.add(p.source().section()));
        List<String> termsSaid = d.explained.stream().filter(t -> chosen.stream().anyMatch(p -> p.text().contains(t))).toList();
        d.report.explain(new GroundingReport.Explain(f.recitalPercent(), f.repeatedRuns(), List.copyOf(sectionsUsed),
                termsSaid, !fullText, List.of(), ScriptGate.sourcedLines(script)));
        return new WrittenScript(script, d.report.build(), NAME, null);
    }

    /**
     * An acronym the episode already spelt out before its term line ("Large language models, or LLMs,
     * have …" in the hook) is not spelt out again ("And LLMs is short for …"). Named side by side in
     * a title is not spelt out.
     */
    static List<Part> spelledOutOnce(List<Part> chosen, List<KeyTerms.Term> terms) {
        List<Part> ordered = chosen.stream().sorted(IN_EPISODE_ORDER).toList();
        List<Part> out = new ArrayList<>(chosen);
        for (KeyTerms.Term t : terms) {
            if (t.expansion() == null) {
                continue;
            }
            String spelt = t.name() + (" is short for " + t.expansion() + ".");
            String speltFirst = t.name() + ", which is short for " + t.expansion() + ".";
            String name = Pattern.quote(t.name());
            String expansion = Pattern.quote(t.expansion());
            Pattern both = Pattern.compile("(?i)(?<![\\w-])(?:" + expansion + ",?\\s+or\\s+" + name + "|" + name + ",?\\s+or\\s+"
                    + expansion + ")(?![\\w-])");
            for (int i = 0; i < ordered.size(); i++) {
                Part p = ordered.get(i);
                if (p.source() == null && (p.text().endsWith(spelt) || p.text().endsWith(speltFirst))) {
                    boolean before = ordered.subList(0, i).stream().anyMatch(q -> both.matcher(q.text()).find());
                    if (before) {
                        out.remove(p);
                    }
                    break;
                }
            }
        }
        return out;
    }

    /**
     * A term the episode introduces but never says again ("FAP, which is short for False Alarm
     * Probability." and then not a word of it) is not introduced: a name to remember for nothing.
     */
    static List<Part> namedOnlyIfUsed(List<Part> chosen, List<KeyTerms.Term> terms, String title) {
        List<Part> out = new ArrayList<>(chosen);
        for (KeyTerms.Term t : terms) {
            Pattern named = KeyTerms.asWord(t.name());
            if (named.matcher(title).find()) {
                continue;
            }
            List<Part> mentions = out.stream().filter(p -> named.matcher(p.text()).find()).toList();
            if (!mentions.isEmpty() && mentions.stream().allMatch(p -> p.source() == null && p.kind() == Kind.METHOD)) {
                out.removeAll(mentions);
            }
        }
        return out;
    }

    /**
     * "And", "Plus" and the like join a line to the one before: the first of a section's paper lines opens
     * without one. The first paper line of the episode says no "also" ("They also bound the variance …"
     * heard before anything else they did).
     */
    static List<Part> noAndToOpen(List<Part> chosen) {
        List<Part> ordered = chosen.stream().sorted(IN_EPISODE_ORDER).toList();
        List<Part> out = new ArrayList<>();
        boolean firstPaperLine = true;
        for (int i = 0; i < ordered.size(); i++) {
            Part p = ordered.get(i);
            Part before = i > 0 ? ordered.get(i - 1) : null;
            boolean opens = before == null || before.kind() != p.kind() || before.source() == null && before.order() == 0;
            String text = p.text();
            Matcher and = AND_LEAD.matcher(text);
            // Nor a "But" with nothing before it to turn against.
            Matcher but = OPENING_BUT.matcher(text);
            if (p.source() != null && opens && (and.lookingAt() && text.length() > and.end() || but.lookingAt())) {
                String rest = text.substring(and.lookingAt() ? and.end() : but.end());
                text = Character.toUpperCase(rest.charAt(0)) + rest.substring(1);
            }
            if (p.source() != null && p.kind() != Kind.QUOTE && firstPaperLine) {
                text = FIRST_ALSO.matcher(text).replaceFirst("$1");
                firstPaperLine = false;
            }
            out.add(text.equals(p.text()) ? p : new Part(p.kind(), p.order(), text, p.priority(), p.mandatory(), p.filler(), p.source()));
        }
        return out;
    }

    private static final Pattern OPENING_BUT = Pattern.compile("But (?=\\S)");

    /** "They also …" at a sentence's start. */
    private static final Pattern FIRST_ALSO = Pattern.compile("(?<=^|[.!?:] )((?:[Tt]hey|[Ii]t|[Tt]he authors?|[Hh]e|[Ss]he) )also ");

    private static final Pattern AND_LEAD = Pattern.compile(java.util.Arrays.stream(Templates.AND_LEADS).filter(l -> !l.isBlank())
            .map(l -> Pattern.quote(l.strip())).collect(java.util.stream.Collectors.joining("|", "(?:", ")\\s+")));

    /** Where a spoken line comes from: the paper's section, its anchor, the paragraph and the sentence itself. */
    static EpisodeScript.Provenance provenance(String spoken, Candidate c) {
        return new EpisodeScript.Provenance(spoken, c.section(), c.anchor(), c.paragraph(), c.sentence());
    }

    /** Each key term, before it is used: an acronym's long form, or the authors' name for it, then the gist in plain words. */
    private void explainTerms(Draft d) {
        int order = 1;
        for (KeyTerms.Term t : d.terms) {
            if (order > 7) {
                break;
            }
            String intro;
            if (t.expansion() != null) {
                // The first one after a lead-in ("…a name you'll hear: LoRA, which is short for …"); a later
                // one as a sentence of its own ("And LLM is short for …").
                intro = order == 1 ? d.pick(Templates.TERM_INTROS) + t.name() + ", which is short for " + t.expansion() + "."
                        : "And " + t.name() + " is short for " + t.expansion() + ".";
            } else {
                intro = Templates.NAMED_TERM[d.rnd.nextInt(Templates.NAMED_TERM.length)].replace("{term}", t.name());
            }
            if (d.guard.problem(intro) != null || !d.grounding.problems(intro).isEmpty()) {
                continue;
            }
            d.guard.offer(intro);
            d.explained.add(t.name());
            boolean first = order == 1;
            d.parts.add(new Part(Kind.METHOD, order, intro, first ? 100 : 64, first, false));
            // The gist: the defining sentence in plain words, when it can be said without reciting.
            PaperAnalysis.Candidate def = d.analysis.candidates().stream().filter(c -> c.original().equals(t.definition()))
                    .findFirst().orElse(null);
            if (def != null && definitional(t.name(), def.original())) {
                String expansion = t.expansion();
                String gist = d.say(def, Kind.METHOD, d.pick(Templates.TERM_PLAIN_LEADS), expansion == null ? null
                        : plain -> sentences(plain).size() == 1 || !sentences(plain).get(0).contains(expansion));
                if (gist == null && expansion != null) {
                    d.used.remove(def.original());
                    gist = d.sayWithout(def, expansion, Kind.METHOD, d.pick(Templates.TERM_PLAIN_LEADS));
                }
                if (gist != null) {
                    d.parts.add(new Part(Kind.METHOD, order + 1, gist, first ? 96 : 50, first, false, def));
                }
            }
            order += 2;
        }
    }

    /** Does the sentence say what the term is or does ("LoRA, which freezes …", "X is a …"), not just name it? */
    static boolean definitional(String term, String sentence) {
        String q = Pattern.quote(term);
        return Pattern.compile("(?<![\\w-])" + q + "\\)?,?\\s+(?:which\\s+|that\\s+)?(?:is|are|refers to|means|describes|measures|"
                + "estimates|works by|uses|freezes|combines|learns|computes|maps|lets|allows|consists|an?)\\b").matcher(sentence).find()
                || Pattern.compile("(?:called|known as|referred to as|we call|dubbed|termed)\\s+[\"\u201c]?" + q).matcher(sentence).find()
                        && sentence.matches("(?s).*\\b(?:is|are|which|that)\\b.*");
    }

    private void takeaways(Draft d, boolean fullText, List<Part> findings, Slots slots) {
        String[] ordinals = { "First, ", "Second, ", "And third, " };
        List<Candidate> pool = new ArrayList<>(d.analysis.fromRoles(List.of(SectionRole.CONCLUSION, SectionRole.SUMMARY)));
        pool.addAll(d.analysis.fromRoles(List.of(SectionRole.DISCUSSION)));
        pool.removeIf(c -> c.cue() == Cue.RELEASE);
        List<String> lines = new ArrayList<>();
        List<Candidate> sources = new ArrayList<>();
        for (Candidate c : pool) {
            if (lines.size() >= 3 || !fullText) {
                break;
            }
            // A takeaway is something to hold on to: the paper's own rhetorical questions, and its advice
            // to its reader ("compute the periodogram for your data"), are not.
            String text = d.say(c, Kind.TAKEAWAYS, ordinals[lines.size()],
                    t -> EpisodeWords.count(t) <= 40 && !t.contains("?") && !SECOND_PERSON.matcher(t).find());
            if (text != null) {
                lines.add(text);
                sources.add(c);
            }
        }
        List<String> titleTerms = d.explained.stream().filter(t -> d.req.paper().title().contains(t)).toList();
        if (lines.size() < 3 && !titleTerms.isEmpty()) {
            String line = ordinals[lines.size()] + lowerFirst(d.pick(Templates.TAKEAWAY_TERM).replace("{term}", titleTerms.get(0)));
            if (d.guard.offer(line)) {
                lines.add(line);
                sources.add(null);
            }
        }
        if (lines.size() < 3 && !findings.isEmpty()) {
            Matcher m = NUMBER_PHRASE.matcher(findings.get(0).text());
            if (m.find() && EpisodeWords.count(m.group()) >= 2) {
                // "78 percent of problems from a" ends where the phrase does: "78 percent of problems".
                String phrase = m.group().strip();
                // "in the minimum" of "in the minimum wage raises …": a noun phrase the window cut is finished.
                Matcher next = NEXT_WORD.matcher(findings.get(0).text().substring(m.end()));
                if (phrase.matches("(?s).*\\b(?:the|a|an|its|their)\\s+[A-Za-z-]+$") && next.lookingAt()
                        && !FUNCTION_WORD.matcher(next.group(1)).matches()) {
                    phrase = phrase + " " + next.group(1);
                }
                phrase = phrase.replaceAll("[,;:]$", "")
                        .replaceAll("(?:\\s+(?:" + TRAILING_WORDS + "))+$", "");
                String line = ordinals[lines.size()] + lowerFirst(d.pick(Templates.TAKEAWAY_NUMBER_LEADS)) + phrase + ".";
                if (d.grounding.problems(line).isEmpty() && d.guard.offer(line)) {
                    lines.add(line);
                    sources.add(findings.get(0).source());
                }
            }
        }
        boolean standIn = lines.isEmpty();
        if (standIn) {
            lines.add(slots.fill(d.pick(Templates.NO_TAKEAWAY)));
            sources.add(null);
        }
        if (lines.size() == 1 && lines.get(0).startsWith(ordinals[0])) {
            // "First, …" with no second is an enumeration of one: the line is said without it.
            String only = lines.get(0).substring(ordinals[0].length());
            lines.set(0, Character.toUpperCase(only.charAt(0)) + only.substring(1));
        }
        if (standIn) {
            // Nothing of the paper's own to take away: an intro that promises none ("If there's one thing to
            // take away…, it's this." before "If you remember one thing…" said "one thing" twice).
            d.parts.replaceAll(p -> p.kind() == Kind.TAKEAWAYS && p.order() == 0
                    ? new Part(p.kind(), 0, slots.fill(Templates.TAKEAWAY_INTRO_STAND_IN), p.priority(), p.mandatory(), p.filler())
                    : p);
        } else if (lines.size() == 1) {
            // "Here are the big takeaways" before a single one: the intro speaks of one.
            d.parts.replaceAll(p -> p.kind() == Kind.TAKEAWAYS && p.order() == 0
                    ? new Part(p.kind(), 0, slots.fill(Templates.TAKEAWAY_INTRO_ONE), p.priority(), p.mandatory(), p.filler())
                    : p);
        }
        for (int i = 0; i < lines.size(); i++) {
            d.parts.add(new Part(Kind.TAKEAWAYS, 1 + i, lines.get(i), i < 2 ? 100 : 48, i < 2, false, sources.get(i)));
        }
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    /** Full text: the body's candidates (the abstract only when the body has none); abstract only: the fallback. */
    private static List<Candidate> preferBody(boolean fullText, List<Candidate> body, List<Candidate> fallback) {
        if (!fullText) {
            return fallback;
        }
        List<Candidate> b = body.stream().filter(Candidate::fromBody).toList();
        return b.isEmpty() ? fallback : b;
    }

    private static List<Candidate> byPosition(List<Candidate> list) {
        List<Candidate> out = new ArrayList<>(list);
        out.sort(Comparator.comparingInt(Candidate::sectionIndex).thenComparingInt(Candidate::position));
        return out;
    }

    /**
     * A sentence that can be read out as the authors' own: their voice, short enough to follow, and with
     * no citation or math to stumble over.
     */
    static boolean inTheirWords(Candidate c) {
        String o = c.original();
        int words = EpisodeWords.count(o);
        return OWN_VOICE.matcher(o).find() && words >= 8 && words <= 30 && !o.matches("(?s).*[()\\[\\]$\\\\\"\u201c\u201d].*")
                && !SpokenText.hasMath(o);
    }

    /** Chosen by rank, spoken in the paper's order: the orders are re-assigned, the lead-ins kept. */
    private static List<Part> inPaperOrder(List<Part> parts, int firstOrder) {
        List<Part> sorted = new ArrayList<>(parts);
        sorted.sort(Comparator.comparingInt((Part p) -> p.source().sectionIndex()).thenComparingInt(p -> p.source().position()));
        List<Part> out = new ArrayList<>();
        for (Part p : parts) {
            out.add(new Part(p.kind(), firstOrder + sorted.indexOf(p), p.text(), p.priority(), p.mandatory(), p.filler(), p.source()));
        }
        return out;
    }

    /** The most an episode may read back of its abstract, in percent of its words (the show's own: 1-4 %). */
    static final double RECITAL_CEILING = 4.0;

    /**
     * The budget of copied words is set against the target length; an episode that comes out shorter
     * (a paper that gives little) would read back a larger share of itself. Optional paper lines go,
     * the one that copies most first, until the whole is under the ceiling.
     */
    private static List<Part> withinRecital(List<Part> parts, RecitalGuard guard) {
        List<Part> out = new ArrayList<>(parts);
        while (guard.percent(out.stream().filter(p -> p.kind() != Kind.CREDITS).sorted(IN_EPISODE_ORDER).map(Part::text)
                .collect(java.util.stream.Collectors.joining("\n"))) > RECITAL_CEILING) {
            Part worst = out.stream().filter(p -> !p.mandatory() && p.source() != null && guard.copiedWords(p.text()) > 0)
                    .max(Comparator.comparingInt(p -> guard.copiedWords(p.text()))).orElse(null);
            if (worst == null) {
                break;
            }
            out.remove(worst);
        }
        return out;
    }

    /**
     * Mandatory parts always; optional content by priority up to a little over the target (the
     * paper's, {@link EpisodeLength}); the field's last questions only if short. Nothing is added
     * just to be longer: a paper that gives little makes a short episode.
     */
    private static List<Part> fit(List<Part> parts, int targetWords) {
        List<Part> chosen = new ArrayList<>();
        int total = 0;
        for (Part p : parts) {
            if (p.mandatory()) {
                chosen.add(p);
                total += p.words();
            }
        }
        List<Part> optional = parts.stream().filter(p -> !p.mandatory())
                .sorted(Comparator.comparingInt(Part::priority).reversed()).toList();
        for (Part p : optional) {
            if (!p.filler() && total + p.words() <= targetWords * 1.05) {
                chosen.add(p);
                total += p.words();
            }
        }
        for (Part p : optional) {
            if (total >= targetWords * 0.95) {
                break;
            }
            if (p.filler() && total + p.words() <= targetWords * 1.10) {
                chosen.add(p);
                total += p.words();
            }
        }
        return chosen;
    }

    private static Candidate chooseQuote(PaperAnalysis a, Grounding g, GroundingReport.Builder report, boolean fullText,
            Set<String> keep) {
        List<Candidate> quotable = a.all().stream().filter(Candidate::quotable)
                .filter(c -> !fullText || c.fromBody()).filter(c -> !keep.contains(c.original())).toList();
        List<Candidate> preferred = quotable.stream().filter(c -> c.cue() == Cue.RESULT || c.cue() == Cue.METHOD).toList();
        for (List<Candidate> list : List.of(preferred, quotable)) {
            for (Candidate c : list) {
                if (g.quoteGrounded(c.original())) {
                    return c;
                }
                report.dropped(Kind.QUOTE.name(), c.original(), "quote not found verbatim in the paper");
            }
        }
        return null;
    }

    private String description(ScriptRequest req, String title, List<Part> chosen, Grounding g) {
        PaperSummary paper = req.paper();
        String who = req.show().duo() ? req.show().host() + " and " + req.show().cohost() + " unpack " : req.show().host() + " unpacks ";
        String base = who + title + ", a paper from " + (paper.categoryName() == null ? "arXiv" : paper.categoryName())
                + ", in plain words.";
        return chosen.stream().filter(p -> p.kind() == Kind.METHOD && p.source() != null)
                .sorted(Comparator.comparingInt(Part::order))
                .map(p -> SpokenText.plain(p.source().spoken()))
                .map(m -> m.replaceFirst("^They ", "The authors "))
                .filter(m -> EpisodeWords.count(m) <= 45 && g.problems(m).isEmpty())
                .findFirst().map(m -> base + " " + m).orElse(base);
    }

    /**
     * The title as the quote when the paper has no quotable sentence: verbatim, and when it carries
     * math, its longest stretch without any (no dollar sign is read out), cut to whole words.
     */
    static String quotableTitle(String title) {
        String t = title.replaceAll("\\s+", " ").strip();
        if (!SpokenText.hasMath(t)) {
            return t;
        }
        String best = "";
        for (String part : t.split("\\$[^$]*\\$")) {
            List<String> words = new ArrayList<>(List.of(part.strip().split(" ")));
            while (!words.isEmpty() && (TextRank.STOPWORDS.contains(words.get(words.size() - 1).toLowerCase(Locale.ROOT))
                    || SpokenText.hasMath(words.get(words.size() - 1)))) {
                words.remove(words.size() - 1);
            }
            String candidate = String.join(" ", words).strip();
            if (!SpokenText.hasMath(candidate) && candidate.length() > best.length()) {
                best = candidate;
            }
        }
        return EpisodeWords.count(best) >= 2 ? best : t;
    }

    /** Short name of the paper's idea: the part of the title before a colon, when short. */
    static String subject(String title) {
        int colon = title.indexOf(':');
        if (colon > 0) {
            String head = title.substring(0, colon).strip();
            // "Where plasmids spread: …" is a question, not the name of an idea.
            boolean question = head.matches("(?i)(?:where|what|when|why|how|who|which|whose|can|could|do|does|did|is|are|was|were|should|will)\\b.*")
                    || head.endsWith("?");
            if (!question && EpisodeWords.count(head) <= 4) {
                return head;
            }
        }
        return null;
    }

    /** A title's head as said mid-sentence: "Minimum wages and employment" is "minimum wages …" when the text says "minimum"; a name keeps its capital. */
    static String asSaid(String head, String text) {
        if (head == null || text == null) {
            return head;
        }
        String first = head.split("\\s+", 2)[0];
        return lowerIfTextDoes(first, words(text)) + head.substring(first.length());
    }

    /**
     * What a template's slots are filled with: the title, the field, the idea's short name, the
     * paper's topic in its own words ({@link #topic}) and where the host read it ("abstract" or "paper").
     */
    private record Slots(String title, String category, String subject, String topic, String source) {
        String fill(String template) {
            return template.replace("{title}", title).replace("{category}", category).replace("{subject}", subject)
                    .replace("{topic}", topic).replace("{source}", source);
        }
    }

    /** The paper's topic ({@link #topic(String, String)}) from its title as said and its text. */
    static String topic(ScriptRequest req) {
        // An abstract-only text is the abstract: counted once, a pair said twice is not "three times or more".
        String text = req.text().fullText();
        String abs = req.paper().abstractText() == null ? "" : req.paper().abstractText();
        return topic(SpokenText.title(req.paper().title()), text.contains(abs.strip()) ? text : text + " " + abs);
    }

    /** A word of a title or text; math and brackets break a phrase. */
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'-]*|\\$[^$]*\\$|[^\\p{L}\\p{N}\\s,;:.'-]+|[,;:.]");

    /**
     * The paper's topic in its own words: the longest run of the title's words that its text says too
     * ("strings on branes", "random polynomials"; words matched by their first five letters, the
     * text's form kept but for the title's plural, no math, at least two words that name something); else the one or two title
     * words its text says most often, or its own most frequent word; the title only when the text is
     * empty. Short, so a line built on it repeats no run of the title. It is about this paper and no other.
     */
    static String topic(String title, String text) {
        List<String> t = words(title);
        List<String> x = words(text);
        List<String> xs = x.stream().map(OfflineScriptWriter::key).toList();
        String best = null;
        int bestContent = 0;
        for (int i = 0; i < t.size(); i++) {
            for (int j = t.size(); j > i; j--) {
                List<String> run = t.subList(i, j).stream().map(OfflineScriptWriter::key).toList();
                if (run.stream().anyMatch(w -> w.isEmpty())) {
                    continue;
                }
                int at = java.util.Collections.indexOfSubList(xs, run);
                if (at < 0) {
                    continue;
                }
                List<String> phrase = new ArrayList<>(x.subList(at, at + run.size()));
                // A run that stops inside the title's noun phrase ("jobs on identical" of "… identical
                // machines") is completed from the text when it reaches that noun within two words
                // ("jobs on identical parallel machines").
                // Only where the text uses the run's last word as the title does ("schedules" is not "scheduling").
                String lastSaid = x.get(at + run.size() - 1).toLowerCase(Locale.ROOT);
                if (run.size() >= 2 && j < t.size() && content(t.get(j)) && !key(t.get(j)).isEmpty()
                        && lastSaid.equals(t.get(j - 1).toLowerCase(Locale.ROOT))) {
                    int end = at + run.size();
                    for (int k = end; k < Math.min(x.size(), end + 2) && content(x.get(k)); k++) {
                        if (key(x.get(k)).equals(key(t.get(j)))) {
                            phrase.addAll(x.subList(end, k + 1));
                            break;
                        }
                    }
                }
                // A capital only because a sentence starts there is not the name's own ("Pure functions can …").
                String first = phrase.get(0);
                if (at == 0 || x.get(at - 1).matches("[.!?]")) {
                    phrase.set(0, t.get(i).equals(first.toLowerCase(Locale.ROOT)) ? t.get(i) : lowerIfTextDoes(first, x));
                }
                // The title's plural over the text's singular: "the work on random polynomials", not "on random polynomial".
                for (int k = 0; k < run.size(); k++) {
                    String inTitle = t.get(i + k);
                    String said = phrase.get(k).toLowerCase(Locale.ROOT);
                    if (inTitle.toLowerCase(Locale.ROOT).equals(said + "s") || inTitle.toLowerCase(Locale.ROOT).equals(said + "es")) {
                        phrase.set(k, phrase.get(k) + inTitle.substring(phrase.get(k).length()));
                    }
                }
                // Said in every host line, the name stays short: the noun phrase after the last
                // preposition when it names something on its own ("identical parallel machines").
                int cut = phrase.size() - 1;
                while (cut >= 0 && content(phrase.get(cut))) {
                    cut--;
                }
                if (phrase.size() > 4 && cut >= 0 && phrase.size() - cut - 1 >= 2) {
                    phrase = new ArrayList<>(phrase.subList(cut + 1, phrase.size()));
                }
                while (!phrase.isEmpty() && !content(phrase.get(0))) {
                    phrase.remove(0);
                }
                while (!phrase.isEmpty() && !content(phrase.get(phrase.size() - 1))) {
                    phrase.remove(phrase.size() - 1);
                }
                int n = (int) phrase.stream().filter(OfflineScriptWriter::content).count();
                if (n > bestContent && phrase.size() <= 6) {
                    bestContent = n;
                    best = String.join(" ", phrase);
                }
                break;
            }
        }
        if (bestContent >= 2) {
            return best;
        }
        // No run: a two-word name the text keeps using ("process supervision" three times or more), else
        // the two title words the text says most often, else the text's own most frequent word.
        String pair = frequentPair(x, xs);
        if (pair != null) {
            return pair;
        }
        // Two content words side by side in the title that the text says too, apart ("plasmid spread" of
        // "… plasmids … this spread"), the pair it says most.
        java.util.Map<String, Long> often = xs.stream().filter(k -> !k.isEmpty())
                .collect(java.util.stream.Collectors.groupingBy(k -> k, java.util.stream.Collectors.counting()));
        String titlePair = null;
        long titlePairCount = 0;
        for (int i = 0; i + 1 < t.size(); i++) {
            String a = t.get(i);
            String b = t.get(i + 1);
            // A plural before a word that is not one is likely its subject and verb ("plasmids spread"), not a name.
            boolean clause = a.matches(".*[^s]s") && !b.matches(".*s");
            if (!clause && content(a) && content(b) && a.length() >= 4 && b.length() >= 4 && often.containsKey(key(a))
                    && often.containsKey(key(b))) {
                long n = often.get(key(a)) + often.get(key(b));
                if (n > titlePairCount) {
                    titlePairCount = n;
                    titlePair = lowerIfTextDoes(a, x) + " " + lowerIfTextDoes(b, x);
                }
            }
        }
        if (titlePair != null) {
            return titlePair;
        }
        List<String> picked = new ArrayList<>();
        for (List<String> pool : List.of(t, x)) {
            pool.stream().filter(w -> content(w) && (pool == t || w.length() >= 5) && often.containsKey(key(w)))
                    .map(w -> x.get(xs.indexOf(key(w)))).distinct()
                    .sorted(Comparator.comparingLong((String w) -> often.get(key(w))).reversed())
                    .limit(pool == t ? 2 : 1).forEach(picked::add);
            if (!picked.isEmpty()) {
                break;
            }
        }
        return picked.isEmpty() ? title : String.join(" and ", picked);
    }

    /** A title-case word as the text writes it: "Spread" is "spread" when the text says "spread"; a name keeps its capital. */
    private static String lowerIfTextDoes(String w, List<String> x) {
        if (!w.matches("\\p{Lu}\\p{Ll}+")) {
            return w;
        }
        return x.stream().anyMatch(v -> key(v).equals(key(w)) && Character.isLowerCase(v.codePointAt(0))) ? w.toLowerCase(Locale.ROOT) : w;
    }

    /** The pair of content words the text says together most often, three times or more (its first form), or null. */
    private static String frequentPair(List<String> x, List<String> xs) {
        java.util.Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        java.util.Map<String, String> forms = new java.util.HashMap<>();
        for (int i = 0; i + 1 < x.size(); i++) {
            String a = x.get(i);
            String b = x.get(i + 1);
            if (xs.get(i).isEmpty() || xs.get(i + 1).isEmpty() || !content(a) || !content(b) || a.length() < 4 || b.length() < 4) {
                continue;
            }
            String k = xs.get(i) + " " + xs.get(i + 1);
            counts.merge(k, 1, Integer::sum);
            // A capital only because a sentence starts there is not the name's own ("Soil microbes feed …").
            boolean opens = i == 0 || x.get(i - 1).matches("[.!?]");
            boolean name = b.matches("\\p{Lu}.*"); // "Monte Carlo"
            String form = (opens && !name && a.matches("\\p{Lu}\\p{Ll}+") ? a.toLowerCase(Locale.ROOT) : a) + " " + b;
            forms.putIfAbsent(k, form);
        }
        return counts.entrySet().stream().filter(e -> e.getValue() >= 3).max(java.util.Map.Entry.comparingByValue())
                .map(e -> forms.get(e.getKey())).orElse(null);
    }

    private static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(text == null ? "" : text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** A word's key for matching ("polynomials" and "polynomial" are one); "" for math and punctuation. */
    private static String key(String w) {
        if (!Character.isLetterOrDigit(w.codePointAt(0))) {
            return "";
        }
        String lower = w.toLowerCase(Locale.ROOT);
        return lower.length() > 5 ? lower.substring(0, 5) : lower;
    }

    /** Title words that name no topic of their own. */
    private static final Set<String> GENERIC_TITLE_WORDS = Set.of("paper", "note", "notes", "study", "studies", "approach",
            "method", "methods", "new", "novel", "towards", "toward", "via", "using", "based", "analysis", "results", "remarks",
            "some", "certain", "simple", "general", "generalized", "improved", "efficient", "revisited", "case");

    /** A word that says something: not a stopword, a number or a word any title could carry ("novel", "study"). */
    private static boolean content(String w) {
        String lower = w.toLowerCase(Locale.ROOT);
        return !key(w).isEmpty() && lower.length() >= 3 && !TextRank.STOPWORDS.contains(lower) && !lower.matches("\\d+")
                && !GENERIC_TITLE_WORDS.contains(lower);
    }

    private static void shuffle(List<String> list, SplittableRandom rnd) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            String t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }

    static long seed(String arxivId) {
        CRC32 crc = new CRC32();
        crc.update(arxivId.getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }
}
