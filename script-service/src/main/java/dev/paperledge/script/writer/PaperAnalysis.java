package dev.paperledge.script.writer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import dev.paperledge.contracts.PaperText;

/**
 * The paper read for a script: its sentences, ranked per section with TextRank, weighted by where
 * they sit, classified by cue words, and tagged with their section's role and their paragraph.
 */
public final class PaperAnalysis {
    /** A sentence that points at a figure, table, equation or section cannot be followed by ear. */
    private static final Pattern POINTS_AT = Pattern.compile(
            "(?i)\\b(?:fig(?:ure)?s?\\.?|tables?|eqs?\\.?|equations?|sections?|sec\\.|appendix|appendices|panel|algorithm|listing|box)\\s*~?\\(?\\d|\\b(?:shown|see|listed|given|illustrated|depicted|discussed|described|mentioned|outlined|defined|introduced|presented|noted|stated|explained|derived|detailed|considered|made) (?:above|below)\\b|\\b(?:the|as) above\\b|\\baforementioned\\b|\\b(?:above|below)\\s*[,.]?$"
                    + "|\\b(?:this|previous|earlier|next|following|preceding|last|above|below|same) (?:section|chapter|subsection|figure|table|paragraph|example)s?\\b"
                    // "As noted in Scargle, … these terms …": a sentence answering to another text or to words before it
                    + "|^As (?:noted|shown|discussed|argued|pointed out|described|mentioned) (?:in|by)\\b|\\b(?:these|those) (?:terms|two|three)\\b"
                    // "However, they can reach the same behavior": early in the sentence, with nothing it is the same
                    // as, it points at what came before ("a signal appears at the same temperature" points inside)
                    + "|^(?:[^\\s;]+\\s+){0,7}the same (?!time\\b)(?![^;]*\\b(?:as|across|for (?:all|both|each|every))\\b)"
                    + "|[\u2022\u25aa\u25cf]|^[A-Z][a-z]+:");
    /** A run-in heading glued to its paragraph: "Scripts versus Programs We use the term …". */
    private static final Pattern RUN_IN_HEADING = Pattern.compile(
            "^(?:[A-Z][\\w'-]*\\s+(?:(?:and|or|of|the|for|to|in|on|a|an|versus|vs\\.?|with|without)\\s+|[A-Z][\\w'-]*\\s+){0,5}?)"
                    + "(?=(?:We|Our|The|This|These|In|It|A|An|For|When|If|Most|Many|Some)\\s+[a-z])");
    /** A list squeezed into one line: "a) Create … b) Create …". */
    private static final Pattern ENUMERATION = Pattern.compile("(?:^|\\s)\\(?[a-hA-H1-9][).](?=\\s)");
    private static final Pattern CAPTION = Pattern.compile("^(?:Figure|Fig\\.|Table|Box|Algorithm)\\s*[\\dA-Z]+[.:]");

    /** One sentence of the paper and how the host could say it. */
    public record Candidate(String original, String spoken, String section, int sectionIndex, int position,
            double score, Cue cue, boolean quotable, SectionRole role, String anchor, int paragraph, String sentence) {
        public int words() {
            return EpisodeWords.count(spoken);
        }

        public boolean hasNumber() {
            return spoken.matches(".*\\d.*");
        }

        public boolean fromBody() {
            return role.body();
        }
    }

    private final List<Candidate> candidates = new ArrayList<>();
    private final List<String> keywords;
    private final List<PaperText.Section> sections;
    private final List<SectionRole> roles;

    public PaperAnalysis(ScriptRequest request) {
        this.sections = request.readableSections();
        this.roles = SectionRole.of(sections);
        for (int si = 0; si < sections.size(); si++) {
            PaperText.Section sec = sections.get(si);
            List<Piece> pieces = pieces(sec);
            List<String> sentences = pieces.stream().map(Piece::claim).toList();
            if (sentences.isEmpty()) {
                continue;
            }
            double[] ranks = TextRank.rank(sentences);
            double mean = 0;
            for (double r : ranks) {
                mean += r;
            }
            mean = mean / ranks.length;
            double weight = sectionWeight(roles.get(si));
            for (int i = 0; i < sentences.size(); i++) {
                String original = usable(sentences.get(i));
                if (original == null) {
                    continue;
                }
                int words = EpisodeWords.count(original);
                String spoken = SpokenText.speak(original);
                Piece piece = pieces.get(i);
                Cue cue = piece.cue() != null ? piece.cue() : Cue.classify(original, sec.title(), i);
                double score = (mean > 0 ? ranks[i] / mean : 1.0) * weight;
                // A claim cut from a sentence is not the paper's words as they stand: never quoted.
                boolean whole = piece.claim().equals(piece.sentence());
                boolean quotable = whole && words >= 8 && words <= 40 && !SpokenText.hasUrl(original) && !original.contains("~")
                        && !original.contains("\"") && !original.contains("\\") && original.matches("^[A-Z].*[.!]$");
                candidates.add(new Candidate(original, spoken, sec.title(), si, i, score, cue, quotable, roles.get(si),
                        sec.anchor(), piece.paragraph(), whole ? original : piece.sentence()));
            }
        }
        this.keywords = computeKeywords(request);
    }

