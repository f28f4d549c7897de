package dev.paperledge.script.writer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.paperledge.contracts.PaperText;

/**
 * The paper read for a script: its sentences, ranked per section with TextRank, weighted by where
 * they sit, and classified by cue words.
 */
public final class PaperAnalysis {

    /** One sentence of the paper and how the host could say it. */
    public record Candidate(String original, String spoken, String section, int sectionIndex, int position,
            double score, Cue cue, boolean quotable) {
        public int words() {
            return EpisodeWords.count(spoken);
        }

        public boolean hasNumber() {
            return spoken.matches(".*\\d.*");
        }
    }

    private final List<Candidate> candidates = new ArrayList<>();
    private final List<String> keywords;

    public PaperAnalysis(ScriptRequest request) {
        List<PaperText.Section> sections = request.readableSections();
        for (int si = 0; si < sections.size(); si++) {
            PaperText.Section sec = sections.get(si);
            List<String> sentences = SentenceSplitter.split(sec.text());
            if (sentences.isEmpty()) {
                continue;
            }
            double[] ranks = TextRank.rank(sentences);
            double mean = 0;
            for (double r : ranks) {
                mean += r;
            }
            mean = mean / ranks.length;
            double weight = sectionWeight(sec.title());
            for (int i = 0; i < sentences.size(); i++) {
                String original = sentences.get(i);
                int words = EpisodeWords.count(original);
                if (words < 5 || words > 60 || SpokenText.hasMath(original) || looksLikeNoise(original)) {
                    continue;
                }
                String spoken = SpokenText.speak(original);
                int spokenWords = EpisodeWords.count(spoken);
                if (spokenWords < 5 || spokenWords > 48) {
                    continue;
                }
                Cue cue = Cue.classify(original, sec.title(), i);
                double score = (mean > 0 ? ranks[i] / mean : 1.0) * weight;
                boolean quotable = words >= 8 && words <= 40 && !SpokenText.hasUrl(original) && !original.contains("~")
                        && !original.contains("\"") && !original.contains("\\") && original.matches("^[A-Z].*[.!]$");
                candidates.add(new Candidate(original, spoken, sec.title(), si, i, score, cue, quotable));
            }
        }
        this.keywords = computeKeywords(request);
    }

    private static boolean looksLikeNoise(String s) {
        long letters = s.chars().filter(Character::isLetter).count();
        return letters < s.length() * 0.6 || s.contains("http") && EpisodeWords.count(s) < 8;
    }

    private static double sectionWeight(String title) {
        String t = title == null ? "" : title.toLowerCase(Locale.ROOT);
        if (t.contains("abstract")) {
            return 1.6;
        }
        if (t.contains("intro") || t.contains("conclusion") || t.contains("summary")) {
            return 1.2;
        }
        if (t.contains("related") || t.contains("background") || t.contains("prior work")) {
            return 0.5;
        }
        if (t.matches(".*(method|approach|result|experiment|evaluation|discussion|limitation).*")) {
            return 1.0;
        }
        return 0.8;
    }

    public List<Candidate> candidates() {
        return candidates;
    }

    /** Best-first candidates of the given cues, the abstract's order breaking ties. */
    public List<Candidate> ranked(Cue... cues) {
        List<Cue> wanted = List.of(cues);
        return candidates.stream().filter(c -> wanted.contains(c.cue()))
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
