package dev.paperledge.script.writer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a sentence of the paper into something the host can say: no URLs read out, no LaTeX, no
 * citation brackets, abbreviations spelled out, and "we/our" re-voiced as "they/their". Facts and
 * numbers are never changed, only removed (a removed citation never adds a number).
 */
public final class SpokenText {
    private static final Pattern URL = Pattern.compile("(?i)(\\s*\\(?\\s*(?:at|from|on|via|see|in)?\\s*)?(?:https?://|www\\.)[^\\s)]+[^\\s).,;:]\\)?");
    private static final Pattern BARE_DOMAIN_URL = Pattern.compile("(?i)\\s*(?:at|from|via)?\\s*\\b[a-z0-9-]+\\.(?:ai|io|org|com|net)(?:/[^\\s]*)?(?=[\\s.,;]|$)");
    private static final Pattern CITE_BRACKETS = Pattern.compile("\\s*\\[[0-9,\\s\\u2013-]+\\]");
    private static final Pattern CITE_PARENS = Pattern.compile("\\s*\\((?:[^()]*et al\\.?[^()]*|[A-Z][A-Za-z-]+(?: and [A-Z][A-Za-z-]+)?,? (?:19|20)\\d\\d[a-z]?(?:; [^()]*)?)\\)");
    private static final Pattern LATEX_COMMAND_ARG = Pattern.compile("\\\\(?:emph|textbf|textit|texttt|text|mathrm|mathbf|textsc)\\{([^{}]*)\\}");
    private static final Pattern LATEX_REF = Pattern.compile("\\s*\\\\(?:cite[a-z]*|ref|eqref|label|footnote)\\{[^{}]*\\}");
    private static final Pattern ACRONYM_PARENS = Pattern.compile("(?<=[\\w'])\\s*\\(([A-Za-z][A-Za-z0-9-]{0,10}[A-Z0-9][A-Za-z0-9-]{0,10})s?\\)(?=\\s*([.,;:]|\\s\\w))");
    private static final Pattern YEAR_PARENS = Pattern.compile("\\s*[(\\[][^()\\[\\]]*\\b(?:1[89]|20)\\d\\d[a-z]?\\b[^()\\[\\]]*[)\\]]");
    private static final Pattern ANY_PARENS = Pattern.compile("\\s*\\([^()]{0,240}\\)|\\s*\\[[^\\[\\]]{0,240}\\]");
    private static final Pattern INVISIBLE = Pattern.compile("[\\u200b-\\u200f\\u2060\\u00ad\\ufeff]");
    private static final Pattern MATH = Pattern.compile("\\$[^$]*\\$|\\\\\\(|\\\\\\)|\\\\\\[|\\\\\\]|\\\\[a-zA-Z]+|\\^\\{|_\\{");
    private static final Set<String> LOWERABLE = Set.of("the", "they", "this", "these", "those", "it", "a", "an", "in",
            "to", "for", "compared", "using", "with", "by", "despite", "as", "their", "on", "when", "while", "unlike",
            "although", "however", "thus", "moreover", "finally", "overall", "most", "many", "such", "both", "each",
            "all", "we", "at", "through", "across", "experiments", "results", "our", "here", "since", "given",
            "there", "one", "two", "three", "several", "previous", "existing", "recent", "current", "large", "new");

    private SpokenText() {
    }

    /** True if the sentence still carries LaTeX a listener would hear as noise. */
    public static boolean hasMath(String s) {
        return MATH.matcher(s).find();
    }

    public static boolean hasUrl(String s) {
        return URL.matcher(s).find();
    }

    /** Remove TeX remnants that have a clean spoken form (non-breaking tilde, emphasis commands). */
    public static String untex(String s) {
        String t = s.replace('~', ' ');
        t = LATEX_REF.matcher(t).replaceAll("");
        Matcher m = LATEX_COMMAND_ARG.matcher(t);
        t = m.replaceAll(r -> Matcher.quoteReplacement(r.group(1)));
        return t.replaceAll("\\s+", " ").strip();
    }

    private static final Pattern INLINE_MATH = Pattern.compile("\\$([^$]*)\\$");
    private static final Pattern MATH_FUNCTION = Pattern.compile("\\\\(log|ln|exp|sin|cos|tan|max|min|det|dim)\\b");

