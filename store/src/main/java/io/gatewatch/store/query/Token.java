package io.gatewatch.store.query;

/**
 * One token of the query text, as {@link QueryLexer} cuts it.
 *
 * @param kind what it is
 * @param start offset of its first char in the query text
 * @param text the word, field name or phrase unescaped, the regex body, or the operator as typed
 * @param wildcard for a word with unescaped {@code *} or {@code ?}: the word in Lucene's wildcard
 *     syntax (literal {@code * ? \} escaped); null otherwise
 * @param lower for a range or comparison: its lower bound, null when open
 * @param upper for a range or comparison: its upper bound, null when open
 */
record Token(Kind kind, int start, String text, String wildcard, QueryNode.Bound lower, QueryNode.Bound upper) {
    enum Kind {
        LPAREN, RPAREN, AND, OR, NOT, MINUS, PLUS,
        /** A field name; the lexer has consumed the {@code :} after it. */
        FIELD,
        WORD, PHRASE, REGEX,
        /** A bracketed range or a comparison ({@code >x}): the bounds are set. */
        RANGE,
        EOF
    }

    static Token of(Kind kind, int start, String text) {
        return new Token(kind, start, text, null, null, null);
    }

    /** How the token reads in an error message. */
    String describe() {
        return switch (kind) {
            case EOF -> "the end of the query";
            case PHRASE -> "a quoted phrase";
            case REGEX -> "a regular expression";
            case RANGE -> "a range";
            case FIELD -> "'" + text + ":'";
            default -> "'" + text + "'";
        };
    }
}
