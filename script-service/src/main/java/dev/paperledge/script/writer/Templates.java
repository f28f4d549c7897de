package dev.paperledge.script.writer;


import dev.paperledge.contracts.EpisodeScript.Kind;

/**
 * The host's words: greetings, transitions, lead-ins, audiences, questions and sign-offs, in the
 * voice of the seed episodes. None of them states a fact about a paper and none contains a digit;
 * facts and numbers only ever come from the paper's own sentences.
 * Placeholders: {title}, {category}, {subject} (the idea's short name or "this approach"), {topic}
 * (the paper's topic in its own words), {source} ("abstract" or "paper"), {host} and {cohost} (the
 * hosts' names). No line is filler that could be said of any paper: a line that stands in for
 * missing content names the paper's topic.
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

    /** No problem statement to start from: the frame says so rather than passing a list of keywords off as the gist. */
    static final String[] NO_PROBLEM = {
            "The {source} skips the backstory on {topic} and goes straight to what the authors did, so that's where we'll start.",
            "There's no long build-up on {topic} in the {source}: it opens with the work itself, and so will we." };

    /** The abstract does set the scene before the work, but in words the host could only have read back. */
    static final String[] PROBLEM_UNSAID = {
            "The {source} sets the scene for {topic} in technical terms, so let's start from what the authors did." };

    static final String[] AND_LEADS = { "And ", "On top of that, ", "What's more, ", "Plus, ", "" };


    static final String[] BRIDGES = {
            "Keep that picture in mind, because it captures the spirit of what {subject} is going for.",
            "Hold on to that image; it's a handy way to think about {subject} as we go.",
            "That's the intuition I want you to carry into the rest of this episode." };

    static final String[] METHOD_TRANSITIONS = { "So, how did they actually tackle it?",
            "So, what did the researchers actually do?", "Now, let's get into how it works.",
            "Here's where it gets really clever." };
    /** Before a method the paper only sketches: nothing promised that the next line takes back. */
    static final String[] METHOD_TRANSITIONS_PLAIN = { "So, how did they actually tackle it?",
            "So, what did the researchers actually do?" };

    static final String[] METHOD_LEADS = { "In a nutshell, ", "Put simply, ", "Here's the core idea: ", "" };

    /** No method line the host could retell, so the authors' own sentence on what they did is read, as theirs. */
    static final String[] METHOD_IN_THEIR_WORDS = { "Here's how they describe it themselves:", "In their own words:" };
    static final String[] NO_METHOD = { "How they went about {topic} is only sketched in the {source}, so I'll keep to what it actually says." };
    /** No method line, but the episode's quote is the sentence that lists what they did. */
    static final String[] NO_METHOD_QUOTED = {
            "The {source} packs what they did on {topic} into one long list, so rather than paraphrase it badly, I'll read you that line in a moment." };


    static final String[] FINDINGS_TRANSITIONS = { "Now for the part I always look forward to: what did they find?",
            "So, does it actually work?", "And here's the real kicker.", "Okay, so what came out of all this?" };

    static final String[] FINDINGS_LEADS = { "", "According to the paper, ", "The headline? ", "Here's what they report: " };

    static final String[] NO_FINDINGS = {
            "The {source} says little about what came out of the work on {topic}, so their own words in a moment are the closest we get." };
    /** No findings line, but the episode's quote is the sentence that states the result. */
    static final String[] NO_FINDINGS_QUOTED = {
            "The main result on {topic} fits in a single sentence, and rather than paraphrase it, I'll read you the authors' own line in a moment." };

    /** The analogy section when no analogy fits the paper's words: nothing is forced on it. */
    static final String[] NO_ANALOGY = {
            "I don't have a tidy everyday picture for {topic}, and I'd rather not force one, so let's stay close to what the {source} says.",
            "No everyday picture does {topic} justice, so instead of forcing one, let's stick to the {source} itself." };


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

    /** The takeaways' intro when there is only one. */
    static final String TAKEAWAY_INTRO_ONE = "If there's one thing to take away about {topic}, it's this.";

    /** The takeaways' intro before the stand-in line, when the paper gave none of its own. */
    static final String TAKEAWAY_INTRO_STAND_IN = "The {source} does not spell out a lesson on {topic}, so here is mine.";

    static final String[] NO_TAKEAWAY = { "If you remember one thing, make it the subject itself, {topic}, and know that the full text is where it gets its depth." };

    static final String[] QUESTION_INTROS = { "A few questions that popped into my head while reading this:",
            "Here are some questions I keep turning over:", "Now, a few things to ponder:" };

    static final String[] TAKEAWAY_TERM = { "If you remember one name from today, make it {term}.",
            "The name to hold on to is {term}." };

    static final String[] TAKEAWAY_NUMBER_LEADS = { "The figure to remember: ", "If one number sticks, let it be this: " };


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
