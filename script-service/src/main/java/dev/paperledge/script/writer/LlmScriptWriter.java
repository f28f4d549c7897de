package dev.paperledge.script.writer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.paperledge.contracts.EpisodeScript;
import dev.paperledge.contracts.EpisodeScript.Kind;
import dev.paperledge.contracts.PaperText;

/**
 * Writes with a language model on any OpenAI-compatible server. Plan, then write: long papers are
 * first reduced to notes section by section, then an outline is asked for, then the sections as
 * JSON matching {@link Draft}. The result is grounded; one repair round is allowed. On an error, a
 * timeout, malformed JSON or a script still ungrounded after the repair, the offline writer writes
 * the script and the reason is recorded.
 */
public final class LlmScriptWriter implements ScriptWriter {
    public static final String NAME = "llm";
    private static final Logger LOG = Logger.getLogger(LlmScriptWriter.class);
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** Notes on one part of a long paper. */
    public record SectionNotes(List<String> points) {
    }

    /** The plan for the episode. */
    public record Outline(String problem, String analogy, String method, List<String> findings, String quote,
            List<String> audiences, List<String> takeaways, List<String> questions) {
    }

    /** The structured output: one field per script section (credits are added from the paper's authors). */
    public record Draft(String description, String hook, String analogy, String method, String findings, String quote,
            String whyItMatters, String takeaways, String questions, String signOff) {
    }

    /** The structured output of the dialogue mode: each section a list of turns. */
    public record DuoDraft(String description, List<Turn> hook, List<Turn> analogy, List<Turn> method, List<Turn> findings,
            List<Turn> quote, List<Turn> whyItMatters, List<Turn> takeaways, List<Turn> questions, List<Turn> signOff) {
    }

    /** One turn of the model's dialogue. */
    public record Turn(String speaker, String text) {
    }

    private static final String STYLE_GUIDE = styleGuide();

    private final Supplier<ChatModel> model;
    private final OfflineScriptWriter offline;
    private final int maxChunkChars;
    private final int maxCalls;
    private final java.time.Duration deadline;
    private final ThreadLocal<int[]> calls = ThreadLocal.withInitial(() -> new int[1]);
    private final ThreadLocal<long[]> deadlineAt = ThreadLocal.withInitial(() -> new long[1]);

    public LlmScriptWriter(Supplier<ChatModel> model, OfflineScriptWriter offline, int maxChunkChars) {
        this(model, offline, maxChunkChars, 12, java.time.Duration.ofMinutes(10));
    }

    /**
     * @param maxCalls model calls allowed for one paper: notes, outline, script and repair together
     * @param deadline wall-clock time allowed for all of one paper's model calls: the client's own
     *                 timeout bounds each wait for bytes, so a server that trickles its answer could
     *                 otherwise hold the stage for ever
     */
    public LlmScriptWriter(Supplier<ChatModel> model, OfflineScriptWriter offline, int maxChunkChars, int maxCalls,
            java.time.Duration deadline) {
        this.model = model;
        this.offline = offline;
        this.maxChunkChars = maxChunkChars;
        this.maxCalls = Math.max(3, maxCalls);
        this.deadline = deadline;
    }

