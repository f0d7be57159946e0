package io.gatewatch.detect.cti;

import io.gatewatch.detect.cti.StixPattern.LiteralKind;
import io.gatewatch.detect.cti.StixPatternParser.Token;
import java.util.ArrayList;
import java.util.List;

/** Splits pattern text into tokens: one pass, character by character, no regular expressions. */
final class PatternLexer {
    private PatternLexer() {}

    /** A syntax error with its character position; caught by the parser and turned into a value. */
    static final class SyntaxError extends RuntimeException {
        final int position;

        SyntaxError(String message, int position) {
            super(message, null, false, false);
            this.position = position;
        }
    }

    static List<Token> tokens(String s, int maxTokens) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                i++;
                continue;
            }
            if (out.size() >= maxTokens) {
                throw new SyntaxError("pattern has more than " + maxTokens + " tokens", i);
            }
            int start = i;
            switch (c) {
                case '[', ']', '(', ')', ':', '.', ',', '*' -> {
                    out.add(symbol(start, String.valueOf(c)));
                    i++;
                }
                case '=' -> {
                    boolean two = i + 1 < n && s.charAt(i + 1) == '=';
                    out.add(symbol(start, two ? "==" : "="));
                    i += two ? 2 : 1;
                }
                case '!' -> {
                    if (i + 1 < n && s.charAt(i + 1) == '=') {
                        out.add(symbol(start, "!="));
                        i += 2;
                    } else {
                        throw new SyntaxError("'!' must be followed by '='", start);
                    }
                }
                case '<', '>' -> {
                    if (i + 1 < n && (s.charAt(i + 1) == '=' || c == '<' && s.charAt(i + 1) == '>')) {
                        out.add(symbol(start, s.substring(i, i + 2)));
                        i += 2;
                    } else {
                        out.add(symbol(start, String.valueOf(c)));
                        i++;
                    }
                }
                case '\'' -> {
                    StringBuilder b = new StringBuilder();
                    i = quoted(s, i, b);
                    out.add(new Token(start, b.toString(), LiteralKind.STRING, false, false));
                }
                default -> {
                    if ((c == 't' || c == 'h' || c == 'b') && i + 1 < n && s.charAt(i + 1) == '\'') {
                        StringBuilder b = new StringBuilder();
                        i = quoted(s, i + 1, b);
                        LiteralKind kind = c == 't' ? LiteralKind.TIMESTAMP : c == 'h' ? LiteralKind.HEX : LiteralKind.BINARY;
                        checkPrefixed(kind, b.toString(), start);
                        out.add(new Token(start, b.toString(), kind, false, false));
                    } else if (c == '-' || c == '+' || c >= '0' && c <= '9') {
                        i = number(s, i, out);
                    } else if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_') {
                        while (i < n && identifierPart(s.charAt(i))) {
                            i++;
                        }
                        out.add(new Token(start, s.substring(start, i), null, true, false));
                    } else {
                        throw new SyntaxError("unexpected character '" + c + "'", start);
                    }
                }
            }
        }
        return out;
    }

    private static Token symbol(int at, String text) {
        return new Token(at, text, null, false, true);
    }

    private static boolean identifierPart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-';
    }

    /** Reads {@code '…'} starting at the quote; {@code \'} and {@code \\} are the only escapes. */
    private static int quoted(String s, int quote, StringBuilder into) {
        int i = quote + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\') {
                if (i + 1 < s.length() && (s.charAt(i + 1) == '\'' || s.charAt(i + 1) == '\\')) {
                    into.append(s.charAt(i + 1));
                    i += 2;
                    continue;
                }
                throw new SyntaxError("invalid escape in string: only \\' and \\\\ are allowed", i);
            }
            if (c == '\'') {
                return i + 1;
            }
            into.append(c);
            i++;
        }
        throw new SyntaxError("unterminated string literal", quote);
    }

    private static int number(String s, int i, List<Token> out) {
        int start = i;
        if (s.charAt(i) == '-' || s.charAt(i) == '+') {
            i++;
        }
        int digits = i;
        while (i < s.length() && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) {
            i++;
        }
        if (i == digits) {
            throw new SyntaxError("expected a digit", i);
        }
        LiteralKind kind = LiteralKind.INTEGER;
        if (i < s.length() && s.charAt(i) == '.' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1))) {
            i++;
            while (i < s.length() && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) {
                i++;
            }
            kind = LiteralKind.FLOAT;
        }
        if (i - start > 40) {
            throw new SyntaxError("number too long", start);
        }
        out.add(new Token(start, s.substring(start, i), kind, false, false));
        return i;
    }

    private static void checkPrefixed(LiteralKind kind, String text, int at) {
        switch (kind) {
            case TIMESTAMP -> {
                // STIX timestamps: YYYY-MM-DDTHH:MM:SS[.s+]Z, always UTC.
                if (CtiTime.parseOrMin(text) == Long.MIN_VALUE) {
                    throw new SyntaxError("invalid timestamp '" + text + "': expected YYYY-MM-DDTHH:MM:SS[.fraction]Z", at);
                }
            }
            case HEX -> {
                if (text.length() % 2 != 0) {
                    throw new SyntaxError("hex literal needs an even number of digits", at);
                }
                for (int k = 0; k < text.length(); k++) {
                    if (Character.digit(text.charAt(k), 16) < 0) {
                        throw new SyntaxError("invalid hex digit '" + text.charAt(k) + "'", at + 2 + k);
                    }
                }
            }
            case BINARY -> {
                for (int k = 0; k < text.length(); k++) {
                    char c = text.charAt(k);
                    if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/' || c == '=')) {
                        throw new SyntaxError("invalid base64 character '" + c + "'", at + 2 + k);
                    }
                }
            }
            default -> { }
        }
    }
}
