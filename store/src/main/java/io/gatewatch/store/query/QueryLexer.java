package io.gatewatch.store.query;

import io.gatewatch.store.query.QueryNode.Bound;
import io.gatewatch.store.query.Token.Kind;

/**
 * Cuts the query text into tokens, one at a time, for {@link QueryParser}. Hand-written: one
 * pass over the chars, no regular expressions, no backtracking.
 *
 * <p>It has two modes. {@link #next()} reads anywhere in the query, where a word followed by
 * {@code :} is a field name and {@code AND}/{@code OR}/{@code NOT}/{@code -}/{@code +}/{@code !}
 * are operators. {@link #nextValue} reads the value right after {@code field:}, where there are
 * no operators and {@code :} is an ordinary char, so that IPv6 addresses and times need no
 * escaping there ({@code source.ip:2001:db8::1}, {@code @timestamp:>2026-11-23T10:00:00Z}).
 */
final class QueryLexer {
    private final String input;
    private final int length;
    private int pos;

    QueryLexer(String input) {
        this.input = input;
        this.length = input.length();
    }

    /** The next token anywhere in the query. */
    Token next() {
        skipWhitespace();
        if (pos >= length) {
            return Token.of(Kind.EOF, length, "");
        }
        int start = pos;
        char c = input.charAt(pos);
        switch (c) {
            case '(' -> {
                pos++;
                return Token.of(Kind.LPAREN, start, "(");
            }
            case ')' -> {
                pos++;
                return Token.of(Kind.RPAREN, start, ")");
            }
            case '"' -> {
                return phrase();
            }
            case '/' -> {
                return regex();
            }
            case '[', '{' -> {
                return range();
            }
            case '>', '<' -> {
                return comparison();
            }
            case ']', '}' -> throw new QuerySyntaxException(start, "unexpected '" + c + "' outside a range");
            case ':' -> throw new QuerySyntaxException(start, "expected a field name before ':'");
            case '^', '~' -> throw reserved(start, c);
            case '!' -> {
                pos++;
                return Token.of(Kind.NOT, start, "!");
            }
            case '-', '+' -> {
                pos++;
                if (pos >= length || isWhitespace(input.charAt(pos))) {
                    throw new QuerySyntaxException(start, "dangling operator '" + c
                            + "': put the clause right after it, as in " + c + "field:value");
                }
                return Token.of(c == '-' ? Kind.MINUS : Kind.PLUS, start, String.valueOf(c));
            }
            case '&', '|' -> {
                if (pos + 1 < length && input.charAt(pos + 1) == c) {
                    pos += 2;
                    return Token.of(c == '&' ? Kind.AND : Kind.OR, start, c == '&' ? "&&" : "||");
                }
                return word(false);
            }
            default -> {
                return word(false);
            }
        }
    }

    /**
     * The value after {@code field:} (the lexer stands right after the colon): a word, a phrase,
     * a regex, a range, a comparison, or the {@code (} of a field group.
     */
    Token nextValue(Token field) {
        skipWhitespace();
        if (pos >= length) {
            throw new QuerySyntaxException(length, "expected a value after '" + field.text() + ":'");
        }
        int start = pos;
        char c = input.charAt(pos);
        return switch (c) {
            case '(' -> {
                pos++;
                yield Token.of(Kind.LPAREN, start, "(");
            }
            case ')' -> throw new QuerySyntaxException(start, "expected a value after '" + field.text() + ":'");
            case '"' -> phrase();
            case '/' -> regex();
            case '[', '{' -> range();
            case '>', '<' -> comparison();
            case ']', '}' -> throw new QuerySyntaxException(start, "unexpected '" + c + "' outside a range");
            case '^', '~' -> throw reserved(start, c);
            default -> word(true);
        };
    }