    /**
     * One claim of a section as the writer takes it up: its paragraph, the paper's whole sentence, the
     * claim itself, and the cue its sentence gives it (null: judged by its own words).
     */
    private record Piece(int paragraph, String sentence, String claim, Cue cue) {
    }

    /** Every claim of a section's paragraphs in order (a whole sentence, or each claim of one), captions left out. */
    private static List<Piece> pieces(PaperText.Section sec) {
        List<Piece> out = new ArrayList<>();
        String[] paragraphs = sec.text() == null ? new String[0] : sec.text().split("\\n\\s*\\n");
        for (int pi = 0; pi < paragraphs.length; pi++) {
            if (CAPTION.matcher(paragraphs[pi].strip()).lookingAt()) {
                continue; // a caption describes a picture the listener cannot see
            }
            for (String sentence : SentenceSplitter.split(paragraphs[pi])) {
                out.addAll(split(pi, sentence));
            }
        }
        return out;
    }

    /** The claims of a sentence one by one: a numbered one's ({@link #numbered}), a list of settings' ({@link #settings}), or the sentence. */
    static List<String> claims(String sentence) {
        return split(0, sentence).stream().map(Piece::claim).toList();
    }

    /** A sentence as the pieces the writer takes up, in order. */
    private static List<Piece> split(int paragraph, String sentence) {
        List<String> numbered = numbered(sentence);
        if (numbered != null) {
            return numbered.stream().map(claim -> new Piece(paragraph, sentence, claim, null)).toList();
        }
        List<String> settings = settings(sentence);
        if (settings == null) {
            return List.of(new Piece(paragraph, sentence, sentence, null));
        }
        // What came out in each setting an evaluation names is a finding, whatever its words.
        Cue found = EVALUATES.matcher(settings.get(0)).find() ? Cue.RESULT : null;
        List<Piece> out = new ArrayList<>(List.of(new Piece(paragraph, sentence, settings.get(0), null)));
        settings.subList(1, settings.size()).forEach(claim -> out.add(new Piece(paragraph, sentence, claim, found)));
        return out;
    }

