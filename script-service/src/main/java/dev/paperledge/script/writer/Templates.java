package dev.paperledge.script.writer;

import java.util.ArrayList;
import java.util.List;

import dev.paperledge.contracts.EpisodeScript.Kind;

/**
 * The host's words: greetings, transitions, lead-ins, audiences, questions and sign-offs, in the
 * voice of the seed episodes. None of them states a fact about a paper and none contains a digit;
 * facts and numbers only ever come from the paper's own sentences.
 * Placeholders: {title}, {category}, {subject} (the idea's short name or "this approach"), {keyword},
 * {host} and {cohost} (the hosts' names).
 */
final class Templates {
    private Templates() {
    }

    static final String[] GREETINGS = {
            "Hey PaperLedge learning crew, {host} here, and welcome back!",
            "Hey PaperLedge learning crew, {host} here, ready to dive into another fascinating piece of research!",
            "Hey PaperLedge learning crew, {host} here, and today we've got a really fun one.",
            "Hey PaperLedge learning crew, {host} here, ready to dig into some seriously cool research!" };

    static final String[] INTROS = {
            "Today we're looking at a paper from the world of {category} called {title}.",
            "Today's paper comes from {category}, and it's called {title}.",
            "The paper on the table today is {title}, from the {category} corner of research.",
            "Today we're diving into {title}, a paper from {category} that I've been itching to talk about." };

    static final String[] PROBLEM_LEADS = { "Here's the problem they start from: ", "So, what's the problem? ",
            "Let's set the scene. ", "First, the big picture. " };

    static final String[] NO_PROBLEM = {
            "The authors start from a question that's easy to state and surprisingly hard to answer, and that's exactly the kind of puzzle we love on this show." };

    static final String[] AND_LEADS = { "And ", "On top of that, ", "What's more, ", "Plus, ", "" };

    static final String[] HOOK_FILLERS = {
            "Now, I know that might sound a little abstract at first, so let's take it slowly and build it up piece by piece.",
            "Stick with me here, because once this clicks, you'll start seeing it everywhere." };

    static final String[] BRIDGES = {
            "Keep that picture in mind, because it captures the spirit of what {subject} is going for.",
            "Hold on to that image; it's a handy way to think about {subject} as we go.",
            "That's the intuition I want you to carry into the rest of this episode." };

    static final String[] METHOD_TRANSITIONS = { "So, how did they actually tackle it?",
            "So, what did the researchers actually do?", "Now, let's get into how it works.",
            "Here's where it gets really clever." };

    static final String[] METHOD_LEADS = { "In a nutshell, ", "Put simply, ", "Here's the core idea: ", "" };

    static final String[] NO_METHOD = {
            "The recipe itself is detailed, so I'd really encourage you to read the full paper for the nuts and bolts of how {subject} works." };

    static final String[] METHOD_FILLERS = {
            "Let me pause there for a second, because that's the heart of it. If you only remember one thing about how this works, make it that.",
            "If that felt like a lot, don't worry. The key is the overall shape of the idea, not every last detail." };

    static final String[] FINDINGS_TRANSITIONS = { "Now for the part I always look forward to: what did they find?",
            "So, does it actually work?", "And here's the real kicker.", "Okay, so what came out of all this?" };

    static final String[] FINDINGS_LEADS = { "", "According to the paper, ", "The headline? ", "Here's what they report: " };

    static final String[] NO_FINDINGS = {
            "I'll keep the results short here, because they're best taken in the authors' own careful words. The quote coming up gives you a taste, and the full paper has the details." };

    static final String[] FINDINGS_FILLERS = {
            "That's worth sitting with for a moment. Results like these are what turn a clever idea into something people actually start using.",
            "And remember, a result is only as good as the question behind it, which is why the setup we just talked about matters so much." };

    static final String[] QUOTE_LEADS = { "There's one line in the paper that I think sums it up nicely:",
            "I love how the authors put it themselves:", "Here's a line straight from the paper:",
            "In the authors' own words:" };

    static final String[] QUOTE_REACTIONS = { "I just love how clearly that's put.", "Let that sink in for a second.",
            "That one sentence carries a lot of weight." };

    static final String[] WHY_INTROS = { "So, why does this matter?", "Why should you care about any of this?",
            "Okay, so why does this matter beyond the lab?" };

    static final String[] RELEASE_LEADS = { "For developers, there's a practical bonus: ",
            "For builders and tinkerers, here's the good news: " };

    static final String[] ABSTRACT_ONLY = {
            "A quick note before we start: all I had for this one was the abstract, so today is the short tour, and I'll tell you where the full paper would have more to say.",
            "One honest note up front: I only had the abstract to go on for this paper, so think of this as a first look rather than the deep dive." };

    static final String[] TERM_INTROS = { "Before we go further, a name you'll hear a few times: ",
            "First, a bit of vocabulary, because it makes everything else easier: ",
            "Let's get one name out of the way first: " };

    static final String[] TERM_PLAIN_LEADS = { "In plain words: ", "Put simply: ", "The gist: " };

