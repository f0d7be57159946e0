package io.gatewatch.store.query;

import io.gatewatch.store.query.QueryNode.And;
import io.gatewatch.store.query.QueryNode.Bound;
import io.gatewatch.store.query.QueryNode.Exists;
import io.gatewatch.store.query.QueryNode.Match;
import io.gatewatch.store.query.QueryNode.MatchAll;
import io.gatewatch.store.query.QueryNode.Not;
import io.gatewatch.store.query.QueryNode.Or;
import io.gatewatch.store.query.QueryNode.Range;
import io.gatewatch.store.query.QueryNode.Regex;
import io.gatewatch.store.query.QueryNode.Wildcard;
import java.util.stream.Collectors;

/** A compact, position-free rendering of syntax trees, so tests read like the queries. */
final class Ast {
    private Ast() {}

    static String of(String query) {
        return render(EventQueries.parse(query));
    }

    static String render(QueryNode node) {
        return switch (node) {
            case MatchAll m -> "*";
            case And a -> a.clauses().stream().map(Ast::render).collect(Collectors.joining(", ", "and(", ")"));
            case Or o -> o.clauses().stream().map(Ast::render).collect(Collectors.joining(", ", "or(", ")"));
            case Not n -> "not(" + render(n.clause()) + ")";
            case Exists e -> "exists(" + e.field() + ")";
            case Match m -> m.field() + (m.phrase() ? ":\"" + m.value() + "\"" : ":" + m.value());
            case Wildcard w -> w.field() + ":wild(" + w.pattern() + ")";
            case Regex r -> r.field() + ":/" + r.pattern() + "/";
            case Range r -> r.field() + ":" + (r.lower() == null || r.lower().inclusive() ? "[" : "{")
                    + bound(r.lower()) + " TO " + bound(r.upper())
                    + (r.upper() == null || r.upper().inclusive() ? "]" : "}");
        };
    }

    private static String bound(Bound b) {
        return b == null ? "*" : b.value();
    }
}
