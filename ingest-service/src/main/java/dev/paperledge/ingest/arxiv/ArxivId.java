package dev.paperledge.ingest.arxiv;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A validated arXiv identifier: the ID without version ({@code 2106.09685}, {@code hep-th/9901001})
 * and the version if one was given. Every arXiv URL this service builds is made from one of these,
 * never from text a user sent (no SSRF).
 *
 * <p>Accepted forms: new style {@code YYMM.NNNN} (up to 2014) or {@code YYMM.NNNNN} (from 2015) with
 * an optional {@code vN}; old style {@code archive(.SC)?/YYMMNNN}; either with an {@code arXiv:}
 * prefix; and the arXiv URLs {@code http(s)://(www.|export.)arxiv.org/(abs|pdf|html)/<id>}.
 */
public record ArxivId(String id, Integer version) {

    /** What a user is told when the input is not one of these. */
    public static final String ACCEPTED_FORMS = "2106.09685, 2106.09685v2, 0704.0001, hep-th/9901001, "
            + "math.GT/0309136, arXiv:2106.09685, https://arxiv.org/abs/2106.09685, "
            + "https://arxiv.org/pdf/2106.09685v2(.pdf), https://arxiv.org/html/2106.09685v2";

    public static final int MAX_INPUT_LENGTH = 200;

    /** Archives that had old-style (pre-2007) identifiers, including the ones since merged. */
    static final Set<String> OLD_ARCHIVES = Set.of("astro-ph", "cond-mat", "cs", "gr-qc", "hep-ex", "hep-lat",
            "hep-ph", "hep-th", "math", "math-ph", "nlin", "nucl-ex", "nucl-th", "physics", "q-bio", "quant-ph",
            "stat", "acc-phys", "adap-org", "alg-geom", "ao-sci", "atom-ph", "bayes-an", "chao-dyn", "chem-ph",
            "cmp-lg", "comp-gas", "dg-ga", "funct-an", "mtrl-th", "patt-sol", "plasm-ph", "q-alg", "solv-int",
            "supr-con");

    private static final Pattern NEW = Pattern.compile("([0-9]{2})([0-9]{2})\\.([0-9]{4,5})(?:v([1-9][0-9]{0,3}))?");
    private static final Pattern OLD = Pattern.compile(
            "([a-zA-Z]+(?:-[a-zA-Z]+)?)(?:\\.([a-zA-Z]{2}))?/([0-9]{2})([0-9]{2})([0-9]{3})(?:v([1-9][0-9]{0,3}))?");
    private static final Pattern URL = Pattern.compile(
            "(?:https?://)?(?:www\\.|export\\.)?arxiv\\.org/(abs|pdf|html)/([^?#]+?)/?(?:[?#].*)?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern PREFIX = Pattern.compile("arxiv:\\s?", Pattern.CASE_INSENSITIVE);

    public ArxivId {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("id is required");
        }
    }

    /** Parses user input; empty when it is not an accepted form. */
    public static Optional<ArxivId> parse(String input) {
        if (input == null) {
            return Optional.empty();
        }
        String s = input.strip();
        if (s.isEmpty() || s.length() > MAX_INPUT_LENGTH || !s.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            return Optional.empty();
        }
        Matcher url = URL.matcher(s);
        if (url.matches()) {
            String path = url.group(2);
            if (url.group(1).equalsIgnoreCase("pdf") && path.toLowerCase(Locale.ROOT).endsWith(".pdf")) {
                path = path.substring(0, path.length() - 4);
            }
            return bare(path);
        }
        Matcher prefix = PREFIX.matcher(s);
        if (prefix.lookingAt()) {
            s = s.substring(prefix.end());
        }
        return bare(s);
    }

    /** Parses input or throws {@link IllegalArgumentException} naming the accepted forms. */
    public static ArxivId of(String input) {
        return parse(input).orElseThrow(() -> new IllegalArgumentException(
                "not an arXiv identifier: accepted forms are " + ACCEPTED_FORMS));
    }

    private static Optional<ArxivId> bare(String s) {
        Matcher n = NEW.matcher(s);
        if (n.matches()) {
            int yy = Integer.parseInt(n.group(1));
            int mm = Integer.parseInt(n.group(2));
            int digits = n.group(3).length();
            if (mm < 1 || mm > 12) {
                return Optional.empty();
            }
            // New-style numbering started April 2007 (0704) with four digits; five digits from 1501 on.
            boolean fourDigitEra = yy < 15;
            if (yy < 7 || (yy == 7 && mm < 4) || (fourDigitEra ? digits != 4 : digits != 5)) {
                return Optional.empty();
            }
            if (Integer.parseInt(n.group(3)) == 0) {
                return Optional.empty();
            }
            return Optional.of(new ArxivId(n.group(1) + n.group(2) + "." + n.group(3), version(n.group(4))));
        }
        Matcher o = OLD.matcher(s);
        if (o.matches()) {
            String archive = o.group(1).toLowerCase(Locale.ROOT);
            if (!OLD_ARCHIVES.contains(archive)) {
                return Optional.empty();
            }
            int yy = Integer.parseInt(o.group(3));
            int mm = Integer.parseInt(o.group(4));
            // Old-style identifiers ran from August 1991 to March 2007.
            boolean inRange = (yy >= 91 || yy <= 7) && mm >= 1 && mm <= 12 && !(yy == 7 && mm > 3)
                    && Integer.parseInt(o.group(5)) > 0;
            if (!inRange) {
                return Optional.empty();
            }
            String subject = o.group(2) == null ? "" : "." + o.group(2).toUpperCase(Locale.ROOT);
            if (!subject.isEmpty() && Taxonomy.standard().name(archive + subject).isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new ArxivId(archive + subject + "/" + o.group(3) + o.group(4) + o.group(5),
                    version(o.group(6))));
        }
        return Optional.empty();
    }

    private static Integer version(String v) {
        return v == null ? null : Integer.valueOf(v);
    }

    /** The ID as arXiv's API takes it: with the version when one is known. */
    public String withVersion() {
        return version == null ? id : id + "v" + version;
    }

    public ArxivId withVersion(Integer v) {
        return new ArxivId(id, v);
    }

    public boolean oldStyle() {
        return id.contains("/");
    }

    @Override
    public String toString() {
        return withVersion();
    }
}