    /**
     * A bare word. Outside values it stops at {@code :} and becomes a field name; the
     * keywords {@code AND OR NOT}, unescaped, become operators.
     */
    private Token word(boolean valueMode) {
        int start = pos;
        StringBuilder text = new StringBuilder();
        StringBuilder pattern = new StringBuilder();
        boolean wildcard = false;
        boolean escaped = false;
        while (pos < length) {
            char c = input.charAt(pos);
            if (isWhitespace(c) || c == '(' || c == ')' || c == '"' || (c == ':' && !valueMode)) {
                break;
            }
            switch (c) {
                case '\\' -> {
                    if (pos + 1 >= length) {
                        throw new QuerySyntaxException(pos, "dangling escape '\\' at the end of the query");
                    }
                    char e = input.charAt(pos + 1);
                    text.append(e);
                    if (e == '*' || e == '?' || e == '\\') {
                        pattern.append('\\');
                    }
                    pattern.append(e);
                    escaped = true;
                    pos += 2;
                    continue;
                }
                case '[', ']', '{', '}' -> throw new QuerySyntaxException(pos, "'" + c
                        + "' is reserved for ranges: escape it as \\" + c + " or quote the value");
                case '^', '~' -> throw reserved(pos, c);
                case '*', '?' -> wildcard = true;
                default -> { }
            }
            text.append(c);
            pattern.append(c);
            pos++;
        }
        String word = text.toString();
        String wildcardPattern = wildcard ? pattern.toString() : null;
        if (!valueMode && pos < length && input.charAt(pos) == ':') {
            pos++;
            return new Token(Kind.FIELD, start, word, wildcardPattern, null, null);
        }
        if (!valueMode && !escaped) {
            switch (word) {
                case "AND" -> {
                    return Token.of(Kind.AND, start, word);
                }
                case "OR" -> {
                    return Token.of(Kind.OR, start, word);
                }
                case "NOT" -> {
                    return Token.of(Kind.NOT, start, word);
                }
                default -> { }
            }
        }
        return new Token(Kind.WORD, start, word, wildcardPattern, null, null);
    }

    /** A {@code "quoted phrase"}; a backslash escapes the next char, {@code \"} included. */
    private Token phrase() {
        int start = pos;
        return new Token(Kind.PHRASE, start, quoted(), null, null, null);
    }

    private String quoted() {
        int start = pos;
        pos++;
        StringBuilder text = new StringBuilder();
        while (true) {
            if (pos >= length) {
                throw new QuerySyntaxException(start, "unterminated quoted phrase: missing closing '\"'");
            }
            char c = input.charAt(pos);
            if (c == '"') {
                pos++;
                return text.toString();
            }
            if (c == '\\') {
                if (pos + 1 >= length) {
                    throw new QuerySyntaxException(start, "unterminated quoted phrase: missing closing '\"'");
                }
                text.append(input.charAt(pos + 1));
                pos += 2;
                continue;
            }
            text.append(c);
            pos++;
        }
    }

    /**
     * A {@code /regular expression/}. Backslash escapes stay in the body, where Lucene's regex
     * syntax reads them ({@code \/} is a slash there too).
     */
    private Token regex() {
        int start = pos;
        pos++;
        int bodyStart = pos;
        while (true) {
            if (pos >= length) {
                throw new QuerySyntaxException(start, "unterminated regular expression: missing closing '/'");
            }
            char c = input.charAt(pos);
            if (c == '\\') {
                if (pos + 1 >= length) {
                    throw new QuerySyntaxException(start, "unterminated regular expression: missing closing '/'");
                }
                pos += 2;
                continue;
            }
            if (c == '/') {
                break;
            }
            pos++;
        }
        String body = input.substring(bodyStart, pos);
        pos++;
        if (body.isEmpty()) {
            throw new QuerySyntaxException(start, "empty regular expression");
        }
        if (pos < length && !isWhitespace(input.charAt(pos)) && input.charAt(pos) != ')') {
            // Most likely a path such as /dana-na/auth/welcome.cgi, which would silently become a
            // regex and a word: say how to search it instead.
            throw new QuerySyntaxException(start, "a value starting with '/' is a regular expression, and this one "
                    + "ends before '" + input.charAt(pos) + "': to search a path, quote it or escape its first '/' as \\/");
        }
        return Token.of(Kind.REGEX, start, body);
    }

