package dev.paperledge.audio.speech;

import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites script text into words an English speech engine says well: URLs and e-mail addresses,
 * LaTeX remnants, Greek letters, the field's names and acronyms ({@link PronunciationLexicon}),
 * abbreviations, numbers (with percentages, units, magnitudes,
 * ordinals, years, ranges), symbols, letter-by-letter acronyms, and accented or non-Latin text.
 * The result contains only ASCII letters, digits-free words and light punctuation.
 */
public final class TextNormalizer {

    private static final Pattern URL = Pattern.compile(
            "\\b(?:https?://|www\\.)([A-Za-z0-9.-]+)(?::\\d+)?(?:/[^\\s)\\]]*)?|\\b([A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.(?:com|org|net|io|ai|edu|gov|dev))(?:/[^\\s)\\]]*)?\\b");
    private static final Pattern EMAIL = Pattern.compile("\\b([A-Za-z0-9._%+-]+)@([A-Za-z0-9.-]+\\.[A-Za-z]{2,})\\b");
    private static final Pattern INLINE_MATH = Pattern.compile("\\$\\$?([^$]*)\\$\\$?");
    private static final Pattern FRAC = Pattern.compile("\\\\[dt]?frac\\s*\\{([^{}]*)\\}\\s*\\{([^{}]*)\\}");
    private static final Pattern SQRT = Pattern.compile("\\\\sqrt\\s*\\{([^{}]*)\\}");
    private static final Pattern TEXT_CMD = Pattern.compile("\\\\(?:text|textbf|textit|emph|mathrm|mathbf|mathit|mathcal|mathbb|operatorname|boldsymbol|texttt|underline)\\s*\\{([^{}]*)\\}");
    private static final Pattern DROP_CMD = Pattern.compile("\\\\(?:cite[tp]?|ref|eqref|label|footnote|url|href)\\s*(?:\\[[^\\]]*\\])?\\s*\\{[^{}]*\\}");
    private static final Pattern POWER = Pattern.compile("(?<=[A-Za-z0-9})])\\^\\s*(?:\\{([^{}]*)\\}|([A-Za-z0-9]))");
    private static final Pattern SUBSCRIPT = Pattern.compile("(?<=[A-Za-z0-9})])_\\s*(?:\\{([^{}]*)\\}|([A-Za-z0-9]))");
    private static final Pattern COMMAND = Pattern.compile("\\\\([A-Za-z]+)");

    private static final Map<String, String> LATEX_WORDS = new LinkedHashMap<>();
    private static final Map<String, String> SYMBOLS = new LinkedHashMap<>();
    private static final Map<String, String> ABBREVIATIONS = new LinkedHashMap<>();
    private static final Map<String, String> UNITS = new LinkedHashMap<>();
    private static final String[] GREEK = {"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta",
            "iota", "kappa", "lambda", "mu", "nu", "xi", "omicron", "pi", "rho", "sigma", "sigma", "tau", "upsilon",
            "phi", "chi", "psi", "omega"};

