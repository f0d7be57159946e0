package io.gatewatch.store.query;

import io.gatewatch.core.ecs.EcsField;
import io.gatewatch.store.query.QueryNode.And;
import io.gatewatch.store.query.QueryNode.Exists;
import io.gatewatch.store.query.QueryNode.Match;
import io.gatewatch.store.query.QueryNode.MatchAll;
import io.gatewatch.store.query.QueryNode.Not;
import io.gatewatch.store.query.QueryNode.Or;
import io.gatewatch.store.query.QueryNode.Range;
import io.gatewatch.store.query.QueryNode.Regex;
import io.gatewatch.store.query.QueryNode.Wildcard;
import io.gatewatch.store.schema.StoreFields;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.util.automaton.ByteRunAutomaton;

/**
 * Translates a parsed query into a Lucene query over the index layout of {@link StoreFields}:
 * the boolean structure here, each leaf by the kind of its field ({@link KeywordQueries},
 * {@link TextQueries}, {@link IpQueries}, {@link NumericQueries}).
 *
 * <p>Lucene has no pure negation: a boolean query of only {@code MUST_NOT} clauses matches
 * nothing. So a negation stands beside the positive clauses of its {@code AND} when it has some,
 * and beside a match-all clause otherwise ({@code NOT a}, {@code a OR NOT b}).
 *
 * <p>Leaves are counted the way Lucene counts clauses, match-all companions of negations
 * included, and the total is bounded by {@link QueryLimits#MAX_CLAUSES}.
 */
public final class LuceneQueries {
    private final Instant now;
    private int clauses;

    private LuceneQueries(Instant now) {
        this.now = now;
    }

    /**
     * @param now what {@code now} means in date math, fixed for the whole query
     * @throws QuerySyntaxException if a value does not fit its field (an IP, a number, a date),
     *     a construct does not apply to the field (a range on full text), a pattern is too costly,
     *     or the query has too many clauses
     */
    public static Query toLucene(QueryNode node, Instant now) {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(now, "now");
        return new LuceneQueries(now).translate(node);
    }

    private Query translate(QueryNode node) {
        return switch (node) {
            case MatchAll m -> matchAll(0);
            case And and -> and(and);
            case Or or -> or(or);
            case Not not -> negation(not);
            case Exists e -> leaf(e.field(), e.position(), () -> exists(e.field()));
            case Match m -> leaf(m.field(), m.position(), () -> match(m));
            case Wildcard w -> leaf(w.field(), w.position(), () -> wildcard(w));
            case Regex r -> leaf(r.field(), r.position(), () -> regex(r));
            case Range r -> leaf(r.field(), r.position(), () -> range(r));
        };
    }

