package dev.paperledge.script.writer;

import java.util.List;

/**
 * What kind of paper this is, judged by its arXiv primary category, and the host's lines that fit
 * it: who the work matters to and what a curious listener would ask. Lines carry no facts and no
 * digits; the slots are {subject} (the idea's short name, or "this approach") and {topic} (the paper's
 * topic in its own words).
 */
public enum FieldProfile {
    MACHINE_LEARNING(
            List.of(List.of("For developers and engineers, it hints at tools that could become faster, cheaper or simply easier to build with.",
                    "For engineers, it's the kind of idea that can quietly change how everyday systems get built."),
                    List.of("For companies, it could mean doing more with the computers and data they already have.",
                            "For businesses, ideas like this can decide whether a technology stays in the lab or becomes practical to deploy."),
                    List.of("For everyone else, it's a glimpse of where the tools we use every day might be heading next.",
                            "For the rest of us, it's a peek behind the curtain at the systems we chat with, listen to and rely on.")),
            List.of("How well would {subject} hold up on data that looks nothing like what the authors tested?",
                    "What does a method like this cost to run, and who can afford to use it?",
                    "Where might {subject} fall short, and what would the next step look like?",
                    "If a model learns this way, how would we notice when it learns the wrong lesson?",
                    "What's the simplest experiment you could run to convince yourself this really works?",
                    "Who gets to benefit from research like this, and who might be left out?")),
    SPEECH(
            List.of(List.of("For people who rely on voice technology, from assistive tools to voice assistants, progress here could make everyday devices more helpful."),
                    List.of("For developers, it hints at speech tools that could become easier to build into real products."),
                    List.of("For everyone else, it's a reminder of how much is going on behind a voice that simply sounds right.")),
            List.of("How would {subject} cope with accents, background noise or languages it has rarely heard?",
                    "What would it take to run something like this on a phone, with no server at all?",
                    "How do you even measure whether speech sounds natural to a person?",
                    "Where might {subject} fall short, and what would the next step look like?",
                    "Who gets to benefit from research like this, and who might be left out?")),
    SOFTWARE_AND_SYSTEMS(
            List.of(List.of("For people who write code for a living, these are habits and tools they could try out next week."),
                    List.of("For researchers who write software on the side, it's a gentle push towards work that others can rerun and trust."),
                    List.of("For teams and organisations, it's a way to lose less work when people come and go.")),
            List.of("Which of these ideas would be the hardest to get a whole team to adopt, and why?",
                    "How would you know, a year from now, whether a change like this actually helped?",
                    "What would {subject} look like in a field with very different tools and habits?",
                    "Where is the line between good enough and over-engineering?",
                    "What's the smallest first step someone could take today?")),
    THEORY(
            List.of(List.of("For theorists, it's a new piece of the map and maybe a tool for the next proof."),
                    List.of("For engineers, results like this quietly set the limits of what any program can do."),
                    List.of("For students, it's a lovely example of how careful reasoning can settle a question once and for all.")),
            List.of("Which assumption in this argument does the most work, and what happens if you drop it?",
                    "Is there a simpler way to see why this is true?",
                    "Where would a result like this show up in practice, if it ever does?",
                    "What's the next question this opens up?")),
    PHYSICS(
            List.of(List.of("For physicists, it's a sharper tool for asking what nature is really doing."),
                    List.of("For students, it's a great example of how a careful model and a careful measurement talk to each other."),
                    List.of("For the curious among us, it's a reminder of how much about the universe is still being worked out.")),
            List.of("What measurement would most convincingly confirm or overturn this?",
                    "Which simplifying assumption here is most likely to break in the real world?",
                    "How would {subject} change if we looked at a very different scale?",
                    "What would it take to test this in a laboratory or with a telescope?",
                    "What surprised you most, and why?")),
    ASTRONOMY(
            List.of(List.of("For astronomers, it's about squeezing honest answers out of data that the sky only gives us in bits and pieces."),
                    List.of("For data scientists in any field, the same pitfalls show up whenever measurements arrive at odd, uneven times."),
                    List.of("For the curious among us, it's a reminder of how much careful detective work sits behind every number about the sky.")),
            List.of("How much of what we think we know about the sky depends on tools like {subject}?",
                    "What could go wrong if someone used this without understanding its assumptions?",
                    "Which other sciences face the same kind of patchy, uneven data?",
                    "What would a better telescope, or a longer survey, change here?",
                    "What's the simplest check someone could run to avoid being fooled?")),
    MATHEMATICS(
            List.of(List.of("For mathematicians, it's a new piece of the puzzle and maybe a tool for the next theorem."),
                    List.of("For scientists who use mathematics, results like this quietly widen what can be calculated and trusted."),
                    List.of("For students, it's a lovely example of how a clear question can lead somewhere unexpected.")),
            List.of("Which step in the argument carries the most weight?",
                    "Is there a picture that makes this result feel obvious?",
                    "Where might a result like this turn up outside mathematics?",
                    "What's the natural next question once this is settled?")),
    BIOLOGY(
            List.of(List.of("For biologists and ecologists, it's about knowing how far to trust a signal before acting on it.",
                    "For biologists, careful work on {topic} adds a piece to the picture of how living things work."),
                    List.of("For people who manage real systems, like fisheries, forests or public health, it's a reminder that evidence needs to be tested, not just noticed."),
                    List.of("For the curious among us, it's a glimpse of how hard it is to predict living systems.")),
            List.of("How much data would you need before trusting a result like this?",
                    "What could go wrong if a decision were made on this kind of evidence alone?",
                    "Would {subject} work the same way in a very different kind of living system?",
                    "What experiment in the field or the lab would settle the question?",
                    "Who would need to act on results like these, and how quickly?")),
    STATISTICS(
            List.of(List.of("For anyone who analyses data, it's a reminder to ask how often a method is fooled, not just whether it finds something."),
                    List.of("For scientists in every field, it's a better way to weigh evidence before making a claim."),
                    List.of("For students, it's a clear example of why the question you ask of your data matters as much as the data.")),
            List.of("How would you explain the trade-off here to someone who has to make a decision from the numbers?",
                    "What assumptions does {subject} quietly make about the data?",
                    "How would the conclusions change with much less data, or much noisier data?",
                    "Where else could this way of thinking be put to work?")),
    ECONOMICS(
            List.of(List.of("For policymakers, it's evidence to weigh before the next decision."),
                    List.of("For businesses, it's a clearer view of how people and markets actually respond."),
                    List.of("For everyone else, it's about decisions that touch prices, jobs and everyday choices.")),
            List.of("Would these findings hold in another country or another decade?",
                    "Who wins and who loses if this is put into practice?",
                    "What data would most change the conclusions?",
                    "Where might {subject} fall short, and what would the next step look like?")),
    GENERAL(
            List.of(List.of("For researchers, {subject} opens up new questions to explore and gives a fresh reference point to compare against."),
                    List.of("For students, it's a great example of how a clear question and careful work can move a field forward."),
                    List.of("For the curious among us, it's a reminder that there's still so much left to figure out.")),
            List.of("How well would {subject} hold up outside the settings the authors looked at?",
                    "What would it take to bring an idea like this into a completely different field?",
                    "Where might {subject} fall short, and what would the next step look like?",
                    "What's the simplest experiment you could run to convince yourself this really works?"));