    static {
        String[][] latex = {{"times", " times "}, {"cdot", " times "}, {"leq", " less than or equal to "},
                {"le", " less than or equal to "}, {"geq", " greater than or equal to "},
                {"ge", " greater than or equal to "}, {"neq", " not equal to "}, {"approx", " approximately "},
                {"sim", " about "}, {"pm", " plus or minus "}, {"infty", " infinity "}, {"sum", " the sum of "},
                {"log", " log "}, {"exp", " exp "}, {"rightarrow", " to "}, {"to", " to "}, {"in", " in "},
                {"ldots", " "}, {"cdots", " "}, {"dots", " "}, {"quad", " "}, {"left", " "}, {"right", " "},
                {"mid", " given "}, {"propto", " proportional to "}, {"partial", " partial "},
                {"nabla", " gradient "}, {"mathbb", " "}, {"top", " transpose "}};
        for (String[] p : latex) {
            LATEX_WORDS.put(p[0], p[1]);
        }
        for (String g : GREEK) {
            LATEX_WORDS.putIfAbsent(g, " " + g + " ");
            LATEX_WORDS.putIfAbsent(Character.toUpperCase(g.charAt(0)) + g.substring(1), " " + g + " ");
        }
        String[][] symbols = {{"&", " and "}, {"+", " plus "}, {"=", " equals "}, {"≈", " approximately "},
                {"≤", " less than or equal to "}, {"≥", " greater than or equal to "}, {"≠", " not equal to "},
                {"±", " plus or minus "}, {"×", " times "}, {"÷", " divided by "}, {"→", " to "}, {"⇒", " implies "},
                {"←", " from "}, {"∞", " infinity "}, {"°", " degrees "}, {"@", " at "}, {"<", " less than "},
                {">", " greater than "}, {"%", " percent "}, {"#", " number "}, {"§", " section "},
                {"€", " euros "}, {"£", " pounds "}, {"$", " dollars "}, {"√", " square root of "},
                {"∑", " the sum of "}, {"∈", " in "}, {"µ", " micro "}};
        for (String[] p : symbols) {
            SYMBOLS.put(p[0], p[1]);
        }
        String[][] abbr = {{"e.g.", "for example"}, {"i.e.", "that is"}, {"et al.", "and colleagues"},
                {"etc.", "etcetera"}, {"vs.", "versus"}, {"w.r.t.", "with respect to"}, {"cf.", "compare"},
                {"approx.", "approximately"}, {"resp.", "respectively"}, {"Fig.", "Figure"}, {"Figs.", "Figures"},
                {"Eq.", "Equation"}, {"Eqs.", "Equations"}, {"Sec.", "Section"}, {"Tab.", "Table"},
                {"Dr.", "Doctor"}, {"Prof.", "Professor"}, {"Ref.", "Reference"}, {"No.", "number"}};
        for (String[] p : abbr) {
            ABBREVIATIONS.put(p[0], p[1]);
        }
        String[][] units = {{"%", "percent"}, {"ms", "milliseconds"}, {"µs", "microseconds"}, {"us", "microseconds"},
                {"ns", "nanoseconds"}, {"s", "seconds"}, {"sec", "seconds"}, {"min", "minutes"}, {"h", "hours"},
                {"hrs", "hours"}, {"KB", "kilobytes"}, {"MB", "megabytes"}, {"GB", "gigabytes"}, {"TB", "terabytes"},
                {"PB", "petabytes"}, {"Hz", "hertz"}, {"kHz", "kilohertz"}, {"MHz", "megahertz"}, {"GHz", "gigahertz"},
                {"km", "kilometers"}, {"cm", "centimeters"}, {"mm", "millimeters"}, {"nm", "nanometers"},
                {"m", "meters"}, {"kg", "kilograms"}, {"mg", "milligrams"}, {"g", "grams"}, {"dB", "decibels"},
                {"W", "watts"}, {"kW", "kilowatts"}, {"MW", "megawatts"}, {"kWh", "kilowatt hours"},
                {"V", "volts"}, {"K", "thousand"}, {"k", "thousand"}, {"M", "million"}, {"B", "billion"},
                {"T", "trillion"}, {"x", "times"}, {"×", "times"}, {"°C", "degrees Celsius"},
                {"°F", "degrees Fahrenheit"}, {"°", "degrees"}, {"FLOPs", "flops"}, {"FLOPS", "flops"},
                {"GPUs", "G P Us"}, {"GPU", "G P U"}, {"tokens", "tokens"}, {"bits", "bits"}, {"bit", "bit"}};
        for (String[] p : units) {
            UNITS.put(p[0], p[1]);
        }
    }

    private static final Pattern NUMBER_UNIT;

    static {
        StringBuilder alt = new StringBuilder();
        UNITS.keySet().stream().sorted((a, b) -> b.length() - a.length())
                .forEach(u -> alt.append(alt.length() == 0 ? "" : "|").append(Pattern.quote(u)));
        // number, optional space, unit that ends at a non-letter (so "5 sets" is not "5 s")
        NUMBER_UNIT = Pattern.compile("(?<![\\w.])(-?\\d[\\d,]*(?:\\.\\d+)?)\\s?(" + alt + ")(?![A-Za-z])");
    }

