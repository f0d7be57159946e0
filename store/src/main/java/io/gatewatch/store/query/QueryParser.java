package io.gatewatch.store.query;

import io.gatewatch.store.query.QueryNode.And;
import io.gatewatch.store.query.QueryNode.Exists;
import io.gatewatch.store.query.QueryNode.Match;
import io.gatewatch.store.query.QueryNode.MatchAll;
import io.gatewatch.store.query.QueryNode.Not;
import io.gatewatch.store.query.QueryNode.Or;
import io.gatewatch.store.query.QueryNode.Range;
import io.gatewatch.store.query.QueryNode.Regex;
import io.gatewatch.store.query.QueryNode.Wildcard;
import io.gatewatch.store.query.Token.Kind;
import io.gatewatch.store.schema.StoreFields;
import java.util.ArrayList;
import java.util.List;

/**
 * Recursive descent over the tokens of {@link QueryLexer}, one token of look-ahead:
 *
 * <pre>
 * query   = [ or ] EOF
 * or      = and { ("OR" | "||") and }
 * and     = unary { [ "AND" | "&amp;&amp;" ] unary }          (side by side means AND)
 * unary   = { "NOT" | "!" | "-" | "+" } primary
 * primary = "(" or ")" | field ":" value | value
 * value   = word | phrase | /regex/ | range | comparison | "(" or ")"    (a field group)
 * </pre>
 *
 * So NOT binds tighter than AND, and AND tighter than OR. Only parentheses recurse, and they
 * are bounded by {@link QueryLimits#MAX_DEPTH}; prefix operators are read in a loop.
 */
final class QueryParser {
    static final String EXISTS_FIELD = "_exists_";

    private final QueryLexer lexer;
    private Token current;
    private int clauses;

    private QueryParser(String input) {
        this.lexer = new QueryLexer(input);
    }

    static QueryNode parse(String input) {
        if (input == null) {
            return new MatchAll();
        }
        checkLength(input);
        QueryParser parser = new QueryParser(input);
        parser.advance();
        if (parser.current.kind() == Kind.EOF) {
            return new MatchAll();
        }
        QueryNode node = parser.or(null, 0);
        if (parser.current.kind() != Kind.EOF) {
            throw parser.unexpected(parser.current);
        }
        return node;
    }

    private static void checkLength(String input) {
        int bytes = 0;
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < input.length()
                    && Character.isLowSurrogate(input.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
            if (bytes > QueryLimits.MAX_QUERY_BYTES) {
                throw new QuerySyntaxException(i, "query longer than " + QueryLimits.MAX_QUERY_BYTES + " bytes");
            }
        }
    }

    private void advance() {
        current = lexer.next();
    }

    /** {@code field} is the field of an enclosing field group, null at the top. */
    private QueryNode or(String field, int depth) {
        List<QueryNode> clauses = new ArrayList<>();
        clauses.add(and(field, depth));
        while (current.kind() == Kind.OR) {
            Token op = current;
            advance();
            requireOperand(op);
            clauses.add(and(field, depth));
        }
        return clauses.size() == 1 ? clauses.get(0) : new Or(clauses);
    }

    private QueryNode and(String field, int depth) {
        List<QueryNode> clauses = new ArrayList<>();
        clauses.add(unary(field, depth));
        while (true) {
            if (current.kind() == Kind.AND) {
                Token op = current;
                advance();
                requireOperand(op);
            } else if (!startsClause(current)) {
                break;
            }
            clauses.add(unary(field, depth));
        }
        return clauses.size() == 1 ? clauses.get(0) : new And(clauses);
    }

    private QueryNode unary(String field, int depth) {
        boolean negated = false;
        Token op = null;
        while (current.kind() == Kind.NOT || current.kind() == Kind.MINUS || current.kind() == Kind.PLUS) {
            if (current.kind() != Kind.PLUS) {
                negated = !negated;
            }
            op = current;
            advance();
        }
        if (op != null) {
            requireOperand(op);
        } else if (!startsClause(current)) {
            throw unexpected(current);
        }
        QueryNode node = primary(field, depth);
        return negated ? new Not(node) : node;
    }

    private QueryNode primary(String field, int depth) {
        Token t = current;
        return switch (t.kind()) {
            case LPAREN -> group(field, depth, t);
            case FIELD -> fieldClause(t, depth);
            case WORD -> {
                advance();
                yield word(field, t);
            }
            case PHRASE -> {
                advance();
                yield leaf(new Match(orDefault(field), t.text(), true, t.start()));
            }
            case REGEX -> {
                advance();
                yield regex(orDefault(field), t);
            }
            case RANGE -> {
                if (field == null) {
                    throw new QuerySyntaxException(t.start(), "a range or comparison needs a field, as in "
                            + "field:[a TO b] or field:>a");
                }
                advance();
                yield leaf(new Range(field, t.lower(), t.upper(), t.start()));
            }
            default -> throw unexpected(t);
        };
    }

    /** {@code ( ... )}; {@code open} is the current token. */
    private QueryNode group(String field, int depth, Token open) {
        if (depth + 1 > QueryLimits.MAX_DEPTH) {
            throw new QuerySyntaxException(open.start(), "parentheses nested deeper than " + QueryLimits.MAX_DEPTH + " levels");
        }
        advance();
        if (current.kind() == Kind.RPAREN) {
            throw new QuerySyntaxException(current.start(), "empty parentheses opened at " + open.start());
        }
        QueryNode node = or(field, depth + 1);
        if (current.kind() != Kind.RPAREN) {
            throw new QuerySyntaxException(current.start(), "expected ')' to close '(' opened at " + open.start()
                    + (current.kind() == Kind.EOF ? "" : ", found " + current.describe()));
        }
        advance();
        return node;
    }