    private final List<List<String>> audiences;
    private final List<String> questions;

    FieldProfile(List<List<String>> audiences, List<String> questions) {
        this.audiences = audiences;
        this.questions = questions;
    }

    /** Groups of interchangeable audience lines, most important group first. */
    public List<List<String>> audiences() {
        return audiences;
    }

    public List<String> questions() {
        return questions;
    }

    /** The profile for an arXiv primary category such as {@code cs.CL}, {@code hep-th} or {@code q-bio.PE}. */
    public static FieldProfile of(String primaryCategory) {
        String c = primaryCategory == null ? "" : primaryCategory.strip();
        String archive = c.contains(".") ? c.substring(0, c.indexOf('.')) : c;
        if (c.startsWith("eess.AS") || c.startsWith("cs.SD")) {
            return SPEECH;
        }
        if (c.matches("cs\\.(SE|DC|OS|NI|DB|PL|AR|CR|PF|DL|CY|HC|MS|SY|ET)")) {
            return SOFTWARE_AND_SYSTEMS;
        }
        if (c.matches("cs\\.(DS|CC|LO|FL|GT|IT|DM|CG|SC|NA)")) {
            return THEORY;
        }
        if (archive.equals("cs") || c.equals("stat.ML") || archive.equals("eess")) {
            return MACHINE_LEARNING;
        }
        if (archive.equals("astro-ph")) {
            return ASTRONOMY;
        }
        if (archive.matches("hep-(th|ph|ex|lat)|gr-qc|quant-ph|nucl-(th|ex)|physics|nlin|math-ph") || archive.startsWith("cond-mat")) {
            return PHYSICS;
        }
        if (c.equals("math.ST") || archive.equals("stat")) {
            return STATISTICS;
        }
        if (archive.equals("math")) {
            return MATHEMATICS;
        }
        if (archive.equals("q-bio")) {
            return BIOLOGY;
        }
        if (archive.equals("econ") || archive.equals("q-fin")) {
            return ECONOMICS;
        }
        return GENERAL;
    }
}
