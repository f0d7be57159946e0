package io.gatewatch.detect.cti;

import io.gatewatch.detect.cti.StixPattern.Comparison;
import io.gatewatch.detect.cti.StixPattern.Composite;
import io.gatewatch.detect.cti.StixPattern.Expression;
import io.gatewatch.detect.cti.StixPattern.Invalid;
import io.gatewatch.detect.cti.StixPattern.Junction;
import io.gatewatch.detect.cti.StixPattern.Literal;
import io.gatewatch.detect.cti.StixPattern.LiteralKind;
import io.gatewatch.detect.cti.StixPattern.Observation;
import io.gatewatch.detect.cti.StixPattern.ObservationOperator;
import io.gatewatch.detect.cti.StixPattern.ParseResult;
import io.gatewatch.detect.cti.StixPattern.Parsed;
import io.gatewatch.detect.cti.StixPattern.Qualifier;
import io.gatewatch.detect.cti.StixPattern.QualifierKind;
import io.gatewatch.detect.cti.StixPattern.Test;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A recursive-descent parser of the STIX 2.1 patterning language (STIX 2.1 §9, and the OASIS
 * grammar {@code STIXPattern.g4}). Precedence, loosest first: {@code FOLLOWEDBY}, {@code OR},
 * {@code AND} between observations; {@code OR}, {@code AND} inside brackets. Keywords are
 * case-insensitive.
 *
 * <p>Patterns come from feeds, so they are untrusted: length, token count and nesting are bounded,
 * and every error comes back as an {@link Invalid} with its character position, never thrown.
 */
public final class StixPatternParser {
    static final int MAX_LENGTH = 64 * 1024;
    static final int MAX_DEPTH = 32;
    static final int MAX_TOKENS = 16 * 1024;

    private final List<Token> tokens;
    private final int end;
    private int pos;
    private int depth;

    private StixPatternParser(List<Token> tokens, int end) {
        this.tokens = tokens;
        this.end = end;
    }

    /** Parses a whole pattern. */
    public static ParseResult parse(String text) {
        if (text == null) {
            return new Invalid(0, "pattern is missing");
        }
        if (text.length() > MAX_LENGTH) {
            return new Invalid(MAX_LENGTH, "pattern longer than " + MAX_LENGTH + " characters");
        }
        try {
            StixPatternParser p = new StixPatternParser(PatternLexer.tokens(text, MAX_TOKENS), text.length());
            Expression e = p.observationExpression();
            if (p.pos < p.tokens.size()) {
                throw p.error("unexpected " + p.peek().describe() + " after the end of the pattern");
            }
            return new Parsed(e);
        } catch (PatternLexer.SyntaxError e) {
            return new Invalid(e.position, e.getMessage());
        }
    }

    // observationExpression := or ('FOLLOWEDBY' or)*
    private Expression observationExpression() {
        return joined(ObservationOperator.FOLLOWEDBY);
    }

    private Expression joined(ObservationOperator op) {
        Expression first = op == ObservationOperator.FOLLOWEDBY ? joined(ObservationOperator.OR)
                : op == ObservationOperator.OR ? joined(ObservationOperator.AND) : observationUnit();
        if (!peekKeyword(op.name())) {
            return first;
        }
        List<Expression> parts = new ArrayList<>();
        parts.add(first);
        while (peekKeyword(op.name())) {
            pos++;
            parts.add(op == ObservationOperator.FOLLOWEDBY ? joined(ObservationOperator.OR)
                    : op == ObservationOperator.OR ? joined(ObservationOperator.AND) : observationUnit());
        }
        return new Composite(op, parts, List.of());
    }

    // unit := ('[' comparison ']' | '(' observationExpression ')') qualifier*
    private Expression observationUnit() {
        Token t = next("'[' or '('");
        enter(t);
        Expression e;
        if (t.is("[")) {
            Comparison c = comparisonOr();
            expect("]");
            e = new Observation(c, qualifiers());
        } else if (t.is("(")) {
            Expression inner = observationExpression();
            expect(")");
            List<Qualifier> q = qualifiers();
            e = q.isEmpty() ? inner
                    : inner instanceof Composite comp ? new Composite(comp.operator(), comp.parts(), q)
                    : new Observation(((Observation) inner).comparison(), concat(inner.qualifiers(), q));
        } else {
            throw error("expected '[' or '(' but found " + t.describe(), t);
        }
        depth--;
        return e;
    }

