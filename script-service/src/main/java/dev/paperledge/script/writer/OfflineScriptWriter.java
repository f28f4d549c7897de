package dev.paperledge.script.writer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.zip.CRC32;

import dev.paperledge.contracts.EpisodeScript;
import dev.paperledge.contracts.EpisodeScript.Kind;
import dev.paperledge.contracts.PaperSummary;
import dev.paperledge.script.writer.PaperAnalysis.Candidate;

/**
 * The default writer: deterministic, no model. It ranks the paper's sentences, classifies them by
 * cue words, re-voices the best of them through the host's templates (chosen with a seed derived
 * from the arXiv ID, so a paper always gets the same script), adds an analogy from the curated
 * library and fits the whole to the length target. Only the paper's own sentences carry facts and
 * numbers; the templates carry none. Anything that fails grounding is left out and reported.
 */
public final class OfflineScriptWriter implements ScriptWriter {
    public static final String NAME = "offline";
    /** Accepted deviation from the length target. */
    public static final double BAND = 0.20;

    private static final java.util.regex.Pattern OWN_CONNECTIVE = java.util.regex.Pattern.compile(
            "(?:Additionally|Moreover|Furthermore|However|Finally|Also|In addition|Thus|Overall|Therefore|Hence|Then|Next|Second|Third|Lastly|Instead|Conversely)\\b");

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

    /** One piece of a section; optional pieces are added by priority until the length target is met. */
    private record Part(Kind kind, int order, String text, int priority, boolean mandatory, boolean filler) {
        int words() {
            return EpisodeWords.count(text);
        }
    }

