package io.gatewatch.store.query;

import io.gatewatch.store.query.QueryNode.Match;
import io.gatewatch.store.query.QueryNode.Range;
import io.gatewatch.store.schema.ExactFingerprint;
import io.gatewatch.store.schema.LoneSurrogates;
import io.gatewatch.store.schema.StoreFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermRangeQuery;

/**
 * Queries on keyword fields, indexed as one exact term per value. Matching is exact and
 * case-sensitive, as on an Elasticsearch keyword: {@code user.name:Admin} does not find
 * {@code admin} (a wildcard or a case-insensitive regex on a text twin does).
 *
 * <p>The exact twins of text fields ({@code message.keyword}) hold a fingerprint of the whole
 * value ({@link ExactFingerprint}): a value matches by its fingerprint, and patterns and ranges,
 * which would need the text, are refused with a pointer to the text field.
 */
final class KeywordQueries {
    private KeywordQueries() {}

    static Query match(Match m) {
        if (StoreFields.isKeywordTwin(m.field())) {
            return new TermQuery(new Term(m.field(), ExactFingerprint.of(m.value())));
        }
        // Terms are indexed as the JDK encodes them ('?' for a lone surrogate), not as Lucene would.
        return new TermQuery(new Term(m.field(), LoneSurrogates.replace(m.value())));
    }

    /** For the exact twins, which have no text to match a pattern or a range against. */
    static QuerySyntaxException notForTwin(String what, String field, int position) {
        String text = field.substring(0, field.length() - ".keyword".length());
        return new QuerySyntaxException(position, what + " do not apply to " + field
                + ", which matches whole values only: search " + field + ":\"…\" for an exact value, or " + text
                + " for words, phrases and wildcards");
    }

    /** Ranges compare terms as UTF-8 bytes: lexicographic, so "10" sorts before "9". */
    static Query range(Range r) {
        return TermRangeQuery.newStringRange(r.field(),
                r.lower() == null ? null : LoneSurrogates.replace(r.lower().value()),
                r.upper() == null ? null : LoneSurrogates.replace(r.upper().value()),
                r.lower() == null || r.lower().inclusive(),
                r.upper() == null || r.upper().inclusive());
    }
}