    private List<Qualifier> qualifiers() {
        List<Qualifier> q = new ArrayList<>();
        while (pos < tokens.size()) {
            if (peekKeyword("WITHIN")) {
                pos++;
                Token n = number("a number of seconds after WITHIN");
                expectKeyword("SECONDS");
                q.add(new Qualifier(QualifierKind.WITHIN, n.text, null));
            } else if (peekKeyword("REPEATS")) {
                pos++;
                Token n = next("a count after REPEATS");
                if (n.kind != LiteralKind.INTEGER || n.text.startsWith("-")) {
                    throw error("expected a positive integer after REPEATS but found " + n.describe(), n);
                }
                expectKeyword("TIMES");
                q.add(new Qualifier(QualifierKind.REPEATS, n.text, null));
            } else if (peekKeyword("START")) {
                pos++;
                Token start = timestamp("START");
                expectKeyword("STOP");
                Token stop = timestamp("STOP");
                q.add(new Qualifier(QualifierKind.START_STOP, start.text, stop.text));
            } else {
                break;
            }
        }
        return q;
    }

    private Comparison comparisonOr() {
        Comparison first = comparisonAnd();
        if (!peekKeyword("OR")) {
            return first;
        }
        List<Comparison> parts = new ArrayList<>();
        parts.add(first);
        while (peekKeyword("OR")) {
            pos++;
            parts.add(comparisonAnd());
        }
        return new Junction(false, parts);
    }

    private Comparison comparisonAnd() {
        Comparison first = propertyTest();
        if (!peekKeyword("AND")) {
            return first;
        }
        List<Comparison> parts = new ArrayList<>();
        parts.add(first);
        while (peekKeyword("AND")) {
            pos++;
            parts.add(propertyTest());
        }
        return new Junction(true, parts);
    }

    // test := '(' comparison ')' | EXISTS path | path [NOT] operator literal
    private Comparison propertyTest() {
        Token t = next("a property test");
        if (t.is("(")) {
            enter(t);
            Comparison c = comparisonOr();
            expect(")");
            depth--;
            return c;
        }
        if (t.isKeyword("EXISTS")) {
            Token typeToken = next("an object path after EXISTS");
            List<String> path = new ArrayList<>();
            String type = objectPath(typeToken, path);
            return new Test(type, path, false, "EXISTS", List.of());
        }
        List<String> path = new ArrayList<>();
        String type = objectPath(t, path);
        boolean negated = false;
        if (peekKeyword("NOT")) {
            pos++;
            negated = true;
        }
        Token op = next("a comparison operator");
        String operator = operator(op);
        List<Literal> values;
        if (operator.equals("IN")) {
            values = set();
        } else {
            Token lit = next("a literal after " + operator);
            values = List.of(literal(lit));
            if ((operator.equals("LIKE") || operator.equals("MATCHES") || operator.equals("ISSUBSET")
                    || operator.equals("ISSUPERSET")) && lit.kind != LiteralKind.STRING) {
                throw error(operator + " takes a string literal, found " + lit.describe(), lit);
            }
            if (operator.startsWith("<") || operator.startsWith(">")) {
                if (lit.kind == LiteralKind.BOOLEAN || lit.kind == LiteralKind.BINARY) {
                    throw error(operator + " takes an orderable literal, found " + lit.describe(), lit);
                }
            }
        }
        return new Test(type, path, negated, operator, values);
    }

    private String objectPath(Token typeToken, List<String> path) {
        if (typeToken.kind != null || !typeToken.identifier) {
            throw error("expected an object type such as ipv4-addr but found " + typeToken.describe(), typeToken);
        }
        String type = typeToken.text;
        if (!validObjectType(type)) {
            throw error("invalid object type '" + type + "'", typeToken);
        }
        expect(":");
        Token first = next("a property name after ':'");
        path.add(propertyName(first));
        while (pos < tokens.size()) {
            Token t = tokens.get(pos);
            if (t.is(".")) {
                pos++;
                path.add(propertyName(next("a property name after '.'")));
            } else if (t.is("[") && pos + 2 < tokens.size() && tokens.get(pos + 2).is("]")) {
                Token index = tokens.get(pos + 1);
                if (!index.is("*") && index.kind != LiteralKind.INTEGER) {
                    throw error("expected a list index or '*' but found " + index.describe(), index);
                }
                path.add("[" + index.text + "]");
                pos += 3;
            } else {
                break;
            }
        }
        return type;
    }