    @Override
    public WrittenScript write(ScriptRequest req) {
        PaperSummary paper = req.paper();
        SplittableRandom rnd = new SplittableRandom(seed(req.arxivId()));
        PaperAnalysis analysis = new PaperAnalysis(req);
        Grounding grounding = new Grounding(req.groundingText());
        GroundingReport.Builder report = GroundingReport.builder(NAME);
        List<Part> parts = new ArrayList<>();
        Set<String> used = new HashSet<>();
        boolean tiny = analysis.candidates().size() < 6;
        String title = SpokenText.untex(paper.title());
        String subject = subject(title);
        String subjectRef = subject == null ? "this approach" : subject;
        String category = paper.categoryName() == null || paper.categoryName().isBlank() ? "research"
                : paper.categoryName();

        Function<String, Boolean> ok = text -> {
            List<String> problems = grounding.problems(text);
            return problems.isEmpty();
        };

        // QUOTE first, so the other sections do not re-voice the very sentence quoted.
        Candidate quote = chooseQuote(analysis, grounding, report);
        if (quote != null && !tiny) {
            used.add(quote.original());
        }

        // HOOK
        parts.add(new Part(Kind.HOOK, 0, pick(rnd, Templates.GREETINGS), 100, true, false));
        parts.add(new Part(Kind.HOOK, 1, fill(pick(rnd, Templates.INTROS), title, category, subjectRef), 100, true, false));
        List<Candidate> problems = new ArrayList<>(unused(analysis.ranked(Cue.PROBLEM, Cue.CONTEXT), used));
        problems.sort(Comparator.comparingInt(Candidate::sectionIndex).thenComparingInt(Candidate::position));
        Candidate problem = firstGrounded(problems, Kind.HOOK, grounding, report);
        if (problem != null) {
            used.add(problem.original());
            parts.add(new Part(Kind.HOOK, 2, lead(pick(rnd, Templates.PROBLEM_LEADS), problem.spoken()), 100, true, false));
            Candidate second = firstGrounded(unused(problems, used), Kind.HOOK, grounding, report);
            if (second != null && second.sectionIndex() == problem.sectionIndex()) {
                used.add(second.original());
                parts.add(new Part(Kind.HOOK, 3, lead(pick(rnd, Templates.AND_LEADS), second.spoken()), 58, false, false));
            }
        } else {
            parts.add(new Part(Kind.HOOK, 2, fill(pick(rnd, Templates.NO_PROBLEM), title, category, subjectRef), 100, true, false));
        }
        parts.add(new Part(Kind.HOOK, 4, pick(rnd, Templates.HOOK_FILLERS), 6, false, true));

        // ANALOGY
        String body = analysis.candidates().stream().map(Candidate::original).limit(400)
                .collect(java.util.stream.Collectors.joining(" "));
        AnalogyLibrary.Analogy analogy = analogies.choose(paper.primaryCategory(), title, body, rnd);
        parts.add(new Part(Kind.ANALOGY, 0, analogy.text(), 100, true, false));
        parts.add(new Part(Kind.ANALOGY, 1, analogy.elaboration(), 45, false, false));
        parts.add(new Part(Kind.ANALOGY, 2, fill(pick(rnd, Templates.BRIDGES), title, category, subjectRef), 100, true, false));

        // METHOD
        parts.add(new Part(Kind.METHOD, 0, pick(rnd, Templates.METHOD_TRANSITIONS), 100, true, false));
        List<Candidate> methods = takeGrounded(unused(analysis.ranked(Cue.METHOD), used), 5, Kind.METHOD, grounding, report);
        if (methods.isEmpty()) {
            methods = takeGrounded(unused(analysis.ranked(Cue.CONTEXT, Cue.PROBLEM, Cue.RELEASE), used), 1, Kind.METHOD,
                    grounding, report);
        }
        addRanked(parts, Kind.METHOD, methods, used, rnd, Templates.METHOD_LEADS, new int[] { 100, 72, 56, 34, 24 });
        if (methods.isEmpty()) {
            parts.add(new Part(Kind.METHOD, 1, fill(pick(rnd, Templates.NO_METHOD), title, category, subjectRef), 100, true, false));
        }
        parts.add(new Part(Kind.METHOD, 90, pick(rnd, Templates.METHOD_FILLERS), 5, false, true));

        // FINDINGS
        parts.add(new Part(Kind.FINDINGS, 0, pick(rnd, Templates.FINDINGS_TRANSITIONS), 100, true, false));
        List<Candidate> results = new ArrayList<>(unused(analysis.ranked(Cue.RESULT), used));
        results.sort(Comparator.comparing(Candidate::hasNumber).reversed().thenComparing(
                Comparator.comparingDouble(Candidate::score).reversed()));
        List<Candidate> findings = takeGrounded(results, 5, Kind.FINDINGS, grounding, report);
        if (findings.isEmpty()) {
            findings = takeGrounded(unused(analysis.all(), used), 1, Kind.FINDINGS, grounding, report);
        }
        addRanked(parts, Kind.FINDINGS, findings, used, rnd, Templates.FINDINGS_LEADS, new int[] { 100, 76, 52, 32, 22 });
        if (findings.isEmpty()) {
            parts.add(new Part(Kind.FINDINGS, 1, pick(rnd, Templates.NO_FINDINGS), 100, true, false));
        }
        Candidate limitation = firstGrounded(unused(analysis.ranked(Cue.LIMITATION), used), Kind.FINDINGS, grounding, report);
        if (limitation != null) {
            used.add(limitation.original());
            parts.add(new Part(Kind.FINDINGS, 80, lead(pick(rnd, Templates.LIMITATION_LEADS), limitation.spoken()), 44, false, false));
        }
        parts.add(new Part(Kind.FINDINGS, 91, pick(rnd, Templates.FINDINGS_FILLERS), 4, false, true));

        // QUOTE
        parts.add(new Part(Kind.QUOTE, 0, pick(rnd, Templates.QUOTE_LEADS), 100, true, false));
        if (quote != null) {
            parts.add(new Part(Kind.QUOTE, 1, "\"" + quote.original().replaceAll("\\s+", " ").strip() + "\"", 100, true, false));
        } else {
            parts.add(new Part(Kind.QUOTE, 1, "\"" + paper.title().replaceAll("\\s+", " ").strip() + "\"", 100, true, false));
            report.note("no quotable sentence: the title is quoted");
        }
        parts.add(new Part(Kind.QUOTE, 2, pick(rnd, Templates.QUOTE_REACTIONS), 28, false, false));

        // WHY IT MATTERS: at least two audiences are mandatory.
        parts.add(new Part(Kind.WHY_IT_MATTERS, 0, pick(rnd, Templates.WHY_INTROS), 100, true, false));
        List<String> audiences = new ArrayList<>();
        Candidate release = firstGrounded(unused(analysis.ranked(Cue.RELEASE), used), Kind.WHY_IT_MATTERS, grounding, report);
        audiences.add(fill(pick(rnd, Templates.RESEARCHERS), title, category, subjectRef));
        if (release != null) {
            used.add(release.original());
            audiences.add(lead(pick(rnd, Templates.RELEASE_LEADS), release.spoken()));
        }
        for (String[] group : Templates.audiencesFor(paper.primaryCategory())) {
            audiences.add(fill(pick(rnd, group), title, category, subjectRef));
        }
        int[] audiencePriority = { 100, 100, 62, 42, 14, 8 };
        for (int i = 0; i < audiences.size(); i++) {
            int p = audiencePriority[Math.min(i, audiencePriority.length - 1)];
            parts.add(new Part(Kind.WHY_IT_MATTERS, 1 + i, audiences.get(i), p, p == 100, p < 15));
        }

        // TAKEAWAYS: the method, the finding, then a limit or the release; restated briefly.
        parts.add(new Part(Kind.TAKEAWAYS, 0, pick(rnd, Templates.TAKEAWAY_INTROS), 100, true, false));
        List<String> takeaways = new ArrayList<>();
        if (!methods.isEmpty()) {
            takeaways.add(SpokenText.condense(methods.get(0).spoken(), 24));
        }
        if (!findings.isEmpty()) {
            takeaways.add(SpokenText.condense(findings.get(0).spoken(), 24));
        }
        Candidate third = limitation != null ? limitation : release != null ? release : problem;
        if (third != null) {
            takeaways.add(SpokenText.condense(third.spoken(), 24));
        }
        if (takeaways.isEmpty()) {
            takeaways.add(fill(pick(rnd, Templates.NO_TAKEAWAY), title, category, subjectRef));
        }
        String[] ordinals = { "First, ", "Second, ", "And third, " };
        for (int i = 0; i < takeaways.size(); i++) {
            String t = takeaways.size() == 1 ? takeaways.get(0) : lead(ordinals[i], takeaways.get(i));
            if (ok.apply(t)) {
                parts.add(new Part(Kind.TAKEAWAYS, 1 + i, t, i < 2 ? 100 : 48, i < 2, false));
            } else {
                report.dropped(Kind.TAKEAWAYS.name(), t, String.join("; ", grounding.problems(t)));
            }
        }

        // QUESTIONS
        parts.add(new Part(Kind.QUESTIONS, 0, pick(rnd, Templates.QUESTION_INTROS), 100, true, false));
        List<String> questions = new ArrayList<>(Templates.QUESTIONS);
        shuffle(questions, rnd);
        String keyword = analysis.keywords().stream().filter(k -> !title.toLowerCase(Locale.ROOT).equals(k)).findFirst()
                .orElse("this field");
        int[] questionPriority = { 100, 100, 40, 18, 7, 3 };
        for (int i = 0; i < Math.min(questions.size(), questionPriority.length); i++) {
            String q = fill(questions.get(i), title, category, subjectRef).replace("{keyword}", keyword);
            parts.add(new Part(Kind.QUESTIONS, 2 + i, q, questionPriority[i], questionPriority[i] == 100, questionPriority[i] < 10));
        }

        // SIGN_OFF
        parts.add(new Part(Kind.SIGN_OFF, 0, pick(rnd, Templates.SIGN_OFF_REFLECTIONS), 20, false, false));
        parts.add(new Part(Kind.SIGN_OFF, 1, pick(rnd, Templates.SIGN_OFFS), 100, true, false));

        // CREDITS: exactly as the show credits, every author.
        parts.add(new Part(Kind.CREDITS, 0, "Credit to Paper authors: " + paper.creditLine(), 100, true, false));

        List<Part> chosen = fit(parts);
        Map<Kind, StringBuilder> texts = new EnumMap<>(Kind.class);
        chosen.stream().sorted(Comparator.comparing(Part::kind).thenComparingInt(Part::order)).forEach(p -> {
            StringBuilder sb = texts.computeIfAbsent(p.kind(), k -> new StringBuilder());
            if (sb.length() > 0) {
                sb.append(p.kind() == Kind.WHY_IT_MATTERS || p.kind() == Kind.TAKEAWAYS || p.kind() == Kind.QUESTIONS ? "\n" : " ");
            }
            sb.append(p.text());
        });
        List<EpisodeScript.Section> sections = new ArrayList<>();
        for (Kind k : Kind.values()) {
            String text = texts.getOrDefault(k, new StringBuilder()).toString().strip();
            grounding.check(k.name(), text, report);
            sections.add(new EpisodeScript.Section(k, Templates.chapterTitle(k), text));
        }
        String description = description(paper, title, methods, grounding);
        EpisodeScript script = new EpisodeScript(req.arxivId(), req.version(), paper.episodeTitle(), description, sections, NAME);
        return new WrittenScript(script, report.build(), NAME, null);
    }