    private static String styleGuide() {
        try (var in = LlmScriptWriter.class.getResourceAsStream("/writer/llm-style-guide.md")) {
            if (in == null) {
                throw new IllegalStateException("writer/llm-style-guide.md missing from the classpath");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public WrittenScript write(ScriptRequest req) {
        calls.get()[0] = 0;
        deadlineAt.get()[0] = System.nanoTime() + deadline.toNanos();
        List<String> failed = new ArrayList<>();
        try {
            return writeWithModel(req, failed);
        } catch (Exception e) {
            String reason = reason(e);
            LOG.warnf("LLM writer failed for %s, the offline writer takes over: %s", req.arxivId(), reason);
            WrittenScript w = offline.write(req);
            GroundingReport g = w.grounding().withNote("llm writer fell back to offline: " + reason);
            if (g.explain() != null) {
                g = g.withExplain(new GroundingReport.Explain(g.explain().recitalPercent(), g.explain().repeatedRuns(),
                        g.explain().sectionsUsed(), g.explain().termsExplained(), g.explain().abstractOnly(), failed,
                        g.explain().sourcedLines()));
            }
            return new WrittenScript(w.script(), g, OfflineScriptWriter.NAME, reason);
        } finally {
            calls.remove();
            deadlineAt.remove();
        }
    }

    private WrittenScript writeWithModel(ScriptRequest req, List<String> failed) throws JsonProcessingException {
        String material = material(req);
        String outlineJson = ask("OUTLINE", """
                Plan a podcast episode about the paper below. Answer with JSON only, exactly this shape:
                {"problem": "...", "analogy": "...", "method": "...", "findings": ["..."], "quote": "<one sentence copied verbatim from the paper>",
                 "audiences": ["...", "..."], "takeaways": ["..."], "questions": ["..."]}
                """ + header(req) + "\nPAPER:\n" + material);
        Outline outline = parse(outlineJson, Outline.class);
        String draftJson = ask("SCRIPT", "Write the episode from the outline. Answer with JSON only, exactly this shape "
                + shape(req) + header(req) + "\nOUTLINE:\n" + JSON.writeValueAsString(outline) + "\nPAPER:\n" + material);
        ScriptGate gate = new ScriptGate(req, offline.targetWords());
        // Sources are found before the gate, which checks that a full-text episode has some.
        EpisodeScript script = gate.withProvenance(toScript(req, draftJson));
        List<ScriptGate.Problem> problems = gate.check(script);
        int repairs = 0;
        if (!problems.isEmpty()) {
            repairs = 1;
            problems.stream().map(ScriptGate.Problem::check).distinct().forEach(failed::add);
            String repaired = ask("REPAIR", """
                    Your draft has these problems. Fix them and answer with the corrected JSON only, same shape:
                    """ + String.join("\n", problems.stream().map(ScriptGate.Problem::toString).toList()) + "\nDRAFT:\n"
                    + draftJson + "\nPAPER:\n" + material);
            draftJson = repaired;
            script = gate.withProvenance(toScript(req, repaired));
            problems = gate.check(script);
            if (!problems.isEmpty()) {
                problems.stream().map(ScriptGate.Problem::check).distinct().filter(c -> !failed.contains(c)).forEach(failed::add);
                throw new UngroundedException(String.join("; ", problems.stream().map(ScriptGate.Problem::toString).toList()));
            }
        }
        Grounding grounding = new Grounding(req.groundingText());
        GroundingReport.Builder report = GroundingReport.builder(NAME).repairs(repairs);
        for (EpisodeScript.Section s : script.sections()) {
            grounding.check(s.kind().name(), s.text(), report);
        }
        ExplainMetrics.Figures f = ExplainMetrics.measure(script, req.paper().abstractText() == null ? "" : req.paper().abstractText());
        List<String> used = script.sections().stream().flatMap(x -> x.provenance().stream())
                .map(EpisodeScript.Provenance::section).filter(x -> !"Abstract".equals(x)).distinct().toList();
        report.explain(new GroundingReport.Explain(f.recitalPercent(), f.repeatedRuns(), used, List.of(),
                req.abstractOnly(), failed, ScriptGate.sourcedLines(script)));
        if (!failed.isEmpty()) {
            report.note("first draft failed the gate (" + String.join(", ", failed) + "); repaired once");
        }
        return new WrittenScript(script, report.build(), NAME, null);
    }

    private static String header(ScriptRequest req) {
        return "TITLE: " + req.paper().title() + "\nCATEGORY: " + req.paper().categoryName() + "\nAUTHORS: "
                + req.paper().creditLine() + "\n";
    }

    /** Short papers go in whole; long ones become notes, one request per section chunk. */
    private String material(ScriptRequest req) throws JsonProcessingException {
        List<PaperText.Section> sections = req.readableSections();
        StringBuilder whole = new StringBuilder();
        for (PaperText.Section s : sections) {
            whole.append("## ").append(s.title()).append('\n').append(s.text()).append("\n\n");
        }
        if (whole.length() <= maxChunkChars) {
            return whole.toString();
        }
        StringBuilder notes = new StringBuilder();
        // Outline, script and a repair need three calls; the notes get what is left of the cap. A paper
        // with more sections than that has its sections taken together, never cut off.
        int budget = Math.max(1, maxCalls - 3);
        int total = whole.length();
        int chunkChars = Math.max(maxChunkChars, (int) Math.ceil((double) total / budget) + 1);
        List<PaperText.Section> groups = new ArrayList<>();
        StringBuilder group = new StringBuilder();
        String groupTitle = null;
        for (PaperText.Section s : sections) {
            if (group.length() > 0 && group.length() + s.text().length() > chunkChars) {
                groups.add(new PaperText.Section(groupTitle, group.toString()));
                group.setLength(0);
                groupTitle = null;
            }
            groupTitle = groupTitle == null ? s.title() : groupTitle + " / " + s.title();
            group.append(group.length() > 0 ? "\n\n" : "").append(s.text());
        }
        if (group.length() > 0) {
            groups.add(new PaperText.Section(groupTitle, group.toString()));
        }
        for (PaperText.Section s : groups) {
            String text = s.text();
            for (int from = 0; from < text.length(); from += chunkChars) {
                String chunk = text.substring(from, Math.min(text.length(), from + chunkChars));
                String json = ask("NOTES", """
                        Take notes on this part of a paper for a podcast host. Answer with JSON only: {"points": ["..."]}.
                        Copy numbers and any sentence worth quoting exactly as written.
                        SECTION: %s
                        """.formatted(s.title()) + chunk);
                SectionNotes n = parse(json, SectionNotes.class);
                notes.append("## ").append(s.title()).append('\n');
                for (String p : n.points() == null ? List.<String>of() : n.points()) {
                    notes.append("- ").append(p).append('\n');
                }
            }
        }
        return notes.toString();
    }

    private String ask(String task, String prompt) {
        if (++calls.get()[0] > maxCalls) {
            throw new IllegalStateException("the cap of " + maxCalls + " model calls for one paper was reached at " + task
                    + " (paperledge.script.llm.max-calls)");
        }
        ChatRequest request = ChatRequest.builder()
                .messages(SystemMessage.from(STYLE_GUIDE + "\nTASK: %s".formatted(task)),
                        UserMessage.from(prompt))
                .responseFormat(ResponseFormat.JSON)
                .build();
        String text = withinDeadline(task, () -> model.get().chat(request).aiMessage().text());
        if (text == null || text.isBlank()) {
            throw new IllegalStateException("the model returned no text for " + task);
        }
        return text;
    }

    /** Runs one model call, giving up (and interrupting it) when the paper's deadline passes. */
    private String withinDeadline(String task, java.util.concurrent.Callable<String> call) {
        long left = deadlineAt.get()[0] - System.nanoTime();
        if (left <= 0) {
            throw new DeadlineExceeded(task, deadline);
        }
        java.util.concurrent.FutureTask<String> f = new java.util.concurrent.FutureTask<>(call);
        Thread t = new Thread(f, "llm-" + task.toLowerCase(java.util.Locale.ROOT));
        t.setDaemon(true);
        t.start();
        try {
            return f.get(left, java.util.concurrent.TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            f.cancel(true);
            t.interrupt();
            throw new DeadlineExceeded(task, deadline);
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the model at " + task, e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The paper's model calls together took longer than {@code paperledge.script.llm.deadline}. */
    static final class DeadlineExceeded extends RuntimeException {
        DeadlineExceeded(String task, java.time.Duration deadline) {
            super("the model's answers for this paper took longer than the deadline of " + deadline.toSeconds()
                    + " s (paperledge.script.llm.deadline), at " + task);
        }
    }

    static <T> T parse(String text, Class<T> type) throws JsonProcessingException {
        String t = text.strip();
        if (t.startsWith("```")) {
            t = t.replaceFirst("^```(?:json)?\\s*", "").replaceFirst("\\s*```$", "");
        }
        return JSON.readValue(t, type);
    }

    /** The JSON the model answers with, and the rules of the show it must keep; a dialogue for a duo episode. */
    private String shape(ScriptRequest req) {
        Show show = req.show();
        if (!show.duo()) {
            return """
                    (every field spoken text):
                    {"description": "<one or two plain sentences for the podcast feed>", "hook": "...", "analogy": "...", "method": "...",
                     "findings": "...", "quote": "...", "whyItMatters": "...", "takeaways": "...", "questions": "...", "signOff": "..."}
                    Rules: the hook starts with "Hey PaperLedge learning crew, %s here"; about %d words in total;
                    the quote field holds exactly one sentence of the paper, verbatim, in double quotes; use only numbers that
                    appear in the paper; whyItMatters speaks to at least two audiences; no URLs, no LaTeX, no markdown.
                    """.formatted(show.host(), EpisodeLength.target(req, offline.targetWords()));
        }
        return """
                (a conversation: every section field is a list of turns, each turn spoken text):
                {"description": "<one or two plain sentences for the podcast feed>",
                 "hook": [{"speaker": "%1$s", "text": "..."}, {"speaker": "%2$s", "text": "..."}], "analogy": [...], "method": [...],
                 "findings": [...], "quote": [...], "whyItMatters": [...], "takeaways": [...], "questions": [...], "signOff": [...]}
                Rules: two hosts speak, %1$s (the show's host, who explains from the paper) and %2$s (the co-host, who asks
                what a curious listener would: what's the problem, how does it work, does it hold up, so what; who brings the
                analogy and reacts briefly, without filler); each speaks at least a quarter of the words; the hook's first
                turn is %1$s's and starts with "Hey PaperLedge learning crew, %1$s here"; about %3$d words in total; the quote
                section holds exactly one sentence of the paper, verbatim, in double quotes; use only numbers that appear in
                the paper; whyItMatters speaks to at least two audiences; no URLs, no LaTeX, no markdown.
                """.formatted(show.host(), show.cohost(), EpisodeLength.target(req, offline.targetWords()));
    }

    /** The model's answer as a script: solo sections, or a duo's turns (consecutive turns of one speaker joined). */
    private static EpisodeScript toScript(ScriptRequest req, String json) throws JsonProcessingException {
        if (!req.show().duo()) {
            return toScript(req, parse(json, Draft.class));
        }
        DuoDraft d = parse(json, DuoDraft.class);
        List<List<Turn>> turns = java.util.Arrays.asList(d.hook(), d.analogy(), d.method(), d.findings(), d.quote(),
                d.whyItMatters(), d.takeaways(), d.questions(), d.signOff());
        List<EpisodeScript.Section> sections = new ArrayList<>();
        Kind[] kinds = Kind.values();
        for (int i = 0; i < kinds.length; i++) {
            List<Turn> said = i < turns.size() ? turns.get(i)
                    : List.of(new Turn(req.show().host(), "Credit to Paper authors: " + req.paper().creditLine()));
            Dialogue.Turns section = new Dialogue.Turns(kinds[i]);
            for (Turn t : said == null ? List.<Turn>of() : said) {
                if (t != null) {
                    section.say(t.speaker() == null ? "" : t.speaker().strip(), t.text());
                }
            }
            List<EpisodeScript.Line> lines = section.lines();
            String text = String.join(Dialogue.separator(kinds[i]), lines.stream().map(EpisodeScript.Line::text).toList());
            sections.add(new EpisodeScript.Section(kinds[i], Templates.chapterTitle(kinds[i]), text, List.of(), lines));
        }
        return new EpisodeScript(req.arxivId(), req.version(), req.paper().episodeTitle(),
                d.description() == null ? "" : d.description().strip(), sections, NAME, req.show().format(), req.show().hosts());
    }

    private static EpisodeScript toScript(ScriptRequest req, Draft d) {
        List<EpisodeScript.Section> sections = new ArrayList<>();
        String[] texts = { d.hook(), d.analogy(), d.method(), d.findings(), d.quote(), d.whyItMatters(), d.takeaways(),
                d.questions(), d.signOff(), "Credit to Paper authors: " + req.paper().creditLine() };
        Kind[] kinds = Kind.values();
        for (int i = 0; i < kinds.length; i++) {
            sections.add(new EpisodeScript.Section(kinds[i], Templates.chapterTitle(kinds[i]), texts[i] == null ? "" : texts[i].strip()));
        }
        return new EpisodeScript(req.arxivId(), req.version(), req.paper().episodeTitle(),
                d.description() == null ? "" : d.description().strip(), sections, NAME);
    }

    private static String reason(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && !(t instanceof UngroundedException)) {
            if (t.getMessage() != null && t.getMessage().toLowerCase().contains("timeout")) {
                break;
            }
            t = t.getCause();
        }
        String kind = e instanceof UngroundedException ? "failed the gate after one repair (ungrounded, recited, repeated or unsupported)"
                : e instanceof JsonProcessingException ? "malformed JSON from the model"
                : e instanceof DeadlineExceeded || isTimeout(e) ? "timeout" : "error";
        String msg = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return kind + ": " + (msg.length() > 300 ? msg.substring(0, 300) : msg);
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String n = t.getClass().getName().toLowerCase();
            String m = String.valueOf(t.getMessage()).toLowerCase();
            if (n.contains("timeout") || m.contains("timeout") || m.contains("timed out")) {
                return true;
            }
        }
        return false;
    }

    /** The model's script could not be grounded, even after the repair round. */
    public static final class UngroundedException extends RuntimeException {
        public UngroundedException(String message) {
            super(message);
        }
    }
}
