package io.gatewatch.store.agg;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.util.FixedBitSet;

/**
 * Exact number of distinct values. Keyword values are marked by segment ordinal in a bit set and
 * resolved to strings once per segment; the set of strings is what crosses segments.
 */
final class CardinalityAggregator extends Aggregator {
    private final String field;
    private final boolean numeric;
    private final Set<Object> seen = new HashSet<>();
    private SortedSetDocValues ords;
    private SortedNumericDocValues numbers;
    private FixedBitSet segmentOrds;

    CardinalityAggregator(String field) {
        this.field = field;
        this.numeric = FieldValues.isNumeric(field);
    }

    @Override
    void setLeaf(LeafReaderContext leaf) throws IOException {
        flushSegment();
        if (numeric) {
            numbers = DocValues.getSortedNumeric(leaf.reader(), field);
        } else {
            ords = DocValues.getSortedSet(leaf.reader(), field);
            segmentOrds = new FixedBitSet((int) Math.max(1, ords.getValueCount()));
        }
    }

    @Override
    void collect(int doc) throws IOException {
        if (numeric) {
            if (numbers.advanceExact(doc)) {
                for (int i = 0, n = numbers.docValueCount(); i < n; i++) {
                    seen.add(numbers.nextValue());
                }
            }
        } else if (ords.advanceExact(doc)) {
            for (int i = 0, n = ords.docValueCount(); i < n; i++) {
                segmentOrds.set((int) ords.nextOrd());
            }
        }
    }

    private void flushSegment() throws IOException {
        if (segmentOrds == null) {
            return;
        }
        for (int ord = segmentOrds.nextSetBit(0); ord != org.apache.lucene.search.DocIdSetIterator.NO_MORE_DOCS;
                ord = ord + 1 < segmentOrds.length() ? segmentOrds.nextSetBit(ord + 1) : org.apache.lucene.search.DocIdSetIterator.NO_MORE_DOCS) {
            seen.add(ords.lookupOrd(ord).utf8ToString());
        }
        segmentOrds = null;
    }

    @Override
    AggregationResult.Value result() throws IOException {
        flushSegment();
        return new AggregationResult.Number((double) seen.size());
    }
}