    static final String[] NAMED_TERM = { "{term} is the name the authors give to their idea.",
            "The authors call their idea {term}." };

    static final String[] NEXT_LEADS = { "As for what comes next, the authors point the way: ",
            "And looking ahead, here's where they say this goes next: " };

    static final String[] LIMITATION_LEADS = { "To be fair, the paper is upfront about the limits too: ",
            "Now, it's not all sunshine. ", "One honest caveat: " };

    static final String[] TAKEAWAY_INTROS = { "So, the key takeaways:", "Let's recap the key takeaways.",
            "Here are the big takeaways to hold on to." };

    static final String[] NO_TAKEAWAY = { "The main takeaway is the question itself, and why {subject} is worth a closer look." };

    static final String[] QUESTION_INTROS = { "A few questions that popped into my head while reading this:",
            "Here are some questions I keep turning over:", "Now, a few things to ponder:" };

    static final String[] TAKEAWAY_TERM = { "If you remember one name from today, make it {term}.",
            "The name to hold on to is {term}." };

    static final String[] TAKEAWAY_NUMBER_LEADS = { "The figure to remember: ", "If one number sticks, let it be this: " };

    static final String[] TAKEAWAY_FIELD = {
            "And the bigger lesson: a careful question, tested honestly, is worth more than a flashy claim.",
            "And the bigger lesson: the details of how something is measured decide what we're allowed to conclude." };

    static final String[] SIGN_OFF_REFLECTIONS = {
            "I think this is a really exciting piece of work, and I'm curious to see where it goes next.",
            "This is exactly the kind of research that makes me love doing this show." };

    static final String[] SIGN_OFFS = {
            "So there you have it, learning crew! What do you all think? Let me know your thoughts in the comments. Until next time, keep learning!",
            "That's all for this episode, learning crew. What do you think? Let me know in the comments, and until next time, stay curious!",
            "Lots to ponder, learning crew! Let me know what you think in the comments. Until next time, keep those neurons firing!" };

    // --- The duo show: the co-host's words ({host}, {cohost} are the hosts' names). Like the rest,
    // none states a fact about a paper; the co-host asks what a curious listener would.

    static final String[] DUO_GREETINGS = {
            "Hey PaperLedge learning crew, {host} here, and I've got {cohost} with me today.",
            "Hey PaperLedge learning crew, {host} here, and joining me again is {cohost}.",
            "Hey PaperLedge learning crew, {host} here, with my partner in curiosity, {cohost}." };

    static final String[] COHOST_HELLOS = { "Hi everyone, great to be here.", "Hey, crew! Happy to be back.",
            "Hello, hello! I've been looking forward to this one." };

    static final String[] ASK_PROBLEM = { "So what are they up against?", "Okay, so what's the problem they want to solve?",
            "Where does this one start?" };

    static final String[] COHOST_ANALOGY_INTROS = { "Can I try a picture for this?", "Here's how I picture it.",
            "Let me give people an image to hang on to." };

    static final String[] ASK_METHOD = { "So how does it actually work?", "Walk me through it. What did they build?",
            "Okay, what's the actual idea?" };

    static final String[] ASK_FINDINGS = { "And does it hold up?", "So what did they find?",
            "Okay, but does it actually work?" };

    static final String[] ASK_WHY = { "So why should anyone outside the lab care?", "Why does this matter, though?" };

    static final String[] COHOST_GOODBYES = { "Thanks for listening, everyone!", "Bye, everyone, and thanks for hanging out with us.",
            "See you next time, crew!" };

    /** Fact-free narration for very short papers, in script order. */
    static final List<String> EXTRA_NARRATION = new ArrayList<>(List.of(
            "Papers like this one pack a lot into very few words, so let's unpack it together, one idea at a time.",
            "And here's something I always find useful: when a paper is this compact, every single word was chosen on purpose, so it's worth reading slowly.",
            "Let me say that again in my own words, because it's easy to skim past how much is packed into it.",
            "When you read a result like this, it's always worth asking what exactly was measured, and compared to what.",
            "I always find it helpful to imagine explaining an idea like this to a friend over coffee. If you can do that, you've really got it.",
            "And that, to me, is what makes research so much fun: one careful idea can ripple out in directions nobody expected.",
            "Questions like these are where the next papers come from, so don't be shy about asking them."));

    static final List<Kind> EXTRA_NARRATION_KINDS = List.of(Kind.HOOK, Kind.METHOD, Kind.METHOD, Kind.FINDINGS,
            Kind.WHY_IT_MATTERS, Kind.WHY_IT_MATTERS, Kind.QUESTIONS);

    static String chapterTitle(Kind k) {
        return switch (k) {
            case HOOK -> "The problem";
            case ANALOGY -> "An analogy";
            case METHOD -> "What the authors did";
            case FINDINGS -> "What they found";
            case QUOTE -> "In their words";
            case WHY_IT_MATTERS -> "Why it matters";
            case TAKEAWAYS -> "Key takeaways";
            case QUESTIONS -> "Questions to ponder";
            case SIGN_OFF -> "Sign-off";
            case CREDITS -> "Credits";
        };
    }
}
