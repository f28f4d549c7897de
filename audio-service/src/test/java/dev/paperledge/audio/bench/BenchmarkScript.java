package dev.paperledge.audio.bench;

import java.util.ArrayList;
import java.util.List;

import dev.paperledge.contracts.EpisodeScript;
import dev.paperledge.contracts.EpisodeScript.Kind;
import dev.paperledge.contracts.EpisodeScript.Section;

/** A show-shaped script of about 1,100 words, with the numbers, units and abbreviations real ones carry. */
public final class BenchmarkScript {
    private BenchmarkScript() {
    }

    private static final String[][] SECTIONS = {
            {"HOOK", "Introduction", "Hey PaperLedge learning crew, Ernis here, and today we are diving into a paper that asks a deceptively simple question. "
                    + "What if you could teach a giant language model a new trick without retraining the whole thing? "
                    + "Think about it: these models have billions of parameters, and updating all of them for every new task is like repainting an entire house just to change the color of one door. "
                    + "The authors of this paper found a clever shortcut, and the numbers they report are pretty striking. "
                    + "So grab your coffee, get comfortable, and let's unpack it together."},
            {"ANALOGY", "An analogy", "Here is a way to picture it. Imagine a huge orchestra that already plays beautifully. "
                    + "You want it to play a jazz version of a song. Instead of retraining every musician, you hand a few of them small sticky notes with adjustments. "
                    + "The orchestra stays the same, but those little notes nudge the sound in a new direction. "
                    + "That is roughly what low-rank adaptation does: it leaves the big weight matrices frozen and learns small updates that sit beside them. "
                    + "The sticky notes are cheap to write, cheap to store, and you can swap them in and out whenever you like."},
            {"METHOD", "What the authors did", "So what did the researchers actually do? They took pre-trained models such as GPT-3 with 175B parameters and RoBERTa, and froze every original weight. "
                    + "Next to each attention matrix they added two thin matrices whose product forms the update, with a rank as small as 4 or even 1. "
                    + "Only these thin matrices are trained, which cuts the number of trainable parameters by a factor of about 10,000. "
                    + "They trained on standard benchmarks, e.g. GLUE, WikiSQL and SAMSum, using a batch size of 128 and a learning rate of 2e-4 for 3 epochs. "
                    + "Training ran on NVIDIA GPUs, and because far fewer gradients are stored, memory use fell from 1.2 TB to 350 GB during training. "
                    + "Importantly, at inference time the small matrices can be merged back into the frozen weights, so there is no extra latency at all."},
            {"FINDINGS", "What they found", "And the results? On GLUE, the adapted RoBERTa base model scored 87.2 on average, compared with 86.4 for full fine-tuning. "
                    + "On WikiSQL, GPT-3 with low-rank adaptation reached 73.4% accuracy versus 73.8% for full fine-tuning, essentially a tie, while training only 4.7M parameters instead of 175B. "
                    + "Checkpoints shrank from 350 GB to about 35 MB, roughly a 10,000x reduction. "
                    + "Training throughput went up by about 25%, because most gradients never need to be computed. "
                    + "And the authors found that a rank of just 1 or 2 was often enough, which suggests the update really is intrinsically low-dimensional."},
            {"QUOTE", "In their words", "The authors put it this way: \"We find that the update matrix has a very low intrinsic rank, and that adaptation amplifies features that were already learned but not emphasized.\" "
                    + "In other words, the model already knows a lot, and the adaptation mostly turns up the volume on the right parts."},
            {"WHY_IT_MATTERS", "Why it matters", "Why should you care? If you are a developer at a small startup, this means you can customize a powerful model on a single machine rather than a warehouse of servers. "
                    + "If you are a researcher, you can keep one frozen base model and hundreds of tiny task adapters, switching between them in milliseconds. "
                    + "If you care about the environment, fewer trainable parameters mean less energy, which matters when a single training run can cost as much electricity as a household uses in a year. "
                    + "And for everyday users, it means more specialized, more helpful assistants, built faster and more cheaply than before."},
            {"TAKEAWAYS", "Key takeaways", "Let's recap the key takeaways. First, you do not need to update every weight to adapt a large model. "
                    + "Second, tiny low-rank updates can match full fine-tuning on many tasks, at a fraction of the cost. "
                    + "Third, because the updates merge into the original weights, there is no slowdown when the model is used. "
                    + "Fourth, storage drops dramatically, from hundreds of gigabytes to a few megabytes per task. "
                    + "And fifth, the fact that such small updates work tells us something deep about how these models organize what they know."},
            {"QUESTIONS", "Questions to ponder", "Here are a few questions to chew on. If the useful update is so low-dimensional, what does that say about how much of a giant model is actually needed for any one task? "
                    + "Could we combine several adapters, say one for medicine and one for law, without them interfering with each other? "
                    + "And where does this approach break down: are there tasks so different from pre-training that a tiny update is simply not enough? "
                    + "I would love to hear what you think."},
            {"SIGN_OFF", "Sign-off", "That's it for today, learning crew. Thanks for spending a few minutes with me, and keep that curiosity burning. "
                    + "Until next time, this is Ernis, signing off from PaperLedge."},
            {"CREDITS", "Credits", "Credit to Paper authors: Edward J. Hu, Yelong Shen, Phillip Wallis, Zeyuan Allen-Zhu, Yuanzhi Li, Shean Wang, Lu Wang and Weizhu Chen."}};

    /** The script, its sections repeated until it holds at least {@code words} words. */
    public static EpisodeScript script(String arxivId, int words) {
        List<Section> sections = new ArrayList<>();
        int count = 0;
        for (String[] s : SECTIONS) {
            sections.add(new Section(Kind.valueOf(s[0]), s[1], s[2]));
            count += EpisodeScript.countWords(s[2]);
        }
        int i = 0;
        List<Section> extra = new ArrayList<>(sections);
        while (count < words) {
            Section base = extra.get(2 + (i++ % 5));
            int idx = sections.indexOf(base) + 1;
            Section more = new Section(base.kind(), base.title() + " (continued)", base.text());
            sections.add(Math.min(idx, sections.size()), more);
            count += EpisodeScript.countWords(base.text());
        }
        return new EpisodeScript(arxivId, 1, "Computation and Language - LoRA: Low-Rank Adaptation of Large Language Models",
                "How tiny low-rank updates adapt huge language models.", sections, "benchmark");
    }
}
