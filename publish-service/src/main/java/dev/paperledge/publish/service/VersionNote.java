package dev.paperledge.publish.service;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;

/**
 * What an episode's description says when a newer arXiv version of its paper replaced it:
 * {@code Updated for v2: } and what changed in the abstract, sentence by sentence (added, removed,
 * reworded), from a diff of the two abstracts' sentences.
 */
public final class VersionNote {
    /** Past this many characters the list of changes is cut (a rewritten abstract is not quoted whole). */
    static final int MAX_CHANGES = 1200;

    private VersionNote() {
    }

    public static String of(int version, String oldAbstract, String newAbstract) {
        return "Updated for v" + version + ": " + changes(oldAbstract, newAbstract);
    }

    static String changes(String oldAbstract, String newAbstract) {
        if (oldAbstract == null || oldAbstract.isBlank()) {
            return "a new version of the paper.";
        }
        List<String> before = sentences(oldAbstract);
        List<String> after = sentences(newAbstract);
        List<String> said = new ArrayList<>();
        for (AbstractDelta<String> d : DiffUtils.diff(before, after).getDeltas()) {
            List<String> removed = d.getSource().getLines();
            List<String> added = d.getTarget().getLines();
            switch (d.getType()) {
                case INSERT -> said.add("new in the abstract: " + quoted(added));
                case DELETE -> said.add("no longer in the abstract: " + quoted(removed));
                case CHANGE -> said.add("the abstract now says " + quoted(added) + " where it said " + quoted(removed));
                default -> {
                }
            }
        }
        if (said.isEmpty()) {
            return "the abstract is unchanged.";
        }
        String all = String.join("; ", said) + ".";
        return all.length() <= MAX_CHANGES ? all : all.substring(0, MAX_CHANGES - 1).strip() + "…";
    }

    private static String quoted(List<String> sentences) {
        return "\u201c" + String.join(" ", sentences) + "\u201d";
    }

    /** The text's sentences, whitespace folded (a re-wrapped line is no change). */
    static List<String> sentences(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        String folded = text.replaceAll("\\s+", " ").strip();
        BreakIterator it = BreakIterator.getSentenceInstance(Locale.ENGLISH);
        it.setText(folded);
        for (int start = it.first(), end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
            String s = folded.substring(start, end).strip();
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }
}