    /**
     * A title as the host says it: TeX remnants gone, inline math reduced to its symbols
     * ("$\\mathcal{N}=4$" is said "N=4", "$S^3$" "S3"), so no dollar sign or backslash is read out.
     */
    public static String title(String title) {
        String t = untex(title == null ? "" : title);
        Matcher m = INLINE_MATH.matcher(t);
        t = m.replaceAll(r -> Matcher.quoteReplacement(MATH_FUNCTION.matcher(r.group(1)).replaceAll(" $1 ")
                .replaceAll("\\\\[a-zA-Z]+", "").replaceAll("[{}^_\\\\$]", "").replaceAll("\\s+", " ").strip()));
        return t.replaceAll("\\s+", " ").strip();
    }

    /** The sentence as the host says it (third person, speakable), or "" if nothing speakable is left. */
    public static String speak(String sentence) {
        String t = untex(INVISIBLE.matcher(sentence).replaceAll(""));
        t = URL.matcher(t).replaceAll("");
        t = BARE_DOMAIN_URL.matcher(t).replaceAll("");
        t = CITE_BRACKETS.matcher(t).replaceAll("");
        t = CITE_PARENS.matcher(t).replaceAll("");
        t = YEAR_PARENS.matcher(t).replaceAll("");
        // "Low-Rank Adaptation (LoRA)" is said "Low-Rank Adaptation, or LoRA,"; any other aside is left out.
        t = ACRONYM_PARENS.matcher(t).replaceAll(", or $1,");
        t = ANY_PARENS.matcher(t).replaceAll("");
        t = t.replace("e.g.,", "for example,").replace("i.e.,", "that is,")
                .replace("e.g.", "for example").replace("i.e.", "that is")
                .replaceAll("\\bvs\\.", "versus").replaceAll("\\bet al\\.", "and colleagues")
                .replaceAll("\\bFigs\\.", "Figures").replaceAll("\\bFig\\.", "Figure")
                .replaceAll("\\bEqs?\\.", "Equation").replaceAll("\\bSec\\.", "Section")
                .replaceAll("\\bTab\\.", "Table").replaceAll("\\bapprox\\.", "approximately")
                .replaceAll("\\bcf\\.", "compare").replaceAll("\\betc\\.", "and so on.")
                .replaceAll("\\bw\\.r\\.t\\.", "with respect to");
        t = t.replaceAll("(\\d)\\s*%", "$1 percent");
        t = t.replaceAll("\\s+--+\\s+|(?<=\\w)--+(?=\\w)", ", ").replaceAll("\\s+\u2014\\s*|\u2014", ", ").replace(" & ", " and ");
        t = t.replaceAll("[*\u2020\u2021]", "");
        t = revoice(t);
        if (FIRST_PERSON_SINGULAR.matcher(t).find()) {
            return ""; // a single author's "I" the host can't re-voice without a wrong verb: not said
        }
        t = t.replaceAll("\\s+", " ").replaceAll("\\s+([,.;:!?])", "$1").replaceAll(",\\s*,", ",")
                .replaceAll("\\(\\s*\\)", "").replaceAll(",\\s*([.;:!?])", "$1").replaceAll("\\.\\.+$", ".").strip();
        t = t.replaceAll(",\\s*\\.$", ".");
        if (t.isEmpty() || EpisodeWords.count(t) < 3) {
            return "";
        }
        if (!t.matches(".*[.!?]$")) {
            t = t + ".";
        }
        return Character.toUpperCase(t.charAt(0)) + t.substring(1);
    }

    /** "I" as a pronoun: not a roman numeral ("Type I error", "Phase I", "Section I"). */
    private static final String PRONOUN_I = "(?<!(?:Type|Phase|Class|Stage|Section|Part|Chapter|Table|Figure|War|Level|Region|Zone|Grade|Case|Step|Model|Experiment|Appendix) )\\bI\\b";
    private static final java.util.regex.Pattern FIRST_PERSON_SINGULAR = java.util.regex.Pattern
            .compile(PRONOUN_I + "(?= [a-z])|\\b[Mm]y\\b|\\bmyself\\b");

