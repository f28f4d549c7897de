package dev.paperledge.script.writer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.paperledge.contracts.EpisodeScript;
import dev.paperledge.contracts.EpisodeScript.Kind;
import dev.paperledge.contracts.PaperText;

/**
 * The bar every script must clear before it ships, whoever wrote it: quotes verbatim and numbers
 * (digits and number words) found in the paper, at most 10 % of the host's words read back from the
 * abstract, no 8-word run said twice, no URLs, a grounded description, the show's shape and length,
 * and every sentence that states something about the paper supported by one passage of it.
 * <p>
 * Support is lexical: a sentence makes a claim when it carries a number or a word the paper uses
 * that the host's own chatter does not; it is supported when one paragraph of the paper holds at
 * least 40 % of its content words (cut to five letters, so "adapting" matches "adaptation"). Being
 * lexical, it catches claims about things the paper never mentions, not a reworded contradiction. Analogies, audiences, questions and sign-offs are the
 * host's own and are not held to it. An episode of a full-text paper must tie at least one line to
 * its passage ({@link #unsourced}).
 */
public final class ScriptGate {
    /** The show's bar for recital (explaincheck's). */
    public static final double MAX_RECITAL_PERCENT = 10.0;
    static final double MIN_SUPPORT = 0.4;
    /** Where one spoken sentence ends and the next begins: after . ! or ?, and a closing quote mark that follows it. */
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?][\"\u201d]?)\\s+");
    private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?://|www\\.)\\S+|\\b[a-z0-9-]+\\.(?:com|org|net|io|ai|edu)(?:/\\S*)?\\b");
    private static final Set<Kind> HOST_SECTIONS = Set.of(Kind.ANALOGY, Kind.WHY_IT_MATTERS, Kind.QUESTIONS,
            Kind.SIGN_OFF, Kind.CREDITS, Kind.QUOTE);
    private static final Map<String, Long> NUMBER_WORDS = new LinkedHashMap<>();
    static {
        String[] small = { "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen" };
        for (int i = 0; i < small.length; i++) {
            NUMBER_WORDS.put(small[i], (long) i);
        }
        String[] tens = { "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety" };
        for (int i = 0; i < tens.length; i++) {
            NUMBER_WORDS.put(tens[i], (long) (i + 2) * 10);
        }
    }
    private static final Map<String, Long> SCALES = Map.of("hundred", 100L, "thousand", 1_000L, "million", 1_000_000L,
            "billion", 1_000_000_000L, "trillion", 1_000_000_000_000L);
    private static final Pattern NUMBER_WORD_RUN = Pattern.compile(
            "(?i)\\b(?:(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|trillion)(?:[\\s-]+(?:and\\s+)?)?)+\\b");
    /** Number words a host says without stating a fact ("one honest caveat", "two audiences"). */
    private static final Set<Long> CONVERSATIONAL = Set.of(0L, 1L, 2L, 3L);

    private final ScriptRequest request;
    private final Grounding grounding;
    private final List<Set<String>> passages = new ArrayList<>();
    /** Where each passage sits: section title, anchor, paragraph index, text. */
    private final List<Passage> places = new ArrayList<>();

    private record Passage(String section, String anchor, int paragraph, String text) {
    }
    private final Set<String> paperWords = new HashSet<>();
    private final Set<String> abstractRuns;
    private final int targetWords;

    /**
     * @param targetWords the configured target; the length band is checked around this paper's own
     *                    target ({@link EpisodeLength}), which a paper that gives little keeps short
     */
    public ScriptGate(ScriptRequest request, int targetWords) {
        this.request = request;
        this.targetWords = EpisodeLength.target(request, targetWords);
        this.grounding = new Grounding(request.groundingText());
        this.abstractRuns = ExplainMetrics.runs(ExplainMetrics.tokens(abstractText()));
        places.add(new Passage("Abstract", null, 0, abstractText()));
        for (PaperText.Section s : request.text().sections()) {
            String[] paragraphs = (s.text() == null ? "" : s.text()).split("\\n\\s*\\n");
            for (int i = 0; i < paragraphs.length; i++) {
                places.add(new Passage(s.title(), s.anchor(), i, paragraphs[i]));
            }
        }
        for (Passage p : places) {
            Set<String> stems = stems(p.text());
            passages.add(stems);
            paperWords.addAll(stems);
        }
        paperWords.addAll(stems(request.paper().title()));
        paperWords.removeAll(HostVocabulary.STEMS);
    }

    private String abstractText() {
        return request.paper().abstractText() == null ? "" : request.paper().abstractText();
    }

    /** A failed check: which one ({@code grounding}, {@code recital}, …) and what exactly. */
    public record Problem(String check, String detail) {
        @Override
        public String toString() {
            return check + ": " + detail;
        }
    }

    public List<Problem> check(EpisodeScript script) {
        List<Problem> out = new ArrayList<>();
        for (EpisodeScript.Section s : script.sections()) {
            if (s.text() == null || s.text().isBlank()) {
                out.add(new Problem("shape", "section " + s.kind() + " is empty"));
                continue;
            }
            for (String p : grounding.problems(s.text())) {
                out.add(new Problem("grounding", s.kind() + ": " + p));
            }
            if (s.kind() != Kind.CREDITS) {
                for (String n : numberWords(s.text())) {
                    out.add(new Problem("grounding", s.kind() + ": number not in the paper: " + n));
                }
                Matcher url = URL.matcher(ExplainMetrics.withoutQuotes(s.text()));
                if (url.find()) {
                    out.add(new Problem("url", s.kind() + ": a URL is not something a listener can follow: " + url.group()));
                }
            }
            if (!HOST_SECTIONS.contains(s.kind())) {
                for (String sentence : SENTENCE_END.split(s.text())) {
                    double support = support(sentence);
                    if (support < MIN_SUPPORT) {
                        out.add(new Problem("support", String.format(Locale.ROOT,
                                "%s: no passage of the paper supports \"%s\" (best overlap %.0f %%)", s.kind(), sentence.strip(),
                                support * 100)));
                    }
                }
            }
        }
        if (Grounding.quotes(section(script, Kind.QUOTE)).isEmpty()) {
            out.add(new Problem("shape", "QUOTE: the quote section must quote one sentence of the paper verbatim in double quotes"));
        }
        String opening = "Hey PaperLedge learning crew, " + request.show().host() + " here";
        if (!section(script, Kind.HOOK).startsWith(opening)) {
            out.add(new Problem("shape", "HOOK: the show opens with \"" + opening + "\""));
        }
        if (request.show().duo()) {
            out.addAll(dialogueProblems(script));
        }
        String d = script.description() == null ? "" : script.description();
        if (d.isBlank()) {
            out.add(new Problem("description", "the description is empty"));
        }
        for (String p : grounding.problems(d)) {
            out.add(new Problem("description", p));
        }
        for (String n : numberWords(d)) {
            out.add(new Problem("description", "number not in the paper: " + n));
        }
        if (URL.matcher(d).find()) {
            out.add(new Problem("description", "the description holds a URL"));
        }
        for (String sentence : SENTENCE_END.split(d)) {
            if (support(sentence) < MIN_SUPPORT) {
                out.add(new Problem("description", "not supported by the paper: \"" + sentence.strip() + "\""));
            }
        }
        unsourced(request, script).ifPresent(out::add);
        ExplainMetrics.Figures f = ExplainMetrics.measure(script, abstractText());
        if (f.recitalPercent() > MAX_RECITAL_PERCENT) {
            out.add(new Problem("recital", String.format(Locale.ROOT,
                    "%.1f %% of the words are read back from the abstract in runs of 8 or more (at most %.0f %%); say it in your own words",
                    f.recitalPercent(), MAX_RECITAL_PERCENT)));
        }
        if (f.repeatedRuns() > 0) {
            out.add(new Problem("repetition", f.repeatedRuns() + " runs of 8 words are said more than once, e.g. \""
                    + firstRepeat(script) + "\"; say each thing once and restate takeaways in new words"));
        }
        int words = script.wordCount();
        if (words < targetWords * (1 - OfflineScriptWriter.BAND) || words > targetWords * (1 + OfflineScriptWriter.BAND)) {
            out.add(new Problem("length", "the script has " + words + " words; it must have between "
                    + (int) (targetWords * (1 - OfflineScriptWriter.BAND)) + " and " + (int) (targetWords * (1 + OfflineScriptWriter.BAND))));
        }
        return out;
    }

    /**
     * Issue 16: an episode of a full-text paper with no line tied to the passage it comes from is a
     * defect (an abstract-only episode may have none). Checks the provenance the script carries, so
     * the LLM writer's draft is checked after {@link #withProvenance}.
     */
    public static java.util.Optional<Problem> unsourced(ScriptRequest request, EpisodeScript script) {
        if (request.abstractOnly() || sourcedLines(script) > 0) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Problem("provenance", "no sentence can be traced to a passage of the paper's full text;"
                + " say what the paper found or did, in your own words but close enough to its text that the passage can be found"));
    }

    /** Spoken lines that carry the passage of the paper they come from ({@code grounding.json}'s {@code sourcedLines}). */
    public static int sourcedLines(EpisodeScript script) {
        return script.sections().stream().mapToInt(s -> s.provenance().size()).sum();
    }

    /** Share of the sentence's content words found in its best passage; 1 when it states nothing about the paper. */
    double support(String sentence) {
        Support best = bestPassage(sentence);
        return best == null ? 1 : best.share();
    }

    /**
     * How well the paper backs one sentence: its content words (host vocabulary left out), the passage
     * holding the most of them ({@code -1} when none holds any) and that share.
     */
    private record Support(Set<String> content, int passage, double share) {
    }

    /**
     * The passage that best supports a sentence, or null when the sentence states nothing about the
     * paper: a question, or fewer than three content words with no number and no word of the paper.
     */
    private Support bestPassage(String sentence) {
        if (sentence.strip().endsWith("?")) {
            return null;
        }
        // The paper's title, said by name, is the paper's own words: only what the sentence says around it needs support.
        String title = request.paper().title() == null ? "" : request.paper().title().replaceAll("\\s+", " ").strip();
        String spokenTitle = SpokenText.title(title);
        for (String t : List.of(title, spokenTitle)) {
            if (!t.isEmpty()) {
                sentence = sentence.replace(t, " ");
            }
        }
        Set<String> content = stems(sentence);
        content.removeAll(HostVocabulary.STEMS);
        content.removeAll(stems(request.show().host() + " " + request.show().cohost()));
        boolean claim = sentence.matches("(?s).*\\d.*") || content.stream().anyMatch(paperWords::contains);
        if (!claim || content.size() < 3) {
            return null;
        }
        int best = -1;
        double bestShare = 0;
        for (int i = 0; i < passages.size(); i++) {
            double share = overlap(content, passages.get(i));
            if (share > bestShare) {
                bestShare = share;
                best = i;
            }
        }
        return new Support(content, best, bestShare);
    }

    /**
     * A duo episode: every section in turns, spoken only by the two hosts, the host opening the show,
     * and each host with at least a quarter of the words.
     */
    List<Problem> dialogueProblems(EpisodeScript script) {
        List<Problem> out = new ArrayList<>();
        Show show = request.show();
        java.util.Map<String, Integer> words = new java.util.HashMap<>();
        for (EpisodeScript.Section s : script.sections()) {
            if (s.lines().isEmpty() && s.text() != null && !s.text().isBlank()) {
                out.add(new Problem("dialogue", s.kind() + ": a duo section is spoken in turns; this one names no speaker"));
            }
            for (EpisodeScript.Line line : s.lines()) {
                if (!line.speaker().equals(show.host()) && !line.speaker().equals(show.cohost())) {
                    out.add(new Problem("dialogue", s.kind() + ": '" + line.speaker() + "' is not one of the hosts ("
                            + show.host() + ", " + show.cohost() + ")"));
                }
                words.merge(line.speaker(), EpisodeWords.count(line.text()), Integer::sum);
            }
        }
        List<EpisodeScript.Line> hook = linesOf(script, Kind.HOOK);
        if (!hook.isEmpty() && !hook.get(0).speaker().equals(show.host())) {
            out.add(new Problem("dialogue", "HOOK: " + show.host() + " opens the show"));
        }
        int total = words.values().stream().mapToInt(Integer::intValue).sum();
        for (String host : List.of(show.host(), show.cohost())) {
            int share = total == 0 ? 0 : (int) Math.round(100.0 * words.getOrDefault(host, 0) / total);
            if (share < 25) {
                out.add(new Problem("dialogue", host + " speaks " + share + " % of the words; each host needs at least 25 %"));
            }
        }
        return out;
    }

    private static List<EpisodeScript.Line> linesOf(EpisodeScript script, Kind kind) {
        return script.sections().stream().filter(s -> s.kind() == kind).findFirst().map(EpisodeScript.Section::lines)
                .orElse(List.of());
    }

    /**
     * The script with each line that states something about the paper tied to its best passage: the
     * paper's sentence in that paragraph sharing the most content words. Quotes are tied to the
     * sentence that holds them.
     */
    public EpisodeScript withProvenance(EpisodeScript script) {
        List<EpisodeScript.Section> out = new ArrayList<>();
        for (EpisodeScript.Section s : script.sections()) {
            List<EpisodeScript.Provenance> prov = new ArrayList<>();
            if (!HOST_SECTIONS.contains(s.kind()) || s.kind() == Kind.QUOTE) {
                for (String sentence : SENTENCE_END.split(s.text())) {
                    source(sentence, s.kind() == Kind.QUOTE).ifPresent(prov::add);
                }
            }
            out.add(new EpisodeScript.Section(s.kind(), s.title(), s.text(), prov, s.lines()));
        }
        return script.withSections(script.description(), out);
    }

    java.util.Optional<EpisodeScript.Provenance> source(String sentence, boolean quote) {
        if (quote) {
            for (String q : Grounding.quotes(sentence)) {
                String nq = Grounding.normalise(q).replaceAll("\\.$", "");
                for (Passage p : places) {
                    for (String ps : SentenceSplitter.split(p.text())) {
                        if (Grounding.normalise(ps).contains(nq)) {
                            return java.util.Optional.of(new EpisodeScript.Provenance(sentence.strip(), p.section(), p.anchor(),
                                    p.paragraph(), ps));
                        }
                    }
                }
            }
            return java.util.Optional.empty();
        }
        Support support = bestPassage(sentence);
        if (support == null || support.passage() < 0 || support.share() < MIN_SUPPORT) {
            return java.util.Optional.empty();
        }
        Set<String> content = support.content();
        Passage p = places.get(support.passage());
        String bestSentence = null;
        double top = -1;
        for (String ps : SentenceSplitter.split(p.text())) {
            double share = overlap(content, stems(ps));
            if (share > top) {
                top = share;
                bestSentence = ps;
            }
        }
        return bestSentence == null ? java.util.Optional.empty()
                : java.util.Optional.of(new EpisodeScript.Provenance(sentence.strip(), p.section(), p.anchor(), p.paragraph(), bestSentence));
    }

    private static double overlap(Set<String> content, Set<String> passage) {
        int hit = 0;
        for (String w : content) {
            if (passage.contains(w)) {
                hit++;
            }
        }
        return content.isEmpty() ? 0 : (double) hit / content.size();
    }

    /** Number words ("ten thousand", "forty") whose value the paper never states, as digits or in words. */
    List<String> numberWords(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = NUMBER_WORD_RUN.matcher(ExplainMetrics.withoutQuotes(text));
        while (m.find()) {
            String words = m.group().strip();
            Long value = value(words);
            if (value == null || CONVERSATIONAL.contains(value) && !words.contains(" ")) {
                continue;
            }
            String digits = Long.toString(value);
            String grouped = String.format(Locale.ROOT, "%,d", value);
            if (!grounding.numberGrounded(digits) && !grounding.numberGrounded(grouped)
                    && !Grounding.normalise(request.groundingText()).toLowerCase(Locale.ROOT).contains(words.toLowerCase(Locale.ROOT))) {
                out.add(words + " (" + grouped + ")");
            }
        }
        return out;
    }

    static Long value(String words) {
        long total = 0;
        long current = 0;
        boolean any = false;
        for (String w : words.toLowerCase(Locale.ROOT).split("[\\s-]+")) {
            if (w.equals("and") || w.isBlank()) {
                continue;
            }
            Long n = NUMBER_WORDS.get(w);
            if (n != null) {
                current += n;
                any = true;
                continue;
            }
            Long scale = SCALES.get(w);
            if (scale == null) {
                return null;
            }
            current = (current == 0 ? 1 : current) * scale;
            if (scale >= 1000) {
                total += current;
                current = 0;
            }
            any = true;
        }
        return any ? total + current : null;
    }

    private static String section(EpisodeScript s, Kind k) {
        return s.sections().stream().filter(x -> x.kind() == k).map(EpisodeScript.Section::text).findFirst().orElse("");
    }

    private static String firstRepeat(EpisodeScript script) {
        List<String> t = ExplainMetrics.tokens(ExplainMetrics.spoken(script));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i + ExplainMetrics.RUN <= t.size(); i++) {
            String run = String.join(" ", t.subList(i, i + ExplainMetrics.RUN));
            if (!seen.add(run)) {
                return run;
            }
        }
        return "";
    }

    static Set<String> stems(String text) {
        Set<String> out = new HashSet<>();
        for (String w : ExplainMetrics.tokens(text)) {
            if (w.length() < 3 || TextRank.STOPWORDS.contains(w) || w.matches("\\d+")) {
                continue;
            }
            // Truncated to five letters: "adapting", "adaptation" and "adapt" are one word to the check.
            out.add(w.length() > 5 ? w.substring(0, 5) : w);
        }
        return out;
    }
}