    /** {@code field:value}, {@code field:(group)}, {@code _exists_:field}, {@code *:*}. */
    private QueryNode fieldClause(Token fieldToken, int depth) {
        String name = fieldToken.text();
        boolean star = fieldToken.wildcard() != null && name.equals("*");
        if (fieldToken.wildcard() != null && !star) {
            throw new QuerySyntaxException(fieldToken.start(), "wildcards are not allowed in field names ('" + name + "')");
        }
        checkFieldName(name, fieldToken.start());
        Token value = lexer.nextValue(fieldToken);
        if (star) {
            if (value.kind() != Kind.WORD || !"*".equals(value.wildcard())) {
                throw new QuerySyntaxException(fieldToken.start(), "'*' as a field name only works in '*:*'");
            }
            advance();
            return leaf(new MatchAll(), value.start());
        }
        if (name.equals(EXISTS_FIELD)) {
            if ((value.kind() != Kind.WORD && value.kind() != Kind.PHRASE) || value.wildcard() != null) {
                throw new QuerySyntaxException(value.start(), "'" + EXISTS_FIELD + ":' takes a field name, as in "
                        + EXISTS_FIELD + ":user.name");
            }
            checkFieldName(value.text(), value.start());
            advance();
            return leaf(new Exists(value.text(), value.start()));
        }
        return switch (value.kind()) {
            case LPAREN -> {
                current = value;
                yield group(name, depth, value);
            }
            case WORD -> {
                advance();
                yield word(name, value);
            }
            case PHRASE -> {
                advance();
                yield leaf(new Match(name, value.text(), true, value.start()));
            }
            case REGEX -> {
                advance();
                yield regex(name, value);
            }
            case RANGE -> {
                advance();
                yield leaf(new Range(name, value.lower(), value.upper(), value.start()));
            }
            default -> throw new QuerySyntaxException(value.start(), "expected a value after '" + name + ":'");
        };
    }

    /** A bare word: exact value, wildcard, or {@code *} (everything, or the field exists). */
    private QueryNode word(String field, Token t) {
        if (t.wildcard() == null) {
            return leaf(new Match(orDefault(field), t.text(), false, t.start()));
        }
        if (t.wildcard().equals("*")) {
            return field == null ? leaf(new MatchAll(), t.start()) : leaf(new Exists(field, t.start()));
        }
        if (t.wildcard().length() > QueryLimits.MAX_PATTERN_CHARS) {
            throw new QuerySyntaxException(t.start(), "wildcard pattern longer than "
                    + QueryLimits.MAX_PATTERN_CHARS + " characters");
        }
        return leaf(new Wildcard(orDefault(field), t.wildcard(), t.start()));
    }

    private QueryNode regex(String field, Token t) {
        if (t.text().length() > QueryLimits.MAX_PATTERN_CHARS) {
            throw new QuerySyntaxException(t.start(), "regular expression longer than "
                    + QueryLimits.MAX_PATTERN_CHARS + " characters");
        }
        return leaf(new Regex(field, t.text(), t.start()));
    }

    private static void checkFieldName(String name, int position) {
        if (name.isEmpty()) {
            throw new QuerySyntaxException(position, "empty field name");
        }
        if (name.length() > QueryLimits.MAX_FIELD_NAME_CHARS) {
            throw new QuerySyntaxException(position, "field name longer than "
                    + QueryLimits.MAX_FIELD_NAME_CHARS + " characters");
        }
    }

    private QueryNode leaf(QueryNode node) {
        int position = switch (node) {
            case Exists e -> e.position();
            case Match m -> m.position();
            case Wildcard w -> w.position();
            case Regex r -> r.position();
            case Range r -> r.position();
            default -> 0;
        };
        return leaf(node, position);
    }

    private QueryNode leaf(QueryNode node, int position) {
        if (++clauses > QueryLimits.MAX_CLAUSES) {
            throw new QuerySyntaxException(position, "more than " + QueryLimits.MAX_CLAUSES + " clauses");
        }
        return node;
    }

    private void requireOperand(Token op) {
        Kind k = current.kind();
        if (!startsClause(current) && k != Kind.NOT && k != Kind.MINUS && k != Kind.PLUS) {
            throw new QuerySyntaxException(op.start(), "operator '" + op.text() + "' has no clause after it"
                    + (k == Kind.EOF ? "" : " (found " + current.describe() + " at " + current.start() + ")"));
        }
    }

    private QuerySyntaxException unexpected(Token t) {
        return switch (t.kind()) {
            case RPAREN -> new QuerySyntaxException(t.start(), "unexpected ')' without a matching '('");
            case AND, OR -> new QuerySyntaxException(t.start(), "operator '" + t.text() + "' has no clause before it");
            case EOF -> new QuerySyntaxException(t.start(), "unexpected end of the query");
            default -> new QuerySyntaxException(t.start(), "unexpected " + t.describe());
        };
    }

    private static boolean startsClause(Token t) {
        return switch (t.kind()) {
            case LPAREN, FIELD, WORD, PHRASE, REGEX, RANGE, NOT, MINUS, PLUS -> true;
            default -> false;
        };
    }

    private static String orDefault(String field) {
        return field == null ? StoreFields.DEFAULT_TEXT_FIELD : field;
    }
}