    /**
     * The authors' first person becomes the host's third person: "we/our" as "they/their"; a single
     * author's "I" as "the author" where the verb needs no change (modals, past tense, "am", "have").
     */
    static String revoice(String s) {
        String t = s.replaceAll("^(?:In|Throughout) (?:this|the present) (?:paper|work|study|article|report),\\s*", "");
        t = t.replaceAll(PRONOUN_I + " am\\b", "the author is").replaceAll(PRONOUN_I + " have\\b", "the author has")
                .replaceAll(PRONOUN_I + " (would|will|can|could|should|might|must|may|had|did|was|[a-z]+ed)\\b", "the author $1")
                .replaceAll("(^|[.!?]\\s+)the author\\b", "$1The author");
        t = t.replaceAll("\\bHere,\\s*we\\b", "they");
        // "We next show …" walks the reader through the paper; the listener has no "next" to follow.
        t = t.replaceAll("\\b([Ww]e) (?:next|now) (?=(?:show|turn|consider|describe|present|discuss|examine|derive|prove|introduce|outline|define|compare|apply|use)\\b)", "$1 ");
        t = t.replaceAll("\\bWe\\b", "They").replaceAll("\\bwe\\b", "they")
                .replaceAll("\\bOur\\b", "Their").replaceAll("\\bour\\b", "their")
                .replaceAll("\\bours\\b", "theirs").replaceAll("\\bourselves\\b", "themselves")
                .replaceAll("\\bus\\b", "them")
                .replaceAll("\\bThis paper\\b", "The paper").replaceAll("\\bthis paper\\b", "the paper");
        return t.isEmpty() ? t : Character.toUpperCase(t.charAt(0)) + t.substring(1);
    }

    /** Lower-case the first letter when the sentence continues a host's lead-in, unless it starts with a name. */
    public static String continuing(String spoken) {
        if (spoken.isEmpty()) {
            return spoken;
        }
        String first = spoken.split("\\s+", 2)[0].replaceAll("[^A-Za-z]", "");
        if (LOWERABLE.contains(first.toLowerCase(Locale.ROOT)) && !first.equals(first.toUpperCase(Locale.ROOT))) {
            return Character.toLowerCase(spoken.charAt(0)) + spoken.substring(1);
        }
        return spoken;
    }

    private static final Pattern WHICH = Pattern.compile(",\\s+which\\s+(\\w+)\\b");
    /** A clause that only says the material went on to the next step of the authors' work. */
    private static final Pattern WORKFLOW_WHICH = Pattern.compile(
            ",\\s+which\\s+(?:were|was|are|is)\\s+(?:then\\s+|later\\s+)?(?:used|retained|kept|taken|processed|stored)\\s+(?:for|in)\\s+"
                    + "(?:the\\s+|all\\s+)?(?:subsequent|further|later|following|downstream)\\s+(?:analys[ie]s|processing|steps?|work|experiments?)(?=[.!?])");
    /** A comparative followed by "then" where "than" was meant ("more challenging then the lemma"). */
    private static final Pattern COMPARATIVE_THEN = Pattern.compile(
            "\\b((?:more|less|fewer)\\s+[a-z]+|rather|other|better|worse|greater|larger|smaller|higher|lower|harder|easier|faster"
                    + "|slower|stronger|weaker|longer|shorter|older|younger|earlier|later|wider|narrower|deeper|heavier|lighter) then\\b(?!,)");
    private static final Pattern GERUND_TAIL = Pattern.compile(
            ",\\s+(?:(thereby|thus|so|further|also|[a-z]+ly)\\s+)?([a-z]{3,}ing)\\b(?=(?:\\s+\\S+){3,})");
    /** Gerunds that state an effect of what came before ("…, reducing the cost"). */
    private static final Set<String> EFFECT_GERUNDS = Set.of("reducing", "cutting", "improving", "increasing",
            "enabling", "allowing", "making", "leading", "resulting", "yielding", "reaching", "achieving", "boosting",
            "lowering", "raising", "removing", "eliminating", "providing", "giving", "producing", "beating",
            "outperforming", "saving", "speeding", "halving", "doubling", "matching", "surpassing", "creating",
            "opening", "leaving", "bringing", "turning", "helping", "showing", "revealing", "suggesting",
            "demonstrating", "confirming", "causing", "preventing", "avoiding", "narrowing", "closing", "shrinking");
    private static final Set<String> PLURAL_VERBS = Set.of("are", "were", "have", "do", "include", "allow", "make",
            "take", "give", "show", "use");

