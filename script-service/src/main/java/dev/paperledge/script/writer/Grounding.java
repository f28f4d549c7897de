package dev.paperledge.script.writer;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that a script's claims can be traced to the paper: every quoted span must appear verbatim
 * in the paper's text (whitespace and quote marks normalised) and every number must appear in it as
 * a number (not as part of a longer one: "75" is not grounded by "175").
 */
public final class Grounding {
    private static final Pattern QUOTED = Pattern.compile("[\"\u201c]([^\"\u201c\u201d]+)[\"\u201d]");
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,]\\d+)*");

    private final String corpus;

    /** @param paperText everything the paper says: title, abstract and section texts */
    public Grounding(String paperText) {
        this.corpus = normalise(paperText == null ? "" : paperText);
    }

    public static String normalise(String s) {
        return s.replace('\u201c', '"').replace('\u201d', '"').replace('\u2018', '\'').replace('\u2019', '\'')
                .replace('\u2013', '-').replace('\u2014', '-').replace('~', ' ').replaceAll("\\s+", " ").strip();
    }

    public static List<String> quotes(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = QUOTED.matcher(text);
        while (m.find()) {
            out.add(m.group(1).strip());
        }
        return out;
    }

    public static Set<String> numbers(String text) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = NUMBER.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    public boolean quoteGrounded(String quote) {
        String q = normalise(quote);
        // A quote may end where the sentence's full stop was left outside the quotation marks.
        return !q.isEmpty() && (corpus.contains(q) || (q.endsWith(".") && corpus.contains(q.substring(0, q.length() - 1))));
    }

    public boolean numberGrounded(String number) {
        Pattern p = Pattern.compile("(?<![0-9])(?<![0-9][.,])" + Pattern.quote(number) + "(?![0-9])(?![.,][0-9])");
        return p.matcher(corpus).find();
    }

    /** Every problem in one piece of script text; empty when it is grounded. */
    public List<String> problems(String text) {
        List<String> out = new ArrayList<>();
        for (String q : quotes(text)) {
            if (!quoteGrounded(q)) {
                out.add("quote not found verbatim in the paper: \"" + q + "\"");
            }
        }
        for (String n : numbers(text)) {
            if (!numberGrounded(n)) {
                out.add("number not in the paper: " + n);
            }
        }
        return out;
    }

    /** Checks the text and adds what was checked to the report. */
    public boolean check(String section, String text, GroundingReport.Builder report) {
        boolean ok = true;
        for (String q : quotes(text)) {
            boolean g = quoteGrounded(q);
            report.quote(section, q, g);
            ok &= g;
        }
        for (String n : numbers(text)) {
            boolean g = numberGrounded(n);
            report.number(section, n, g);
            ok &= g;
        }
        return ok;
    }
}