    private static final Pattern RANGE = Pattern.compile("(?<![\\w.])(\\d[\\d,]*(?:\\.\\d+)?)\\s?[-–—]\\s?(\\d[\\d,]*(?:\\.\\d+)?)(?![\\w.])");
    private static final Pattern ORDINAL = Pattern.compile("\\b(\\d+)(st|nd|rd|th)\\b");
    private static final Pattern YEAR = Pattern.compile("(?<![\\w.,$])(1[1-9]\\d\\d|20\\d\\d)(s?)(?![\\w%]|[.,]\\d)");
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.])-?\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|-?\\d+(?:\\.\\d+)?|\\.\\d+");
    private static final Pattern FRACTION = Pattern.compile("(?<![\\w./])(\\d+)/(\\d+)(?![\\w/])");
    private static final Pattern ACRONYM = Pattern.compile("\\b([B-DF-HJ-NP-TV-Z]{2,6})(s?)\\b");
    private static final Pattern HYPHEN_NUMBER = Pattern.compile("([A-Za-z])-(\\d)");

    /** Versions: "v2" → "version two", "v1.5" → "version one point five". */
    private static final Pattern VERSION = Pattern.compile("(?<![A-Za-z0-9])v(\\d+(?:\\.\\d+)?)(?![A-Za-z0-9])");

    private final PronunciationLexicon lexicon;

    /** With the built-in pronunciation lexicon. */
    public TextNormalizer() {
        this(PronunciationLexicon.defaults());
    }

    public TextNormalizer(PronunciationLexicon lexicon) {
        this.lexicon = lexicon;
    }

    public String normalize(String input) {
        if (input == null) {
            return "";
        }
        String t = Normalizer.normalize(input, Normalizer.Form.NFKC)
                .replace('\u2018', '\'').replace('\u2019', '\'').replace('\u201C', '"').replace('\u201D', '"')
                .replace('\u00A0', ' ').replace('\u2009', ' ').replace('\u2212', '-');

        t = EMAIL.matcher(t).replaceAll(m -> Matcher.quoteReplacement(
                m.group(1).replace('.', ' ') + " at " + hostWords(m.group(2))));
        t = URL.matcher(t).replaceAll(m -> Matcher.quoteReplacement(
                " " + hostWords(m.group(1) != null ? m.group(1) : m.group(2)) + " "));

        t = latex(t);
        t = greek(t);
        t = lexicon.apply(t);
        t = VERSION.matcher(t).replaceAll(m -> Matcher.quoteReplacement("version " + m.group(1)));
        for (Map.Entry<String, String> a : ABBREVIATIONS.entrySet()) {
            t = Pattern.compile("(?<![A-Za-z])" + Pattern.quote(a.getKey()) + "(?![A-Za-z])").matcher(t)
                    .replaceAll(Matcher.quoteReplacement(a.getValue()));
        }
        t = numbers(t);
        t = symbols(t);
        t = ACRONYM.matcher(t).replaceAll(m -> Matcher.quoteReplacement(
                String.join(" ", m.group(1).split("")) + (m.group(2).isEmpty() ? "" : "s")));
        t = foreign(t);
        return tidy(t);
    }

    private static String hostWords(String host) {
        String h = host.toLowerCase(Locale.ROOT).replaceFirst("^www\\.", "");
        return String.join(" dot ", h.split("\\."));
    }

    private static String latex(String t) {
        t = DROP_CMD.matcher(t).replaceAll(" ");
        t = INLINE_MATH.matcher(t).replaceAll(m -> Matcher.quoteReplacement(" " + m.group(1) + " "));
        for (int i = 0; i < 3; i++) { // nested \frac{\frac{..}{..}}{..}
            t = FRAC.matcher(t).replaceAll(m -> Matcher.quoteReplacement(" " + m.group(1) + " over " + m.group(2) + " "));
            t = SQRT.matcher(t).replaceAll(m -> Matcher.quoteReplacement(" the square root of " + m.group(1) + " "));
            t = TEXT_CMD.matcher(t).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
        }
        t = POWER.matcher(t).replaceAll(m -> {
            String e = (m.group(1) != null ? m.group(1) : m.group(2)).strip();
            String w = switch (e) {
                case "2" -> " squared ";
                case "3" -> " cubed ";
                case "T", "\\top" -> " transpose ";
                default -> " to the power of " + e + " ";
            };
            return Matcher.quoteReplacement(w);
        });
        t = SUBSCRIPT.matcher(t).replaceAll(m -> Matcher.quoteReplacement(" sub " + (m.group(1) != null ? m.group(1) : m.group(2)) + " "));
        t = COMMAND.matcher(t).replaceAll(m -> Matcher.quoteReplacement(LATEX_WORDS.getOrDefault(m.group(1), " ")));
        return t.replace("\\\\", " ").replace("{", " ").replace("}", " ").replace("\\", " ");
    }

    private static String greek(String t) {
        StringBuilder sb = new StringBuilder(t.length());
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            int lower = Character.toLowerCase(c);
            if (lower >= 'α' && lower <= 'ω') {
                sb.append(' ').append(GREEK[lower - 'α']).append(' ');
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String numbers(String t) {
        t = HYPHEN_NUMBER.matcher(t).replaceAll("$1 $2"); // GPT-4 → GPT 4
        t = RANGE.matcher(t).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + " to " + m.group(2)));
        t = ORDINAL.matcher(t).replaceAll(m -> Matcher.quoteReplacement(safeOrdinal(m.group(1))));
        t = FRACTION.matcher(t).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + " over " + m.group(2)));
        t = Pattern.compile("\\$\\s?(\\d[\\d,]*(?:\\.\\d+)?)\\s?(K|M|B|k|million|billion)?(?![A-Za-z])").matcher(t)
                .replaceAll(m -> Matcher.quoteReplacement(m.group(1) + (m.group(2) == null ? "" : " " + UNITS.getOrDefault(m.group(2), m.group(2))) + " dollars"));
        t = t.replaceAll("~\\s*(?=\\d)", " about ");
        t = NUMBER_UNIT.matcher(t).replaceAll(m -> Matcher.quoteReplacement(number(m.group(1)) + " " + UNITS.get(m.group(2))));
        t = YEAR.matcher(t).replaceAll(m -> Matcher.quoteReplacement(yearWords(m.group(1), m.group(2))));
        t = NUMBER.matcher(t).replaceAll(m -> Matcher.quoteReplacement(" " + number(m.group()) + " "));
        return t;
    }

    private static String yearWords(String digits, String plural) {
        String w = NumberWords.year(Integer.parseInt(digits));
        if (plural.isEmpty()) {
            return w;
        }
        return w.endsWith("y") ? w.substring(0, w.length() - 1) + "ies" : w + "s";
    }

    private static String safeOrdinal(String digits) {
        return digits.length() > 15 ? NumberWords.spellDigits(digits) : NumberWords.ordinal(Long.parseLong(digits));
    }

    private static String number(String n) {
        return NumberWords.decimal(n);
    }

    private static String symbols(String t) {
        StringBuilder sb = new StringBuilder(t.length());
        for (int i = 0; i < t.length(); i++) {
            String c = String.valueOf(t.charAt(i));
            String w = SYMBOLS.get(c);
            if (w != null) {
                sb.append(w);
            } else if (c.equals("/")) {
                sb.append(' ');
            } else if ("—–(){}[]".contains(c)) {
                sb.append(", ");
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Accents stripped (café → cafe, Straße → Strasse); scripts an English voice cannot read dropped. */
    private static String foreign(String t) {
        String s = t.replace("ß", "ss").replace("æ", "ae").replace("Æ", "Ae").replace("œ", "oe").replace("Œ", "Oe")
                .replace("ø", "o").replace("Ø", "O").replace("ł", "l").replace("Ł", "L").replace("đ", "d");
        s = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 128) {
                sb.append(c);
            } else if (Character.isLetter(c)) {
                sb.append(' '); // non-Latin letter: the English voice cannot say it
            } else {
                sb.append(' ');
            }
        }
        return sb.toString();
    }

    private static String tidy(String t) {
        String s = t.replaceAll("[*_^|`\"<>=+#@&$%~\\\\]", " ")
                .replaceAll("\\s+([,.;:!?])", "$1")
                .replaceAll("([,;:])(?:\\s*[,;:])+", "$1")
                .replaceAll("\\.{2,}", ".")
                .replaceAll("\\s+", " ")
                .strip();
        s = s.replaceAll("^[,;:.\\s]+", "");
        s = s.replaceAll("[,;:\\s]+$", "");
        return s;
    }

    /** True when the text has at least one letter an engine can say. */
    public static boolean speakable(String normalized) {
        return normalized.chars().anyMatch(Character::isLetter);
    }

    public static int words(String normalized) {
        String t = normalized.strip();
        if (t.isEmpty()) {
            return 0;
        }
        int n = 0;
        for (String w : t.split("\\s+")) {
            if (w.chars().anyMatch(Character::isLetter)) {
                n++;
            }
        }
        return n;
    }
}
