package dev.paperledge.testkit;

import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The subset of arXiv's {@code search_query} language the {@link ArxivStandIn} understands (arXiv API
 * user manual §5.1), parsed by recursive descent:
 *
 * <pre>
 *   query  := and ( "OR" and )*
 *   and    := unary ( ( "AND" | "ANDNOT" )? unary )*      (two terms side by side: AND)
 *   unary  := "(" query ")" | term
 *   term   := [ prefix ":" ] ( word | "\"" phrase "\"" )  prefix: ti au abs cat all (none: all)
 *           | ( "submittedDate" | "lastUpdatedDate" ) ":[" from " TO " to "]"
 * </pre>
 *
 * AND and ANDNOT bind tighter than OR; operators are upper-case, as arXiv requires. The query arrives
 * URL-decoded ({@code +} already a space).
 *
 * <p>Matching: {@code cat:} any category of the paper (primary or cross-list), ignoring case;
 * {@code ti:}, {@code abs:} and {@code all:} (title, abstract, authors and comment) whole words,
 * ignoring case and accents, a phrase's words in order and side by side, a plural with {@code s}/{@code es}
 * counting as its singular (arXiv stems words); {@code au:} every word of the name among one author's
 * words, a one-letter word of the query standing for an initial ({@code au:del_maestro} writes a space as
 * {@code _}). Words, plurals and initials are compared as {@code SubscriptionRule#matches} compares them,
 * so a poll finds what the topic's feed will hold. {@code submittedDate:[202401010000 TO 202401312359]}
 * keeps papers whose {@code <published>} (for {@code lastUpdatedDate}: {@code <updated>}) falls in the
 * range, both ends included, each end {@code YYYYMMDDTTTT} (GMT, to the minute) or {@code YYYYMMDD} (the
 * whole day).
 */
public final class ArxivQuery {

    /** The fields of one paper a query looks at (a date is null when the entry has none). */
    public record Paper(String title, String summary, List<String> authors, List<String> categories, String comment,
            Instant submitted, Instant updated) {
    }

    /** A query arXiv would refuse; the message says what is wrong and where. */
    public static final class MalformedQueryException extends Exception {
        public MalformedQueryException(String message) {
            super(message);
        }
    }

    private static final Set<String> PREFIXES = Set.of("ti", "au", "abs", "cat", "all");
    private static final Set<String> DATE_FIELDS = Set.of("submittedDate", "lastUpdatedDate");
    private static final Pattern RANGE = Pattern.compile("\\[(\\d{8}|\\d{12}) TO (\\d{8}|\\d{12})]");

    private sealed interface Node permits Term, DateRange, Binary {
    }

    /** A date field's range, {@code to} excluded (the end's minute or day already added). */
    private record DateRange(boolean submitted, Instant from, Instant to) implements Node {
        boolean contains(Paper paper) {
            Instant date = submitted ? paper.submitted() : paper.updated();
            return date != null && !date.isBefore(from) && date.isBefore(to);
        }
    }

    private record Term(String field, String value) implements Node {
    }

    private record Binary(String op, Node left, Node right) implements Node {
    }

    private final Node root;
    private final String text;

    private ArxivQuery(String text, Node root) {
        this.text = text;
        this.root = root;
    }

    /** Parses a (URL-decoded) {@code search_query}. */
    public static ArxivQuery parse(String query) throws MalformedQueryException {
        if (query == null || query.isBlank()) {
            throw new MalformedQueryException("the search query is empty");
        }
        Parser parser = new Parser(tokens(query));
        Node root = parser.query();
        if (parser.pos < parser.tokens.size()) {
            throw new MalformedQueryException("unexpected '" + parser.tokens.get(parser.pos) + "' in " + query);
        }
        return new ArxivQuery(query, root);
    }

    public boolean matches(Paper paper) {
        return score(root, paper) > 0;
    }

    /**
     * How well the paper matches (0: it does not): for each term it matches, the times the term occurs,
     * a title occurrence counting twice; an ANDNOT's right side adds nothing.
     */
    public int relevance(Paper paper) {
        return score(root, paper);
    }

    private static int score(Node node, Paper paper) {
        if (node instanceof Term term) {
            return occurrences(term, paper);
        }
        if (node instanceof DateRange range) {
            return range.contains(paper) ? 1 : 0;
        }
        Binary b = (Binary) node;
        int left = score(b.left(), paper);
        return switch (b.op()) {
            case "OR" -> left + score(b.right(), paper);
            case "AND" -> {
                int right = left == 0 ? 0 : score(b.right(), paper);
                yield left == 0 || right == 0 ? 0 : left + right;
            }
            default -> left == 0 || score(b.right(), paper) > 0 ? 0 : left; // ANDNOT
        };
    }

    private static int occurrences(Term term, Paper paper) {
        List<String> phrase = words(term.value());
        return switch (term.field()) {
            case "cat" -> (int) paper.categories().stream().filter(c -> c.equalsIgnoreCase(term.value().strip())).count();
            case "ti" -> 2 * count(words(paper.title()), phrase);
            case "abs" -> count(words(paper.summary()), phrase);
            case "au" -> (int) paper.authors().stream().filter(a -> sameAuthor(phrase, words(a))).count();
            default -> 2 * count(words(paper.title()), phrase) + count(words(paper.summary()), phrase)
                    + count(words(paper.comment()), phrase)
                    + (int) paper.authors().stream().filter(a -> count(words(a), phrase) > 0).count();
        };
    }

    /** Lower-case words without accents; anything that is not a letter or digit separates words. */
    static List<String> words(String text) {
        if (text == null) {
            return List.of();
        }
        String plain = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        return Arrays.stream(plain.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")).filter(w -> !w.isEmpty()).toList();
    }

    /** How many times the phrase's words stand in order, side by side, in the text. */
    private static int count(List<String> text, List<String> phrase) {
        int n = 0;
        for (int i = 0; !phrase.isEmpty() && i + phrase.size() <= text.size(); i++) {
            int j = 0;
            while (j < phrase.size() && sameWord(phrase.get(j), text.get(i + j))) {
                j++;
            }
            n += j == phrase.size() ? 1 : 0;
        }
        return n;
    }

    /** Equal, or one is the other's plural ("model"/"models", "process"/"processes"). */
    private static boolean sameWord(String a, String b) {
        return a.equals(b) || plural(a, b) || plural(b, a);
    }

    private static boolean plural(String singular, String word) {
        return word.equals(singular + "s") || word.equals(singular + "es");
    }

    /**
     * Every word of the wanted name among the author's words, a one-letter word standing for an initial
     * ({@code "Y Bengio"} finds {@code "Yoshua Bengio"}, not the other way round: as SubscriptionRule matches).
     */
    private static boolean sameAuthor(List<String> wanted, List<String> author) {
        return !wanted.isEmpty() && wanted.stream()
                .allMatch(w -> author.contains(w) || w.length() == 1 && author.stream().anyMatch(a -> a.startsWith(w)));
    }

    @Override
    public String toString() {
        return text;
    }

    /** Splits the query into "(", ")", operators and terms (a term keeps its quotes). */
    private static List<String> tokens(String query) throws MalformedQueryException {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < query.length()) {
            char c = query.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')') {
                tokens.add(String.valueOf(c));
                i++;
            } else {
                int start = i;
                while (i < query.length() && !Character.isWhitespace(query.charAt(i))
                        && query.charAt(i) != '(' && query.charAt(i) != ')') {
                    char open = query.charAt(i);
                    if (open == '"' || open == '[') {
                        int close = query.indexOf(open == '"' ? '"' : ']', i + 1);
                        if (close < 0) {
                            throw new MalformedQueryException((open == '"' ? "unterminated quote" : "unclosed '['")
                                    + " at position " + i + " in " + query);
                        }
                        i = close;
                    }
                    i++;
                }
                tokens.add(query.substring(start, i));
            }
        }
        return tokens;
    }

    private static final class Parser {
        /** Deeper nesting is refused rather than risking the stack. */
        static final int MAX_DEPTH = 50;

        final List<String> tokens;
        int pos;
        int depth;

        Parser(List<String> tokens) {
            this.tokens = tokens;
        }

        private String peek() {
            return pos < tokens.size() ? tokens.get(pos) : null;
        }

        Node query() throws MalformedQueryException {
            Node left = and();
            while ("OR".equals(peek())) {
                pos++;
                left = new Binary("OR", left, and());
            }
            return left;
        }

        private Node and() throws MalformedQueryException {
            Node left = unary();
            while (peek() != null && !"OR".equals(peek()) && !")".equals(peek())) {
                String op = peek();
                if (op.equals("AND") || op.equals("ANDNOT")) {
                    pos++;
                } else {
                    op = "AND";
                }
                left = new Binary(op, left, unary());
            }
            return left;
        }

        private Node unary() throws MalformedQueryException {
            String token = peek();
            if (token == null) {
                throw new MalformedQueryException("the query ends where a term was expected");
            }
            pos++;
            if (token.equals("(")) {
                if (++depth > MAX_DEPTH) {
                    throw new MalformedQueryException("parentheses nested deeper than " + MAX_DEPTH);
                }
                Node inner = query();
                if (!")".equals(peek())) {
                    throw new MalformedQueryException("missing ')'");
                }
                pos++;
                depth--;
                return inner;
            }
            if (token.equals(")") || token.equals("AND") || token.equals("OR") || token.equals("ANDNOT")) {
                throw new MalformedQueryException("'" + token + "' where a term was expected");
            }
            return term(token);
        }

        private static Node term(String token) throws MalformedQueryException {
            int colon = token.indexOf(':');
            String field = "all";
            String value = token;
            if (colon >= 0 && (token.indexOf('"') < 0 || colon < token.indexOf('"'))) {
                field = token.substring(0, colon);
                value = token.substring(colon + 1);
                if (DATE_FIELDS.contains(field)) {
                    return range(field, value);
                }
                if (!PREFIXES.contains(field)) {
                    throw new MalformedQueryException("unknown field prefix '" + field
                            + ":' (known: ti, au, abs, cat, all, submittedDate, lastUpdatedDate)");
                }
            }
            if (value.startsWith("\"")) {
                if (!value.endsWith("\"") || value.length() < 2) {
                    throw new MalformedQueryException("text after a closing quote in " + token);
                }
                value = value.substring(1, value.length() - 1);
            } else if (value.contains("\"")) {
                throw new MalformedQueryException("a quote inside the word " + token);
            } else {
                value = value.replace('_', ' ');
            }
            if (field.equals("cat") ? value.isBlank() : words(value).isEmpty()) {
                throw new MalformedQueryException("nothing to search for in " + token);
            }
            return new Term(field, value);
        }

        private static Node range(String field, String value) throws MalformedQueryException {
            Matcher m = RANGE.matcher(value.replaceAll("\\s+", " "));
            if (!m.matches()) {
                throw new MalformedQueryException(field + " wants [YYYYMMDDTTTT TO YYYYMMDDTTTT], not " + value);
            }
            Instant from = moment(m.group(1), false);
            Instant to = moment(m.group(2), true);
            if (!from.isBefore(to)) {
                throw new MalformedQueryException(field + " range ends before it starts: " + value);
            }
            return new DateRange(field.equals("submittedDate"), from, to);
        }

        /** The range end's first instant, or with {@code end} the first instant after it. */
        private static Instant moment(String digits, boolean end) throws MalformedQueryException {
            boolean day = digits.length() == 8;
            try {
                LocalDateTime t = LocalDateTime.parse(day ? digits + "0000" : digits,
                        DateTimeFormatter.ofPattern("uuuuMMddHHmm"));
                LocalDateTime next = end ? (day ? t.plusDays(1) : t.plusMinutes(1)) : t;
                return next.toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw new MalformedQueryException("no such date or time: " + digits);
            }
        }
    }
}