    private Query and(And and) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        boolean positive = false;
        for (QueryNode clause : and.clauses()) {
            if (clause instanceof Not not) {
                b.add(translate(not.clause()), Occur.MUST_NOT);
            } else {
                b.add(translate(clause), Occur.MUST);
                positive = true;
            }
        }
        if (!positive) {
            b.add(matchAll(position(and)), Occur.MUST);
        }
        return b.build();
    }

    private Query or(Or or) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (QueryNode clause : or.clauses()) {
            b.add(translate(clause), Occur.SHOULD);
        }
        return b.build();
    }

    /** A negation on its own: everything but what the clause matches. */
    private Query negation(Not not) {
        Query excluded = translate(not.clause());
        return new BooleanQuery.Builder()
                .add(matchAll(position(not)), Occur.MUST)
                .add(excluded, Occur.MUST_NOT)
                .build();
    }

    private Query matchAll(int position) {
        count(1, position);
        return MatchAllDocsQuery.INSTANCE;
    }

    private Query leaf(String field, int position, Supplier<Query> build) {
        if (StoreFields.isStoredOnly(field)) {
            throw new QuerySyntaxException(position, "the field " + field + " is not searchable");
        }
        Query q = build.get();
        count(countClauses(q), position);
        return q;
    }

    private void count(int n, int position) {
        clauses += n;
        if (clauses > QueryLimits.MAX_CLAUSES) {
            throw new QuerySyntaxException(position, "more than " + QueryLimits.MAX_CLAUSES + " clauses");
        }
    }

    /** Leaf clauses as Lucene's searcher counts them against its own limit. */
    private static int countClauses(Query q) {
        int[] count = {0};
        q.visit(new QueryVisitor() {
            @Override
            public QueryVisitor getSubVisitor(Occur occur, Query parent) {
                return this;
            }

            @Override
            public void visitLeaf(Query query) {
                count[0]++;
            }

            @Override
            public void consumeTerms(Query query, Term... terms) {
                count[0]++;
            }

            @Override
            public void consumeTermsMatching(Query query, String field, Supplier<ByteRunAutomaton> automaton) {
                count[0]++;
            }
        });
        return Math.max(count[0], 1);
    }

    /**
     * Every kind has doc values or norms, which {@link FieldExistsQuery} needs (keywords without
     * doc values keep norms for it), except the exact twins of text fields ({@code message.keyword}),
     * which have neither: the twin exists when its text does, so that is asked instead. The id is
     * not indexed at all, and every event has one.
     */
    private static Query exists(String field) {
        if (field.equals(StoreFields.ID)) {
            return IdQueries.exists();
        }
        int dot = field.lastIndexOf('.');
        if (dot > 0) {
            String base = field.substring(0, dot);
            EcsField text = EcsField.byPath(base);
            if (text != null && StoreFields.hasKeywordTwin(text) && StoreFields.keywordTwin(base).equals(field)) {
                return new FieldExistsQuery(base);
            }
        }
        return new FieldExistsQuery(field);
    }

    private Query match(Match m) {
        if (m.field().equals(StoreFields.ID)) {
            return IdQueries.match(m);
        }
        return switch (StoreFields.kind(m.field())) {
            case KEYWORD -> KeywordQueries.match(m);
            case TEXT -> TextQueries.match(m);
            case IP -> IpQueries.match(m);
            case LONG -> NumericQueries.matchLong(m);
            case DATE -> NumericQueries.matchDate(m, now);
        };
    }

    private static Query wildcard(Wildcard w) {
        return switch (StoreFields.kind(w.field())) {
            case KEYWORD -> PatternQueries.wildcard(termsOf(w.field(), "wildcards", w.position()), w.pattern(),
                    w.position());
            case TEXT -> TextQueries.wildcard(w);
            case IP -> IpQueries.wildcard(w);
            case LONG, DATE -> throw notFor("wildcards", w.field(), w.position());
        };
    }

    private static Query regex(Regex r) {
        return switch (StoreFields.kind(r.field())) {
            case KEYWORD -> PatternQueries.regex(termsOf(r.field(), "regular expressions", r.position()), r.pattern(),
                    false, r.position());
            case TEXT -> TextQueries.regex(r);
            case IP, LONG, DATE -> throw notFor("regular expressions", r.field(), r.position());
        };
    }

    private Query range(Range r) {
        return switch (StoreFields.kind(r.field())) {
            case KEYWORD -> {
                termsOf(r.field(), "ranges", r.position());
                yield KeywordQueries.range(r);
            }
            case TEXT -> TextQueries.range(r);
            case IP -> IpQueries.range(r);
            case LONG -> NumericQueries.rangeLong(r);
            case DATE -> NumericQueries.rangeDate(r, now);
        };
    }

    /**
     * The keyword field itself, when its terms are its values and {@code what} (patterns, ranges)
     * can run over them: not so for the id (not indexed) and the exact twins (fingerprints).
     */
    private static String termsOf(String field, String what, int position) {
        if (field.equals(StoreFields.ID)) {
            throw IdQueries.notFor(what, position);
        }
        if (StoreFields.isKeywordTwin(field)) {
            throw KeywordQueries.notForTwin(what, field, position);
        }
        return field;
    }

    private static QuerySyntaxException notFor(String what, String field, int position) {
        String kind = switch (StoreFields.kind(field)) {
            case IP -> "an IP";
            case LONG -> "a number";
            case DATE -> "a date";
            default -> "a";
        };
        return new QuerySyntaxException(position, what + " only apply to keyword and text fields; " + field
                + " is " + kind + " field");
    }

    /** Where a compound clause starts, for errors about it: its first leaf's position. */
    private static int position(QueryNode node) {
        return switch (node) {
            case And a -> position(a.clauses().get(0));
            case Or o -> position(o.clauses().get(0));
            case Not n -> position(n.clause());
            case Exists e -> e.position();
            case Match m -> m.position();
            case Wildcard w -> w.position();
            case Regex r -> r.position();
            case Range r -> r.position();
            case MatchAll m -> 0;
        };
    }
}
