package io.gatewatch.detect.sigma;

import io.gatewatch.detect.match.Expr;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses a Sigma condition and inlines the search identifiers it names, by recursive descent:
 *
 * <pre>
 * or      = and { "or" and }
 * and     = not { "and" not }
 * not     = "not" not | primary
 * primary = "(" or ")" | ("1" | "any" | "all") "of" (pattern | "them") | identifier
 * </pre>
 *
 * Precedence, loosest first: or, and, not, x of, parentheses (rules specification, Condition).
 * {@code them} is every identifier not starting with {@code _}; a pattern matches identifier
 * names with {@code *} anywhere. Keywords are case-insensitive. Errors give the position (1-based
 * char) in the condition.
 */
final class ConditionParser {
    private static final String AGGREGATION = "aggregations ('| count() ...') are obsolete: write a correlation rule";

    private final String text;
    private final Map<String, Expr> selections;
    private final List<Token> tokens;
    private int pos;
    private int depth;

    private record Token(String text, int at) {
        boolean is(String keyword) {
            return text.toLowerCase(Locale.ROOT).equals(keyword);
        }
    }

    private ConditionParser(String text, Map<String, Expr> selections) {
        this.text = text;
        this.selections = selections;
        this.tokens = tokens(text);
    }

    /**
     * @param condition the condition text
     * @param selections the rule's search identifiers, in order, as expressions
     * @throws IllegalArgumentException with the position and the reason
     */
    static Expr parse(String condition, Map<String, Expr> selections) {
        if (condition.length() > Limits.MAX_CONDITION_CHARS) {
            throw new IllegalArgumentException("condition longer than " + Limits.MAX_CONDITION_CHARS + " chars");
        }
        ConditionParser p = new ConditionParser(condition, selections);
        if (p.tokens.isEmpty()) {
            throw new IllegalArgumentException("empty condition");
        }
        Expr e = p.or();
        if (p.pos < p.tokens.size()) {
            Token t = p.tokens.get(p.pos);
            throw p.error(t.at(), switch (t.text()) {
                case ")" -> "unbalanced ')'";
                case "|" -> AGGREGATION;
                default -> "expected 'and', 'or' or the end, found '" + t.text() + "'";
            });
        }
        return e;
    }

    private static List<Token> tokens(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')' || c == '|') {
                out.add(new Token(String.valueOf(c), i));
                i++;
            } else {
                int start = i;
                while (i < s.length() && !Character.isWhitespace(s.charAt(i)) && "()|".indexOf(s.charAt(i)) < 0) {
                    i++;
                }
                out.add(new Token(s.substring(start, i), start));
            }
        }
        return out;
    }

    private Expr or() {
        List<Expr> operands = new ArrayList<>();
        operands.add(and());
        while (peek("or")) {
            pos++;
            operands.add(and());
        }
        return Expr.or(operands);
    }

    private Expr and() {
        List<Expr> operands = new ArrayList<>();
        operands.add(not());
        while (peek("and")) {
            pos++;
            operands.add(not());
        }
        return Expr.and(operands);
    }

    private Expr not() {
        if (peek("not")) {
            pos++;
            enter();
            Expr e = Expr.not(not());
            depth--;
            return e;
        }
        return primary();
    }

    private Expr primary() {
        Token t = next("a search identifier, 'not', '(' or '1 of'");
        if (t.text().equals("(")) {
            enter();
            Expr e = or();
            Token close = pos < tokens.size() ? tokens.get(pos) : null;
            if (close == null || !close.text().equals(")")) {
                throw error(close == null ? text.length() : close.at(), "expected ')' to close the '(' at "
                        + (t.at() + 1));
            }
            pos++;
            depth--;
            return e;
        }
        if (t.text().equals("|")) {
            throw error(t.at(), AGGREGATION);
        }
        if (t.text().equals(")")) {
            throw error(t.at(), "unexpected ')'");
        }
        if ((t.is("1") || t.is("any") || t.is("all")) && peek("of")) {
            pos++;
            Token target = next("a search identifier pattern or 'them' after 'of'");
            List<Expr> matched = quantified(target);
            return t.is("all") ? Expr.and(matched) : Expr.or(matched);
        }
        if (t.is("and") || t.is("or") || t.is("of")) {
            throw error(t.at(), "expected a search identifier, found '" + t.text() + "'");
        }
        if (t.is("them") || t.is("not")) {
            throw error(t.at(), "'" + t.text() + "' cannot stand here");
        }
        Expr e = selections.get(t.text());
        if (e == null) {
            throw error(t.at(), "unknown search identifier '" + t.text() + "'");
        }
        return e;
    }

    private List<Expr> quantified(Token target) {
        List<Expr> out = new ArrayList<>();
        if (target.is("them")) {
            selections.forEach((name, e) -> {
                if (!name.startsWith("_")) {
                    out.add(e);
                }
            });
            if (out.isEmpty()) {
                throw error(target.at(), "'them': the rule has no search identifier (not starting with '_')");
            }
            return out;
        }
        if ("()|".contains(target.text())) {
            throw error(target.at(), "expected a search identifier pattern or 'them' after 'of'");
        }
        selections.forEach((name, e) -> {
            if (globMatches(target.text(), name)) {
                out.add(e);
            }
        });
        if (out.isEmpty()) {
            throw error(target.at(), "no search identifier matches '" + target.text() + "'");
        }
        return out;
    }

    /** Identifier patterns have only {@code *}; matched greedily segment by segment. */
    static boolean globMatches(String pattern, String name) {
        String[] parts = pattern.split("\\*", -1);
        if (parts.length == 1) {
            return pattern.equals(name);
        }
        if (!name.startsWith(parts[0])) {
            return false;
        }
        int from = parts[0].length();
        for (int i = 1; i < parts.length - 1; i++) {
            int at = name.indexOf(parts[i], from);
            if (at < 0) {
                return false;
            }
            from = at + parts[i].length();
        }
        String last = parts[parts.length - 1];
        return name.length() - from >= last.length() && name.endsWith(last);
    }

    private void enter() {
        if (++depth > Limits.MAX_CONDITION_DEPTH) {
            throw error(tokens.get(Math.max(0, pos - 1)).at(), "nested deeper than " + Limits.MAX_CONDITION_DEPTH
                    + " levels");
        }
    }

    private boolean peek(String keyword) {
        return pos < tokens.size() && tokens.get(pos).is(keyword);
    }

    private Token next(String expected) {
        if (pos == tokens.size()) {
            throw error(text.length(), "expected " + expected + " at the end");
        }
        return tokens.get(pos++);
    }

    private IllegalArgumentException error(int at, String message) {
        return new IllegalArgumentException("condition, at char " + (at + 1) + ": " + message);
    }
}