    /**
     * The re-voiced sentence in the host's plain words, long sentences broken where a listener
     * breathes: at semicolons, at ", which …" (a new sentence about "it"), at a trailing "…, reducing
     * …" ("That ends up reducing …"), at ", but", ", while" and ", whereas". Facts and numbers are
     * kept as they are.
     */
    public static String plain(String spoken) {
        // "They therefore recommend" is said "They recommend"; "Therefore, …" becomes "So, …" below.
        String t = spoken.replaceAll("(?<=[a-z]) (?:therefore|thus|hence|consequently)\\b,?", "");
        t = PlainWords.standard().apply(t);
        // "…40 time points, which were used for subsequent analysis." tells the listener nothing.
        t = WORKFLOW_WHICH.matcher(t).replaceAll("");
        // "harder then the original": the paper's slip, heard as a different word.
        t = COMPARATIVE_THEN.matcher(t).replaceAll("$1 than");
        t = t.replaceAll(";\\s+", ". ");
        // ", but …" and ", whereas …" start a sentence of their own only when a clause follows, not a
        // noun phrase ("not the true frequency, but some alias of it" stays whole).
        // "not simply X, but rather Y" and "not only X, but also Y" are one thought.
        t = splitBefore(t, ",\\s+but\\s+(?!rather\\b|also\\b|instead\\b)", ". But ");
        t = splitBefore(t, ",\\s+whereas\\s+", ". By contrast, ");
        t = splitBefore(t, ",\\s+while\\s+", ". At the same time, ");
        Matcher g = GERUND_TAIL.matcher(t);
        StringBuilder sb = new StringBuilder();
        while (g.find()) {
            String gerund = g.group(2);
            if (!EFFECT_GERUNDS.contains(gerund.toLowerCase(Locale.ROOT))) {
                g.appendReplacement(sb, Matcher.quoteReplacement(g.group()));
                continue;
            }
            String adverb = g.group(1) == null || g.group(1).matches("thereby|thus|so") ? "" : g.group(1) + " ";
            g.appendReplacement(sb, Matcher.quoteReplacement(". That ends up " + adverb + gerund));
        }
        g.appendTail(sb);
        t = sb.toString();
        // ", which …" becomes a sentence of its own only when the clause runs to the end of the sentence.
        Matcher w = WHICH.matcher(t);
        StringBuilder wb = new StringBuilder();
        while (w.find()) {
            int end = t.indexOf(". ", w.end());
            String rest = t.substring(w.end(), end < 0 ? t.length() : end);
            if (rest.contains(",")) {
                w.appendReplacement(wb, Matcher.quoteReplacement(w.group()));
                continue;
            }
            String verb = w.group(1).toLowerCase(Locale.ROOT);
            String subject = PLURAL_VERBS.contains(verb) ? "They" : "It";
            w.appendReplacement(wb, Matcher.quoteReplacement(". " + subject + " " + w.group(1)));
        }
        w.appendTail(wb);
        t = wb.toString().replaceAll("\\s+", " ").replaceAll("\\.\\s*\\.", ".").strip();
        // Capitalise each new sentence.
        Matcher cap = Pattern.compile("([.!?]\\s+)([a-z])").matcher(t);
        t = cap.replaceAll(r -> Matcher.quoteReplacement(r.group(1) + r.group(2).toUpperCase(Locale.ROOT)));
        return t;
    }

