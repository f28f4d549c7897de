package dev.paperledge.script.writer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.paperledge.contracts.PaperText;

/**
 * The one to three terms a paper introduces or leans on, found where the paper defines them: an
 * acronym after its long form ("Low-Rank Adaptation (LoRA)", "Low-Rank Adaptation, or LoRA"; long
 * forms checked letter by letter as in the Schwartz–Hearst algorithm) or a name the authors give
 * ("we call it …", "dubbed …", "referred to as …"). Ranked by whether the title uses the term, then
 * by how often the paper does.
 */
public final class KeyTerms {

    /**
     * @param name       the term as the paper writes it
     * @param expansion  its long form for an acronym, or null
     * @param definition the paper's sentence that introduces it
     * @param section    the section that sentence is in
     * @param mentions   how often the paper uses the term
     */
    public record Term(String name, String expansion, String definition, String section, int mentions) {
    }

    private static final String SHORT = "([A-Za-z][A-Za-z0-9-]{0,10}[A-Za-z0-9])";
    private static final Pattern PAREN = Pattern.compile("((?:[A-Za-z][\\w'-]*\\s+){0,8}[A-Za-z][\\w'-]*)\\s*\\(" + SHORT + "s?\\)");
    private static final Pattern OR = Pattern.compile("((?:[A-Za-z][\\w'-]*\\s+){0,8}[A-Za-z][\\w'-]*),\\s+or\\s+" + SHORT + ",");
    private static final Pattern NAMED = Pattern.compile(
            "(?:we (?:call|name|term|dub) (?:it|this|them|these|our \\w+|the \\w+)?\\s*|dubbed |termed |referred to as |which we (?:call|name) |coined )[\"\u201c]?([A-Z][\\w-]*(?:\\s+[A-Z][\\w-]*){0,3})"
                    + "|(?:[Ww]e (?:propose|present|introduce|develop|release|build)) ([A-Z][a-z]*[A-Z][\\w-]*)(?=[,:( ])");

    private KeyTerms() {
    }

    public static List<Term> find(String title, List<PaperText.Section> sections, int max) {
        Map<String, Term> found = new LinkedHashMap<>();
        String all = String.join("\n\n", sections.stream().map(PaperText.Section::text).toList());
        for (PaperText.Section s : sections) {
            for (String sentence : SentenceSplitter.split(s.text())) {
                for (Pattern p : List.of(PAREN, OR)) {
                    Matcher m = p.matcher(sentence);
                    while (m.find()) {
                        String shortForm = m.group(2);
                        if (!acronymLike(shortForm)) {
                            continue;
                        }
                        String longForm = longForm(shortForm, m.group(1));
                        if (longForm != null && !found.containsKey(shortForm)) {
                            found.put(shortForm, new Term(shortForm, longForm, sentence, s.title(), mentions(all, shortForm)));
                        }
                    }
                }
                Matcher n = NAMED.matcher(sentence);
                while (n.find()) {
                    String name = (n.group(1) != null ? n.group(1) : n.group(2)).strip();
                    if (name.length() > 2 && !found.containsKey(name) && !STOP_NAMES.contains(name.toLowerCase(Locale.ROOT))) {
                        found.put(name, new Term(name, null, sentence, s.title(), mentions(all, name)));
                    }
                }
            }
        }
        String t = title == null ? "" : title;
        return found.values().stream()
                .filter(x -> x.mentions() >= 2 || t.contains(x.name()))
                .sorted(Comparator.comparing((Term x) -> !t.contains(x.name()))
                        .thenComparing(Comparator.comparingInt(Term::mentions).reversed()))
                .limit(max).toList();
    }

    private static final java.util.Set<String> STOP_NAMES = java.util.Set.of("the", "this", "these", "it", "we", "our",
            "a", "an", "in", "for");

    private static boolean acronymLike(String s) {
        long upper = s.chars().filter(Character::isUpperCase).count();
        return upper >= 2 && s.length() <= 12 && !s.matches("\\d+") && !s.matches("[IVXLC]+");
    }

    /** The term as a word of its own: "LoRA" in "LoRA's rank", not in "QLoRA" or "LoRA-style". */
    static Pattern asWord(String term) {
        return Pattern.compile("(?<![\\w-])" + Pattern.quote(term) + "(?![\\w-])");
    }

    private static int mentions(String text, String term) {
        Matcher m = asWord(term).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /**
     * The shortest tail of {@code candidate} whose words spell the acronym: every letter of the short
     * form found, right to left, in the candidate, the first at the start of a word (Schwartz and
     * Hearst, 2003). Null when none fits.
     */
    static String longForm(String shortForm, String candidate) {
        String s = shortForm.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        String l = candidate.toLowerCase(Locale.ROOT);
        int si = s.length() - 1;
        int li = l.length() - 1;
        while (si >= 0) {
            char c = s.charAt(si);
            while (li >= 0 && (l.charAt(li) != c || (si == 0 && li > 0 && Character.isLetterOrDigit(l.charAt(li - 1))))) {
                li--;
            }
            if (li < 0) {
                return null;
            }
            si--;
            li--;
        }
        int start = l.lastIndexOf(' ', li + 1) + 1;
        String longForm = candidate.substring(start).strip();
        int words = longForm.split("\\s+").length;
        if (words < 2 && !longForm.contains("-") || words > Math.min(s.length() + 5, s.length() * 2)
                || longForm.equalsIgnoreCase(shortForm)) {
            return null;
        }
        return longForm;
    }
}