    /** {@code [a TO b]}, {@code {a TO b}} or a mix; {@code *} as a bound leaves that end open. */
    private Token range() {
        int start = pos;
        boolean lowerInclusive = input.charAt(pos) == '[';
        pos++;
        skipWhitespace();
        RawBound lower = bound(start);
        skipWhitespace();
        if (!(input.startsWith("TO", pos) && pos + 2 < length && isWhitespace(input.charAt(pos + 2)))) {
            throw new QuerySyntaxException(pos, "expected 'TO' in the range opened at " + start);
        }
        pos += 2;
        skipWhitespace();
        RawBound upper = bound(start);
        skipWhitespace();
        if (pos >= length || (input.charAt(pos) != ']' && input.charAt(pos) != '}')) {
            throw new QuerySyntaxException(pos, "expected ']' or '}' to close the range opened at " + start);
        }
        boolean upperInclusive = input.charAt(pos) == ']';
        pos++;
        return new Token(Kind.RANGE, start, input.substring(start, pos), null,
                lower.toBound(lowerInclusive), upper.toBound(upperInclusive));
    }

    private record RawBound(String text, int position, boolean open) {
        Bound toBound(boolean inclusive) {
            return open ? null : new Bound(text, inclusive, position);
        }
    }

    /** One range bound: a quoted phrase or a bare run up to a space or the closing bracket. */
    private RawBound bound(int rangeStart) {
        int start = pos;
        if (pos >= length || input.charAt(pos) == ']' || input.charAt(pos) == '}') {
            throw new QuerySyntaxException(pos, "missing bound in the range opened at " + rangeStart);
        }
        if (input.charAt(pos) == '"') {
            return new RawBound(quoted(), start, false);
        }
        StringBuilder text = new StringBuilder();
        boolean escaped = false;
        while (pos < length) {
            char c = input.charAt(pos);
            if (isWhitespace(c) || c == ']' || c == '}') {
                break;
            }
            if (c == '\\') {
                if (pos + 1 >= length) {
                    throw new QuerySyntaxException(pos, "dangling escape '\\' at the end of the query");
                }
                text.append(input.charAt(pos + 1));
                escaped = true;
                pos += 2;
                continue;
            }
            text.append(c);
            pos++;
        }
        String value = text.toString();
        return new RawBound(value, start, !escaped && value.equals("*"));
    }

    /** {@code >x}, {@code >=x}, {@code <x}, {@code <=x}: a range open on one side. */
    private Token comparison() {
        int start = pos;
        char c = input.charAt(pos);
        pos++;
        boolean inclusive = pos < length && input.charAt(pos) == '=';
        if (inclusive) {
            pos++;
        }
        String op = input.substring(start, pos);
        skipWhitespace();
        int valueStart = pos;
        if (pos >= length) {
            throw new QuerySyntaxException(pos, "expected a value after '" + op + "'");
        }
        String value;
        char first = input.charAt(pos);
        if (first == '"') {
            value = quoted();
        } else if (first == '(' || first == ')' || first == '[' || first == '{' || first == '/'
                || first == '>' || first == '<') {
            throw new QuerySyntaxException(pos, "expected a value after '" + op + "'");
        } else {
            Token word = word(true);
            if (word.wildcard() != null) {
                throw new QuerySyntaxException(valueStart, "wildcards cannot follow '" + op
                        + "': escape them or quote the value");
            }
            value = word.text();
        }
        Bound bound = new Bound(value, inclusive, valueStart);
        return c == '>'
                ? new Token(Kind.RANGE, start, op, null, bound, null)
                : new Token(Kind.RANGE, start, op, null, null, bound);
    }

    private static QuerySyntaxException reserved(int position, char c) {
        String what = c == '~' ? "fuzzy and proximity searches are" : "boosts are";
        return new QuerySyntaxException(position, "'" + c + "' is reserved (" + what
                + " not supported): escape it as \\" + c + " or quote the value");
    }

    private void skipWhitespace() {
        while (pos < length && isWhitespace(input.charAt(pos))) {
            pos++;
        }
    }

    static boolean isWhitespace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }
}