    private static final Pattern REPORTED_THAT = Pattern.compile(
            "\\b(show|shows|showed|shown|showing|find|finds|found|finding|report|reports|observe|observes|argue|argues|suggest|suggests|"
                    + "conclude|concludes|prove|proves|see|sees) that\\b(?= \\w)");
    private static final Pattern NAMED_BY_THEM = Pattern.compile(",?\\s+which they (?:name|call|dub|term|refer to as)\\s+([A-Z][\\w-]*),?");
    /** Praise the paper gives its own verbs ("intelligently manages", "effectively provide"): said without it. */
    private static final Pattern FILLER_ADVERB = Pattern.compile(
            "(?<=\\b(?:that|which|to|and|can|will|it|they|we|[a-z]{2,20}s) )(?:intelligently|effectively|seamlessly|successfully|elegantly|carefully) (?=[a-z]{3,})");
    private static final Pattern INCLUDING = Pattern.compile(",\\s+including\\s+(?=[^,.;]{8,}[.!?]$)");
    /**
     * "…, an efficient approach that cuts memory enough to …": the clause after "that" is a sentence of its own
     * (a verb in -s, not a noun in -ss, -us or -is: "finding that process supervision beats …" is no such clause).
     */
    private static final Pattern THAT_CLAUSE = Pattern.compile("(?<=[a-z]{3}) that (?=[a-z]{2,}[^siu\\s]s\\s+(?:\\S+\\s+){5,}\\S+[.!?]$)");
    /** "so", "such", "the fact", a verb of saying: the "that" that follows them is not a relative pronoun. */
    private static final Pattern REPORTED_BEFORE = Pattern.compile(
            "\\b(?:so|such|fact|ensure|ensures|means|mean|given|show|shows|showing|find|finds|found|finding|report|reports|reporting"
                    + "|suggest|suggests|suggesting|argue|argues|arguing|say|says|note|notes|noting|claim|claims|claiming|demonstrate|demonstrates"
                    + "|demonstrating|reveal|reveals|revealing|conclude|concludes|concluding|confirm|confirms|confirming|than|now|is|are|was|were)$");
    private static final Pattern LATE_AND = Pattern.compile(",\\s+and\\s+(?=(?:they|it|the|their|this|these)\\b)");

    /**
     * The host's own wording of a sentence already in plain words ({@link #plain}): the paper's
     * word order changed where a listener would not miss it, so it is told rather than read back.
     * "They find that X" is said "They find X"; "…, which they name Guanaco," is "…, called Guanaco,";
     * "…, including X." gets a sentence of its own ("That includes X."); ", and they …" starts a new
     * one ("Plus, they …"); "…, an approach that cuts …" is "…, an approach. It cuts …"; praise of its
     * own verbs ("a system that intelligently manages") is left out.
     * Facts, numbers and names stay as they are; the sentence as given when nothing applies.
     */
    public static String retold(String plain) {
        List<String> out = new ArrayList<>();
        for (String sentence : plain.split("(?<=[.!?])\\s+")) {
            String t = REPORTED_THAT.matcher(sentence).replaceAll("$1");
            t = NAMED_BY_THEM.matcher(t).replaceAll(r -> Matcher.quoteReplacement(", called " + r.group(1) + ","))
                    .replaceAll(",\\s*([.!?])$", "$1");
            t = INCLUDING.matcher(t).replaceFirst(". That includes ");
            t = FILLER_ADVERB.matcher(t).replaceAll("");
            Matcher that = THAT_CLAUSE.matcher(t);
            if (that.find() && EpisodeWords.count(t.substring(0, that.start())) >= 6 && !REPORTED_BEFORE.matcher(t.substring(0, that.start())).find()) {
                t = t.substring(0, that.start()) + ". It " + t.substring(that.end());
            }
            String whole = t;
            t = LATE_AND.matcher(whole).replaceAll(r -> {
                String before = whole.substring(0, r.start());
                boolean clauses = EpisodeWords.count(before) >= 6 && CLAUSE.matcher(before).find() && isClause(whole.substring(r.end()));
                return Matcher.quoteReplacement(clauses ? ". Plus, " : r.group());
            });
            out.add(t);
        }
        String joined = String.join(" ", out);
        Matcher cap = Pattern.compile("([.!?]\\s+)([a-z])").matcher(joined);
        return cap.replaceAll(r -> Matcher.quoteReplacement(r.group(1) + r.group(2).toUpperCase(Locale.ROOT)));
    }

    /** In words after ", and the …": its verb, or a pronoun or relative word that starts a clause inside the noun phrase. */
    private static final Pattern FIRST_VERB_OR_INNER_CLAUSE = Pattern.compile(
            "(?i)\\b(?:(is|are|was|were|has|have|had|can|could|will|would|may|might|should|must|does|do|did)"
                    + "|they|we|it|he|she|you|that|which|who|whom|whose)\\b");

