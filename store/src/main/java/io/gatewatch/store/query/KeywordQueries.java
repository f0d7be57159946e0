package io.gatewatch.store.query;

import io.gatewatch.store.query.QueryNode.Match;
import io.gatewatch.store.query.QueryNode.Range;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermRangeQuery;

/**
 * Queries on keyword fields, indexed as one exact term per value. Matching is exact and
 * case-sensitive, as on an Elasticsearch keyword: {@code user.name:Admin} does not find
 * {@code admin} (a wildcard or a case-insensitive regex on a text twin does).
 */
final class KeywordQueries {
    private KeywordQueries() {}

    static Query match(Match m) {
        return new TermQuery(new Term(m.field(), m.value()));
    }

    /** Ranges compare terms as UTF-8 bytes: lexicographic, so "10" sorts before "9". */
    static Query range(Range r) {
        return TermRangeQuery.newStringRange(r.field(),
                r.lower() == null ? null : r.lower().value(),
                r.upper() == null ? null : r.upper().value(),
                r.lower() == null || r.lower().inclusive(),
                r.upper() == null || r.upper().inclusive());
    }
}
