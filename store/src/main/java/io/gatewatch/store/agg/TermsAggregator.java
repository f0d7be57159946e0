package io.gatewatch.store.agg;

import java.io.IOException;
import org.apache.lucene.index.LeafReaderContext;

/**
 * Counts per value of a field and returns the {@code size} most frequent, ties by key, with the
 * count of all other values. Keyword and IP fields count by global ordinal per partition (see
 * {@link KeywordTermCounts}): the per-document cost is an array increment, and only the returned
 * values become strings. Numbers count by value.
 */
final class TermsAggregator extends Aggregator {
    private final int size;
    private final KeywordTermCounts keywords;
    private final NumericTermCounts numbers;

    TermsAggregator(String field, int size) {
        this(field, size, OrdinalMapCache.shared());
    }

    TermsAggregator(String field, int size, OrdinalMapCache cache) {
        this.size = size;
        boolean numeric = FieldValues.isNumeric(field);
        this.keywords = numeric ? null : new KeywordTermCounts(field, cache);
        this.numbers = numeric ? new NumericTermCounts(field) : null;
    }

    @Override
    void setLeaf(LeafReaderContext leaf) throws IOException {
        if (keywords != null) {
            keywords.setLeaf(leaf);
        } else {
            numbers.setLeaf(leaf);
        }
    }

    @Override
    void collect(int doc) throws IOException {
        if (keywords != null) {
            keywords.collect(doc);
        } else {
            numbers.collect(doc);
        }
    }

    @Override
    AggregationResult.Value result() throws IOException {
        return keywords != null ? keywords.result(size) : numbers.result(size);
    }
}
