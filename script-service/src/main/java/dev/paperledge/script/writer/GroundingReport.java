package dev.paperledge.script.writer;

import java.util.ArrayList;
import java.util.List;

/**
 * What grounding checked for one script ({@code scripts/{id}/v{n}/r{run}/grounding.json}).
 *
 * @param writer    the writer whose output was checked
 * @param quotes    every quoted span checked, with its outcome
 * @param numbers   every number checked, with its outcome
 * @param dropped   claims left out because they could not be grounded (offline writer)
 * @param repairs   LLM repair rounds used (0 or 1)
 * @param grounded  true when everything in the final script is grounded
 * @param notes     what happened on the way, e.g. why the LLM writer fell back
 * @param explain   does the script explain rather than recite (null on reports written before it was measured)
 */
public record GroundingReport(String writer, List<Check> quotes, List<Check> numbers, List<Dropped> dropped,
        int repairs, boolean grounded, List<String> notes, Explain explain) {

    public GroundingReport {
        quotes = List.copyOf(quotes);
        numbers = List.copyOf(numbers);
        dropped = List.copyOf(dropped);
        notes = List.copyOf(notes);
    }

    /**
     * The "explain, not recite" figures of one script (see {@link ExplainMetrics}).
     *
     * @param recitalPercent share of the host's words in 8-word runs copied from the abstract
     * @param repeatedRuns   8-word runs said twice or more
     * @param sectionsUsed   the paper's sections, other than the abstract, the script draws on
     * @param termsExplained key terms explained in plain words before use
     * @param abstractOnly   the paper's full text was not available
     * @param failedChecks   gate checks the script failed (LLM writer), empty when it passed
     * @param sourcedLines   spoken lines that carry the passage of the paper they come from
     */
    public record Explain(double recitalPercent, int repeatedRuns, List<String> sectionsUsed, List<String> termsExplained,
            boolean abstractOnly, List<String> failedChecks, int sourcedLines) {
        public Explain {
            sectionsUsed = sectionsUsed == null ? List.of() : List.copyOf(sectionsUsed);
            termsExplained = termsExplained == null ? List.of() : List.copyOf(termsExplained);
            failedChecks = failedChecks == null ? List.of() : List.copyOf(failedChecks);
        }
    }

    public record Check(String section, String text, boolean grounded) {
    }

    public record Dropped(String section, String text, String reason) {
    }

    public int quotesChecked() {
        return quotes.size();
    }

    public int numbersChecked() {
        return numbers.size();
    }

    public GroundingReport withNote(String note) {
        List<String> n = new ArrayList<>(notes);
        n.add(note);
        return new GroundingReport(writer, quotes, numbers, dropped, repairs, grounded, n, explain);
    }

    public GroundingReport withExplain(Explain e) {
        return new GroundingReport(writer, quotes, numbers, dropped, repairs, grounded, notes, e);
    }

    public static Builder builder(String writer) {
        return new Builder(writer);
    }

    public static final class Builder {
        private final String writer;
        private final List<Check> quotes = new ArrayList<>();
        private final List<Check> numbers = new ArrayList<>();
        private final List<Dropped> dropped = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        private int repairs;
        private Explain explain;

        Builder(String writer) {
            this.writer = writer;
        }

        public Builder quote(String section, String text, boolean grounded) {
            quotes.add(new Check(section, text, grounded));
            return this;
        }

        public Builder number(String section, String text, boolean grounded) {
            numbers.add(new Check(section, text, grounded));
            return this;
        }

        public Builder dropped(String section, String text, String reason) {
            dropped.add(new Dropped(section, text, reason));
            return this;
        }

        public Builder note(String note) {
            notes.add(note);
            return this;
        }

        public Builder explain(Explain e) {
            explain = e;
            return this;
        }

        public Builder repairs(int n) {
            repairs = n;
            return this;
        }

        public GroundingReport build() {
            boolean ok = quotes.stream().allMatch(Check::grounded) && numbers.stream().allMatch(Check::grounded);
            return new GroundingReport(writer, quotes, numbers, dropped, repairs, ok, notes, explain);
        }
    }
}
