package io.gatewatch.store.query;

import java.util.List;
import java.util.Objects;

/**
 * A parsed events query: the syntax tree {@link EventQueries#parse} returns and
 * {@link LuceneQueries#toLucene} translates. Leaves name their field already (free text carries
 * the default text field) and keep the position of their value in the query text, so that a
 * value that does not fit its field can be reported where the user typed it.
 */
public sealed interface QueryNode {

    /** Every event: the blank query, {@code *} and {@code *:*}. */
    record MatchAll() implements QueryNode {}

    /** All clauses match (explicit {@code AND}, {@code &&}, or clauses side by side). */
    record And(List<QueryNode> clauses) implements QueryNode {
        public And {
            clauses = List.copyOf(clauses);
            if (clauses.isEmpty()) {
                throw new IllegalArgumentException("an AND needs at least one clause");
            }
        }
    }

    /** At least one clause matches ({@code OR}, {@code ||}). */
    record Or(List<QueryNode> clauses) implements QueryNode {
        public Or {
            clauses = List.copyOf(clauses);
            if (clauses.isEmpty()) {
                throw new IllegalArgumentException("an OR needs at least one clause");
            }
        }
    }

    /** The clause does not match ({@code NOT}, {@code !}, prefix {@code -}). */
    record Not(QueryNode clause) implements QueryNode {
        public Not {
            Objects.requireNonNull(clause, "clause");
        }
    }

    /** The event has a value in {@code field} ({@code _exists_:field}, {@code field:*}). */
    record Exists(String field, int position) implements QueryNode {
        public Exists {
            Objects.requireNonNull(field, "field");
        }
    }

    /**
     * {@code field} holds {@code value}: a bare word ({@code phrase} false) or a quoted phrase.
     * How "holds" is decided depends on how the field is indexed (exact keyword, analysed text,
     * IP with CIDR, number, date with its precision).
     */
    record Match(String field, String value, boolean phrase, int position) implements QueryNode {
        public Match {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * A wildcard word: {@code pattern} uses Lucene's wildcard syntax ({@code *} any run,
     * {@code ?} one char, {@code \} escapes the next char).
     */
    record Wildcard(String field, String pattern, int position) implements QueryNode {
        public Wildcard {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(pattern, "pattern");
        }
    }

    /** A {@code /regular expression/} in Lucene's syntax, matched against whole terms. */
    record Regex(String field, String pattern, int position) implements QueryNode {
        public Regex {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(pattern, "pattern");
        }
    }

    /**
     * Values between two bounds, from {@code [a TO b]}, {@code {a TO b}}, their mixes and
     * {@code >}, {@code >=}, {@code <}, {@code <=}. A null bound is open ({@code *}).
     */
    record Range(String field, Bound lower, Bound upper, int position) implements QueryNode {
        public Range {
            Objects.requireNonNull(field, "field");
        }
    }

    /** One end of a {@link Range}: its text as typed (unescaped) and whether it is included. */
    record Bound(String value, boolean inclusive, int position) {
        public Bound {
            Objects.requireNonNull(value, "value");
        }
    }
}
