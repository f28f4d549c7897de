package dev.paperledge.script.writer;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.paperledge.contracts.EpisodeScript.Kind;
import dev.paperledge.contracts.EpisodeScript.Line;

/**
 * Turns the solo writer's chosen lines into a conversation between the host and the co-host. The
 * host leads and answers from the paper; the co-host asks what a curious listener would (what's the
 * problem, how does it work, does it hold up, so what), brings the analogy, takes every other line
 * of the paper's content, raises the caveat, and reads out the listener questions. Nothing is added
 * that states a fact: the co-host's own words are fact-free templates, so every rule the solo script
 * passes (grounding, recital, repeats, length) still holds for the dialogue.
 */
final class Dialogue {
    /** One chosen line of the solo script: its section, its place in it, and its text. */
    record Piece(Kind kind, int order, String text) {
    }

    /**
     * @param lines    each section's turns in speaking order, consecutive lines of one speaker merged
     * @param spokenAs a piece's text as it is now said, where a leading question went to the co-host
     */
    record Result(Map<Kind, List<Line>> lines, Map<String, String> spokenAs) {
    }

    /** A line that opens with a short question: "So, what's the problem? The authors …". */
    private static final Pattern OPENING_QUESTION = Pattern.compile("^([^.?!]{2,80}\\?)\\s+(\\S.*)$", Pattern.DOTALL);

    private final Show show;
    private final Function<String[], String> pick;

    /** @param pick chooses one option of a template list (the writer's, so no option is used twice) */
    Dialogue(Show show, Function<String[], String> pick) {
        this.show = show;
        this.pick = pick;
    }

    Result write(List<Piece> pieces) {
        Map<Kind, List<Line>> out = new EnumMap<>(Kind.class);
        Map<String, String> spokenAs = new HashMap<>();
        for (Kind kind : Kind.values()) {
            List<Piece> section = pieces.stream().filter(p -> p.kind() == kind).toList();
            if (!section.isEmpty()) {
                Turns turns = new Turns(kind);
                section(kind, section, turns, spokenAs);
                out.put(kind, turns.lines);
            }
        }
        return new Result(out, spokenAs);
    }

    /** How lines of a section are joined: list sections line by line, the others as running speech. */
    static String separator(Kind kind) {
        return kind == Kind.WHY_IT_MATTERS || kind == Kind.TAKEAWAYS || kind == Kind.QUESTIONS ? "\n" : " ";
    }

    private void section(Kind kind, List<Piece> pieces, Turns t, Map<String, String> spokenAs) {
        String host = show.host();
        String co = show.cohost();
        boolean cohostNext = false;
        boolean asked = false;
        for (Piece p : pieces) {
            int o = p.order();
            switch (kind) {
                case HOOK -> {
                    if (o == 0) {
                        t.say(host, fill(pick.apply(Templates.DUO_GREETINGS)));
                        t.say(co, pick.apply(Templates.COHOST_HELLOS));
                    } else if (o >= 3 && o < 9 && !asked) {
                        asked = true;
                        answer(p, Templates.ASK_PROBLEM, t, spokenAs);
                    } else {
                        t.say(host, p.text());
                    }
                }
                case ANALOGY -> {
                    if (o <= 1) {
                        if (!asked) {
                            asked = true;
                            t.say(co, pick.apply(Templates.COHOST_ANALOGY_INTROS));
                        }
                        t.say(co, p.text());
                    } else {
                        t.say(host, p.text());
                    }
                }
                case METHOD, FINDINGS -> {
                    boolean filler = o >= 90;
                    if (o == 0) {
                        transition(p, kind == Kind.METHOD ? Templates.ASK_METHOD : Templates.ASK_FINDINGS, t);
                    } else if (kind == Kind.FINDINGS && (o == 60 || o == 80)) {
                        t.say(co, p.text()); // the analogy's callback and the caveat: the co-host's
                    } else if (filler) {
                        t.say(host, p.text());
                    } else {
                        t.say(cohostNext ? co : host, p.text());
                        cohostNext = !cohostNext;
                    }
                }
                case QUOTE -> t.say(o >= 2 ? co : host, p.text());
                case WHY_IT_MATTERS, TAKEAWAYS, QUESTIONS -> {
                    if (o == 0) {
                        // Why it matters is asked; the host sums up; the co-host brings the listener's questions.
                        if (kind == Kind.WHY_IT_MATTERS) {
                            transition(p, Templates.ASK_WHY, t);
                        } else {
                            t.say(kind == Kind.TAKEAWAYS ? host : co, p.text());
                            cohostNext = kind == Kind.TAKEAWAYS;
                        }
                    } else {
                        t.say(cohostNext ? co : host, p.text());
                        cohostNext = !cohostNext;
                    }
                }
                case SIGN_OFF -> {
                    if (o == 0) {
                        t.say(co, p.text());
                    } else {
                        t.say(host, p.text());
                        t.say(co, pick.apply(Templates.COHOST_GOODBYES));
                    }
                }
                case CREDITS -> t.say(host, p.text());
            }
        }
    }

    /** A section's opening: a question is the co-host's; a statement is the host's, after her question. */
    private void transition(Piece p, String[] questions, Turns t) {
        if (p.text().strip().endsWith("?")) {
            t.say(show.cohost(), p.text());
        } else {
            t.say(show.cohost(), pick.apply(questions));
            t.say(show.host(), p.text());
        }
    }

    /** The co-host asks, the host answers: a line's own opening question becomes hers. */
    private void answer(Piece p, String[] questions, Turns t, Map<String, String> spokenAs) {
        Matcher m = OPENING_QUESTION.matcher(p.text().strip());
        if (m.matches()) {
            t.say(show.cohost(), m.group(1));
            t.say(show.host(), m.group(2));
            spokenAs.put(p.text(), m.group(2));
        } else {
            t.say(show.cohost(), pick.apply(questions));
            t.say(show.host(), p.text());
        }
    }

    private String fill(String template) {
        return template.replace("{host}", show.host()).replace("{cohost}", show.cohost());
    }

    /** The turns of one section; a speaker who goes on keeps the turn. */
    static final class Turns {
        final List<Line> lines = new ArrayList<>();
        final String separator;

        Turns(Kind kind) {
            this.separator = separator(kind);
        }

        List<Line> lines() {
            return lines;
        }

        void say(String speaker, String text) {
            if (text == null || text.isBlank()) {
                return;
            }
            int last = lines.size() - 1;
            if (last >= 0 && lines.get(last).speaker().equals(speaker)) {
                lines.set(last, new Line(speaker, lines.get(last).text() + separator + text.strip()));
            } else {
                lines.add(new Line(speaker, text.strip()));
            }
        }
    }
}