    /** Mandatory parts always; optional content by priority up to a little over the target; fillers only if short. */
    private List<Part> fit(List<Part> parts) {
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
        // Still short (a paper of a sentence or two): the host's generic narration fills, never facts.
        int i = 0;
        while (total < targetWords * 0.90 && i < Templates.EXTRA_NARRATION.size()) {
            Part p = new Part(Templates.EXTRA_NARRATION_KINDS.get(i), 95 + i, Templates.EXTRA_NARRATION.get(i), 0, false, true);
            chosen.add(p);
            total += p.words();
            i++;
        }
        return chosen;
    }

    private void addRanked(List<Part> parts, Kind kind, List<Candidate> picked, Set<String> used, SplittableRandom rnd,
            String[] leads, int[] priorities) {
        // Chosen by rank, spoken in the paper's order.
        List<Candidate> inOrder = new ArrayList<>(picked);
        inOrder.sort(Comparator.comparingInt(Candidate::sectionIndex).thenComparingInt(Candidate::position));
        for (int r = 0; r < picked.size(); r++) {
            Candidate c = picked.get(r);
            used.add(c.original());
            int order = 1 + inOrder.indexOf(c);
            String text = order == 1 ? lead(pick(rnd, leads), c.spoken()) : lead(pick(rnd, Templates.AND_LEADS), c.spoken());
            parts.add(new Part(kind, order, text, priorities[Math.min(r, priorities.length - 1)], r == 0, false));
        }
    }

