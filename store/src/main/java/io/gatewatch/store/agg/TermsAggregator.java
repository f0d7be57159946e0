package io.gatewatch.store.agg;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.index.SortedSetDocValues;

/**
 * Counts per value of a field. Keyword and IP fields count by segment ordinal into an array and
 * resolve ordinals to strings once per segment, so the per-document cost is an array increment.
 */
final class TermsAggregator extends Aggregator {
    private final String field;
    private final int size;
    private final boolean numeric;
    private final Map<Object, long[]> counts = new HashMap<>();
    private SortedSetDocValues ords;
    private SortedNumericDocValues numbers;
    private long[] segmentCounts;

    TermsAggregator(String field, int size) {
        this.field = field;
        this.size = size;
        this.numeric = FieldValues.isNumeric(field);
    }

    @Override
    void setLeaf(LeafReaderContext leaf) throws IOException {
        flushSegment();
        if (numeric) {
            numbers = DocValues.getSortedNumeric(leaf.reader(), field);
        } else {
            ords = DocValues.getSortedSet(leaf.reader(), field);
            long n = ords.getValueCount();
            if (n > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("too many distinct values in one segment: " + n);
            }
            segmentCounts = new long[(int) n];
        }
    }

    @Override
    void collect(int doc) throws IOException {
        if (numeric) {
            if (numbers.advanceExact(doc)) {
                for (int i = 0, n = numbers.docValueCount(); i < n; i++) {
                    counts.computeIfAbsent(numbers.nextValue(), k -> new long[1])[0]++;
                }
            }
        } else if (ords.advanceExact(doc)) {
            for (int i = 0, n = ords.docValueCount(); i < n; i++) {
                segmentCounts[(int) ords.nextOrd()]++;
            }
        }
    }

    private void flushSegment() throws IOException {
        if (segmentCounts == null) {
            return;
        }
        for (int ord = 0; ord < segmentCounts.length; ord++) {
            if (segmentCounts[ord] > 0) {
                String term = ords.lookupOrd(ord).utf8ToString();
                counts.computeIfAbsent(term, k -> new long[1])[0] += segmentCounts[ord];
            }
        }
        segmentCounts = null;
    }

    /** The top keys, most frequent first (ties by key), for the sub-aggregation pass. */
    List<Map.Entry<Object, long[]>> top() throws IOException {
        flushSegment();
        List<Map.Entry<Object, long[]>> all = new ArrayList<>(counts.entrySet());
        all.sort(Comparator.<Map.Entry<Object, long[]>>comparingLong(e -> -e.getValue()[0])
                .thenComparing(e -> String.valueOf(e.getKey())));
        return all.size() > size ? all.subList(0, size) : all;
    }

    long total() throws IOException {
        flushSegment();
        long sum = 0;
        for (long[] c : counts.values()) {
            sum += c[0];
        }
        return sum;
    }

    @Override
    AggregationResult.Value result() throws IOException {
        List<AggregationResult.Bucket> buckets = new ArrayList<>();
        long inTop = 0;
        for (Map.Entry<Object, long[]> e : top()) {
            buckets.add(new AggregationResult.Bucket(e.getKey(), e.getValue()[0], Map.of()));
            inTop += e.getValue()[0];
        }
        return new AggregationResult.Buckets(buckets, total() - inTop);
    }
}
