package dev.paperledge.testkit;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The subset of arXiv's {@code search_query} language the {@link ArxivStandIn} understands (arXiv API
 * user manual §5.1), parsed by recursive descent:
 *
 * <pre>
 *   query  := and ( "OR" and )*
 *   and    := unary ( ( "AND" | "ANDNOT" )? unary )*      (two terms side by side: AND)
 *   unary  := "(" query ")" | term
 *   term   := [ prefix ":" ] ( word | "\"" phrase "\"" )  prefix: ti au abs cat all (none: all)
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
 * so a poll finds what the topic's feed will hold.
 */
public final class ArxivQuery {

    /** The fields of one paper a query looks at. */
    public record Paper(String title, String summary, List<String> authors, List<String> categories, String comment) {
    }

    /** A query arXiv would refuse; the message says what is wrong and where. */
    public static final class MalformedQueryException extends Exception {
        public MalformedQueryException(String message) {
            super(message);
        }
    }

    private static final Set<String> PREFIXES = Set.of("ti", "au", "abs", "cat", "all");

    private sealed interface Node permits Term, Binary {
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
                    if (query.charAt(i) == '"') {
                        int close = query.indexOf('"', i + 1);
                        if (close < 0) {
                            throw new MalformedQueryException("unterminated quote at position " + i + " in " + query);
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
        final List<String> tokens;
        int pos;

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
                Node inner = query();
                if (!")".equals(peek())) {
                    throw new MalformedQueryException("missing ')'");
                }
                pos++;
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
                if (!PREFIXES.contains(field)) {
                    throw new MalformedQueryException("unknown field prefix '" + field + ":' (known: ti, au, abs, cat, all)");
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
    }
}