    private static Candidate chooseQuote(PaperAnalysis a, Grounding g, GroundingReport.Builder report) {
        List<Candidate> quotable = a.all().stream().filter(Candidate::quotable).toList();
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

    private static List<Candidate> unused(List<Candidate> list, Set<String> used) {
        return list.stream().filter(c -> !used.contains(c.original())).toList();
    }

    private static Candidate firstGrounded(List<Candidate> list, Kind kind, Grounding g, GroundingReport.Builder report) {
        List<Candidate> one = takeGrounded(list, 1, kind, g, report);
        return one.isEmpty() ? null : one.get(0);
    }

    private static List<Candidate> takeGrounded(List<Candidate> list, int n, Kind kind, Grounding g,
            GroundingReport.Builder report) {
        List<Candidate> out = new ArrayList<>();
        for (Candidate c : list) {
            if (out.size() >= n) {
                break;
            }
            List<String> problems = g.problems(c.spoken());
            if (problems.isEmpty()) {
                out.add(c);
            } else {
                report.dropped(kind.name(), c.spoken(), String.join("; ", problems));
            }
        }
        return out;
    }

    private String description(PaperSummary paper, String title, List<Candidate> methods, Grounding g) {
        String base = "Ernis unpacks " + title + ", a paper from " + (paper.categoryName() == null ? "arXiv" : paper.categoryName())
                + ", in plain words.";
        if (!methods.isEmpty()) {
            String m = SpokenText.condense(methods.get(0).spoken(), 30).replaceFirst("^They ", "The authors ");
            String d = base + " " + m;
            if (g.problems(d).isEmpty() && EpisodeWords.count(m) <= 45) {
                return d;
            }
        }
        return base;
    }

    /** Short name of the paper's idea: the part of the title before a colon, when short. */
    static String subject(String title) {
        int colon = title.indexOf(':');
        if (colon > 0) {
            String head = title.substring(0, colon).strip();
            if (EpisodeWords.count(head) <= 4) {
                return head;
            }
        }
        return null;
    }

    private static String fill(String template, String title, String category, String subjectRef) {
        return template.replace("{title}", title).replace("{category}", category).replace("{subject}", subjectRef);
    }

    private static String lead(String lead, String spoken) {
        if (lead.isEmpty() || OWN_CONNECTIVE.matcher(spoken).lookingAt()) {
            return spoken; // "And additionally, …" would stutter
        }
        return lead.endsWith(". ") || lead.endsWith("? ") || lead.endsWith("! ") ? lead + spoken
                : lead + SpokenText.continuing(spoken);
    }

    private static String pick(SplittableRandom rnd, String[] options) {
        return options[rnd.nextInt(options.length)];
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