    /**
     * Whether words after ", and" are a clause of their own: a pronoun and its verb ("they train …"), or a
     * noun phrase whose verb comes before any clause inside it ("the model is …"). "the experience of the
     * researchers they have met" is a noun phrase: "Plus, the experience of …" would be no sentence.
     */
    static boolean isClause(String words) {
        if (words.matches("(?s)^(?:they|it)\\b.*")) {
            return true;
        }
        Matcher m = FIRST_VERB_OR_INNER_CLAUSE.matcher(words);
        return m.find() && m.group(1) != null && !words.substring(0, m.start()).contains(",");
    }

    /** Something that makes words a clause: an auxiliary or modal, or a pronoun subject. */
    private static final Pattern CLAUSE = Pattern.compile(
            "(?i)\\b(?:is|are|was|were|be|been|has|have|had|can|could|will|would|may|might|should|must|does|do|did|they|it|we|he|she|there)\\b");

    /** A clause that opens on its verb borrows the sentence's subject. */
    private static final Pattern SHARED_SUBJECT_VERB = Pattern.compile(
            "(?i)(is|are|was|were|has|have|had|can|could|will|would|may|might|should|must|does|do|did|remains?|seems?|needs?|requires?|lacks?|fails?|suffers?)\\b");
    private static final Set<String> SINGULAR_AUX = Set.of("is", "was", "has", "does", "remains", "seems", "needs", "requires", "lacks", "fails", "suffers");
    private static final Set<String> PLURAL_AUX = Set.of("are", "were", "have", "do", "remain", "seem", "need", "require", "lack", "fail", "suffer");

    private static final Pattern S_VERB_FIRST = Pattern.compile("([a-z]{3,}[^s\\W]s)\\s+([a-z]+)");
    private static final Pattern NOUN_THEN_VERB = Pattern.compile("is|are|was|were|has|have|had|can|could|will|would|may|might|should"
            + "|must|do|does|did|show|suggest|indicate|remain|appear|seem|become|make|take|give|lead|need|tend|allow|reveal|confirm|point");

    private static String splitBefore(String text, String at, String with) {
        Matcher m = Pattern.compile(at).matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            int end = text.indexOf(". ", m.end());
            String rest = text.substring(m.end(), end < 0 ? text.length() : end);
            String split = CLAUSE.matcher(rest).find() && rest.split("\\s+").length >= 4 ? with : m.group();
            // "LLMs have changed AI, but are constrained …" shares its subject: the new sentence gets one
            // ("But they are …"), or, when the verb does not tell which, the sentence stays whole.
            Matcher verb = SHARED_SUBJECT_VERB.matcher(rest);
            if (split.equals(with) && verb.lookingAt()) {
                String v = verb.group(1).toLowerCase(Locale.ROOT);
                String pronoun = SINGULAR_AUX.contains(v) ? "it " : PLURAL_AUX.contains(v) ? "they " : null;
                split = pronoun == null ? m.group() : with + pronoun;
            } else if (split.equals(with)) {
                // "…, but performs worse when …": a verb in -s with no subject of its own (its next word is no
                // verb, as "results" in "but results show" is followed by one) takes "it".
                Matcher sVerb = S_VERB_FIRST.matcher(rest);
                if (sVerb.lookingAt() && !NOUN_THEN_VERB.matcher(sVerb.group(2)).matches()) {
                    split = with + "it ";
                }
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(split));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static final Pattern CLAUSE_BREAK = Pattern.compile(
            ",\\s+(?:which|while|whereas|despite|greatly|making|allowing|leading|thereby|enabling|resulting|where|so that|because)\\b");

    /**
     * A shorter form for takeaways: the sentence up to the first subordinate clause ("…, which …"),
     * when that leaves enough to stand alone. Never cuts inside a list or a number.
     */
    public static String condense(String spoken, int maxWords) {
        if (EpisodeWords.count(spoken) <= maxWords) {
            return spoken;
        }
        Matcher m = CLAUSE_BREAK.matcher(spoken);
        while (m.find()) {
            String head = spoken.substring(0, m.start());
            if (EpisodeWords.count(head) >= 6 && !head.matches(".*\\b(?:either|both|between)\\b.*")) {
                return head + ".";
            }
        }
        return spoken;
    }
}