    private String propertyName(Token t) {
        if (t.identifier || t.kind == LiteralKind.STRING) {
            return t.text;
        }
        throw error("expected a property name but found " + t.describe(), t);
    }

    private static boolean validObjectType(String type) {
        if (type.length() < 2 || type.length() > 250 || type.startsWith("-") || type.endsWith("-")) {
            return false;
        }
        for (int i = 0; i < type.length(); i++) {
            char c = type.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private String operator(Token op) {
        if (op.symbol) {
            return switch (op.text) {
                case "=", "==" -> "=";
                case "!=", "<>" -> "!=";
                case "<", "<=", ">", ">=" -> op.text;
                default -> throw error("expected a comparison operator but found " + op.describe(), op);
            };
        }
        if (op.identifier) {
            String k = op.text.toUpperCase(Locale.ROOT);
            switch (k) {
                case "IN", "LIKE", "MATCHES", "ISSUBSET", "ISSUPERSET" -> {
                    return k;
                }
                default -> { }
            }
        }
        throw error("expected a comparison operator (=, !=, <, IN, LIKE, MATCHES, ISSUBSET, ...) but found " + op.describe(), op);
    }

    private List<Literal> set() {
        expect("(");
        List<Literal> values = new ArrayList<>();
        do {
            values.add(literal(next("a literal in the set")));
        } while (accept(","));
        expect(")");
        return values;
    }

    private Literal literal(Token t) {
        if (t.kind == null) {
            if (t.identifier && (t.text.equalsIgnoreCase("true") || t.text.equalsIgnoreCase("false"))) {
                return new Literal(LiteralKind.BOOLEAN, t.text.toLowerCase(Locale.ROOT));
            }
            throw error("expected a literal but found " + t.describe(), t);
        }
        return new Literal(t.kind, t.text);
    }

    private Token number(String what) {
        Token n = next(what);
        if (n.kind != LiteralKind.INTEGER && n.kind != LiteralKind.FLOAT || n.text.startsWith("-")) {
            throw error("expected " + what + " but found " + n.describe(), n);
        }
        return n;
    }

    private Token timestamp(String after) {
        Token t = next("a timestamp t'…' after " + after);
        if (t.kind != LiteralKind.TIMESTAMP) {
            throw error("expected a timestamp t'…' after " + after + " but found " + t.describe(), t);
        }
        return t;
    }

    private void enter(Token t) {
        if (++depth > MAX_DEPTH) {
            throw error("pattern nested deeper than " + MAX_DEPTH, t);
        }
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private boolean peekKeyword(String keyword) {
        return pos < tokens.size() && tokens.get(pos).isKeyword(keyword);
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private boolean accept(String symbol) {
        if (pos < tokens.size() && tokens.get(pos).is(symbol)) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(String symbol) {
        Token t = next("'" + symbol + "'");
        if (!t.is(symbol)) {
            throw error("expected '" + symbol + "' but found " + t.describe(), t);
        }
    }

    private void expectKeyword(String keyword) {
        Token t = next(keyword);
        if (!t.isKeyword(keyword)) {
            throw error("expected " + keyword + " but found " + t.describe(), t);
        }
    }

    private Token next(String what) {
        if (pos >= tokens.size()) {
            throw new PatternLexer.SyntaxError("expected " + what + " but the pattern ended", end);
        }
        return tokens.get(pos++);
    }

    private PatternLexer.SyntaxError error(String message) {
        return error(message, peek());
    }

    private static PatternLexer.SyntaxError error(String message, Token at) {
        return new PatternLexer.SyntaxError(message, at.position);
    }

    /**
     * One token: a symbol ({@code [ ] ( ) : . , = != …}), an identifier or keyword, or a literal
     * ({@code kind} set, {@code text} unescaped).
     */
    record Token(int position, String text, LiteralKind kind, boolean identifier, boolean symbol) {
        boolean is(String s) {
            return symbol && text.equals(s);
        }

        boolean isKeyword(String k) {
            return identifier && text.equalsIgnoreCase(k);
        }

        String describe() {
            if (kind == LiteralKind.STRING) {
                return "string '" + abbreviate(text) + "'";
            }
            return "'" + abbreviate(text) + "'";
        }

        private static String abbreviate(String s) {
            return s.length() <= 40 ? s : s.substring(0, 40) + "…";
        }
    }
}