    /**
     * A sentence that numbers its claims inline, "We find that (1) X, and (2) Y.", as one sentence per
     * claim: "We find that X." and "We find that Y." (the opening words are each claim's own start).
     * Items marked (1), (2)… or (a), (b)… or (i), (ii)…, in order, after an opening of at least two
     * words that is not a colon's lead ("three contributions: (1) …" stays one sentence). Null for
     * anything else.
     */
    static List<String> numbered(String sentence) {
        java.util.regex.Matcher m = INLINE_ITEM.matcher(sentence);
        List<int[]> marks = new ArrayList<>();
        while (m.find()) {
            marks.add(new int[] { m.start(), m.end() });
        }
        if (marks.size() < 2 || !List.of("(1)", "(a)", "(i)").contains(sentence.substring(marks.get(0)[0], marks.get(0)[1]))) {
            return null;
        }
        String head = sentence.substring(0, marks.get(0)[0]).strip();
        if (EpisodeWords.count(head) < 2 || head.endsWith(":") || head.endsWith(";")) {
            return null;
        }
        String end = end(sentence);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < marks.size(); i++) {
            int from = marks.get(i)[1];
            int to = i + 1 < marks.size() ? marks.get(i + 1)[0] : sentence.length();
            String item = sentence.substring(from, to).strip().replaceAll("[.!?]$", "")
                    .replaceAll("(?:[,;]\\s*(?:and|or)?|\\s+(?:and|or))$", "").strip();
            if (EpisodeWords.count(item) < 3) {
                return null;
            }
            out.add(head + " " + item + end);
        }
        return out;
    }

    /**
     * A sentence that lists the settings it speaks of after a colon, each with what happens there:
     * "We test it in two domains: document analysis, where it reads documents far beyond its window,
     * and chat, where it remembers users." as the lead and one sentence per setting: "We test it in
     * two domains.", "In document analysis, it reads documents far beyond its window.", "In chat, it
     * remembers users." A setting is one to six words before ", where"; its clause at least four
     * words. Null for anything else.
     */
    static List<String> settings(String sentence) {
        int colon = sentence.indexOf(": ");
        if (colon < 0 || sentence.indexOf(": ", colon + 1) >= 0) {
            return null;
        }
        String lead = sentence.substring(0, colon).strip();
        String rest = sentence.substring(colon + 2).strip().replaceAll("[.!?]$", "");
        List<java.util.regex.MatchResult> wheres = SETTING_CLAUSE.matcher(rest).results().toList();
        if (wheres.size() < 2 || EpisodeWords.count(lead) < 4 || lead.contains("(")) {
            return null;
        }
        String end = end(sentence);
        List<String> out = new ArrayList<>(List.of(lead + end));
        String setting = rest.substring(0, wheres.get(0).start());
        for (int i = 0; i < wheres.size(); i++) {
            String clause;
            String next = null;
            if (i + 1 < wheres.size()) {
                String between = rest.substring(wheres.get(i).end(), wheres.get(i + 1).start());
                java.util.regex.MatchResult sep = SETTING_SEPARATOR.matcher(between).results().reduce((a, b) -> b).orElse(null);
                if (sep == null) {
                    return null;
                }
                clause = between.substring(0, sep.start());
                next = between.substring(sep.end());
            } else {
                clause = rest.substring(wheres.get(i).end());
            }
            int settingWords = EpisodeWords.count(setting);
            if (settingWords < 1 || settingWords > 6 || EpisodeWords.count(clause) < 4 || setting.contains(",")) {
                return null;
            }
            String in = setting.strip().matches("(?i)(?:in|on|for|at|with|under|during)\\b.*") ? "" : "In ";
            String said = in + setting.strip() + ", " + clause.strip() + end;
            out.add(Character.toUpperCase(said.charAt(0)) + said.substring(1));
            setting = next;
        }
        return out;
    }

    private static String end(String sentence) {
        return sentence.strip().endsWith("!") ? "!" : ".";
    }

    /** ", where …" opening what happens in a listed setting. */
    private static final Pattern SETTING_CLAUSE = Pattern.compile(",\\s+(?:where|in which)\\s+");
    /** Between one setting's clause and the next setting: ", and " or "; " and the like. */
    private static final Pattern SETTING_SEPARATOR = Pattern.compile("[,;]\\s+(?:and\\s+|or\\s+)?");
    /** A lead that says the work was put to the test: its settings' outcomes are findings. */
    private static final Pattern EVALUATES = Pattern.compile(
            "(?i)\\b(?:evaluat\\w*|experiments?|test(?:s|ed)?|benchmark\\w*|validat\\w*|demonstrat\\w*|appl(?:y|ied))\\b");

    /** "(1)", "(a)", "(i)": an inline item marker with a space on each side. */
    private static final Pattern INLINE_ITEM = Pattern.compile("(?<=\\s)\\((?:[1-9]|[a-h]|i{1,3}|iv|v|vi{1,3})\\)(?=\\s)");

    /**
     * The sentence as the host could take it up (a run-in heading cut off), or null when it cannot be
     * said: a fragment, a squeezed list, too short or too long, math, noise, or pointing at a figure.
     */
    static String usable(String sentence) {
        String original = sentence;
        java.util.regex.Matcher runIn = RUN_IN_HEADING.matcher(original);
        if (runIn.lookingAt() && runIn.end() > 0 && EpisodeWords.count(original.substring(0, runIn.end())) <= 6) {
            original = original.substring(runIn.end());
        }
        if (original.isEmpty() || !Character.isUpperCase(original.codePointAt(0)) && !Character.isDigit(original.codePointAt(0))) {
            return null; // a fragment ("…as much as they want"), not a sentence
        }
        if (ENUMERATION.matcher(original).results().count() >= 2) {
            return null;
        }
        int colon = original.indexOf(": ");
        if (colon >= 0 && original.indexOf(": ", colon + 2) >= 0) {
            return null; // "Examples they recommend: File formats: Convert …": a list with its headings run in
        }
        int words = EpisodeWords.count(original);
        if (words < 5 || words > 70 || SpokenText.hasMath(original) || looksLikeNoise(original)
                || POINTS_AT.matcher(original).find()) {
            return null;
        }
        int spokenWords = EpisodeWords.count(SpokenText.speak(original));
        return spokenWords < 5 || spokenWords > 55 ? null : original;
    }

    /**
     * What the paper offers the host, in words: every sentence of its readable sections that can be
     * said (as {@link #usable}, captions left out, none leaning on the one before, each counted once), at most
     * {@link #MATERIAL_PER_SENTENCE} words of a body sentence and {@link #MATERIAL_PER_ABSTRACT_SENTENCE}
     * of an abstract's (the host may not read the abstract back, so a long sentence of it is said in
     * part). Counting stops at {@code enough}.
     */
    static int materialWords(ScriptRequest request, int enough) {
        List<PaperText.Section> sections = request.readableSections();
        List<SectionRole> roles = SectionRole.of(sections);
        java.util.Set<String> seen = new java.util.HashSet<>();
        int total = 0;
        for (int si = 0; si < sections.size(); si++) {
            int cap = roles.get(si) == SectionRole.ABSTRACT ? MATERIAL_PER_ABSTRACT_SENTENCE : MATERIAL_PER_SENTENCE;
            for (Piece piece : pieces(sections.get(si))) {
                String original = usable(piece.claim());
                // A sentence leaning on the one before ("This is shown by …") is never said on its own.
                if (original != null && !OfflineScriptWriter.leansBack(original) && seen.add(original)) {
                    total += Math.min(EpisodeWords.count(SpokenText.speak(original)), cap);
                    if (total >= enough) {
                        return total;
                    }
                }
            }
        }
        return total;
    }

    /** One long sentence is one claim, however many words it runs to. */
    static final int MATERIAL_PER_SENTENCE = 40;
    /** What of an abstract's sentence the host can say in his own words ({@link RecitalGuard}'s per-line limit and a little). */
    static final int MATERIAL_PER_ABSTRACT_SENTENCE = OfflineScriptWriter.RECITAL_PER_LINE + 6;

    private static boolean looksLikeNoise(String s) {
        long letters = s.chars().filter(Character::isLetter).count();
        return letters < s.length() * 0.6 || s.contains("http") && EpisodeWords.count(s) < 8;
    }

    private static double sectionWeight(SectionRole role) {
        return switch (role) {
            case ABSTRACT -> 1.3;
            case SUMMARY, INTRODUCTION, CONCLUSION -> 1.2;
            case RELATED, BACKGROUND -> 0.5;
            case METHOD, RESULTS, DISCUSSION -> 1.0;
            case BODY -> 0.8;
        };
    }

    public List<Candidate> candidates() {
        return candidates;
    }

    /** The sections the writer reads, in order (references and acknowledgements left out). */
    public List<PaperText.Section> sections() {
        return sections;
    }

    public boolean hasBody() {
        return roles.stream().anyMatch(SectionRole::body);
    }

    /** Best-first candidates of the given cues, the abstract's order breaking ties. */
    public List<Candidate> ranked(Cue... cues) {
        List<Cue> wanted = List.of(cues);
        return candidates.stream().filter(c -> wanted.contains(c.cue()))
                .sorted(Comparator.comparingDouble(Candidate::score).reversed()
                        .thenComparingInt(Candidate::sectionIndex).thenComparingInt(Candidate::position))
                .toList();
    }

    /** Best-first candidates from sections of the given roles. */
    public List<Candidate> fromRoles(List<SectionRole> wanted) {
        return candidates.stream().filter(c -> wanted.contains(c.role()))
                .sorted(Comparator.comparingDouble(Candidate::score).reversed()
                        .thenComparingInt(Candidate::sectionIndex).thenComparingInt(Candidate::position))
                .toList();
    }

    public List<Candidate> all() {
        return candidates.stream().sorted(Comparator.comparingDouble(Candidate::score).reversed()).toList();
    }

    /** Frequent content words of the paper (no digits), most frequent first. */
    public List<String> keywords() {
        return keywords;
    }

    private static List<String> computeKeywords(ScriptRequest request) {
        Map<String, Integer> freq = new HashMap<>();
        String text = request.paper().title() + " " + request.paper().title() + " "
                + request.readableSections().stream().map(PaperText.Section::text)
                        .collect(java.util.stream.Collectors.joining(" "));
        for (String raw : text.toLowerCase(Locale.ROOT).split("[^a-z-]+")) {
            if (raw.length() < 5 || TextRank.STOPWORDS.contains(raw) || raw.startsWith("-") || raw.endsWith("-")) {
                continue;
            }
            freq.merge(raw, 1, Integer::sum);
        }
        return freq.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).limit(12).toList();
    }
}
