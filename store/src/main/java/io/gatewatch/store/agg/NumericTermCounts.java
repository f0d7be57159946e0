package io.gatewatch.store.agg;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedNumericDocValues;

/**
 * Top values of a number or date field. Numbers need no ordinals: they count in a map by value,
 * across segments and partitions alike. Ties rank by the value's decimal text, as they always have.
 */
final class NumericTermCounts {
    /** Best first: more frequent, then the smaller decimal text. */
    private static final Comparator<Map.Entry<Long, long[]>> RANK =
            Comparator.<Map.Entry<Long, long[]>>comparingLong(e -> -e.getValue()[0])
                    .thenComparing(e -> String.valueOf(e.getKey()));

    private final String field;
    private final Map<Long, long[]> counts = new HashMap<>();
    private SortedNumericDocValues values;

    NumericTermCounts(String field) {
        this.field = field;
    }

    void setLeaf(LeafReaderContext leaf) throws IOException {
        values = DocValues.getSortedNumeric(leaf.reader(), field);
    }

    void collect(int doc) throws IOException {
        if (values.advanceExact(doc)) {
            for (int i = 0, n = values.docValueCount(); i < n; i++) {
                counts.computeIfAbsent(values.nextValue(), k -> new long[1])[0]++;
            }
        }
    }

    AggregationResult.Buckets result(int size) {
        // A bounded heap whose head is the worst kept entry, instead of sorting every value.
        PriorityQueue<Map.Entry<Long, long[]>> heap = new PriorityQueue<>(size + 1, RANK.reversed());
        long total = 0;
        for (Map.Entry<Long, long[]> e : counts.entrySet()) {
            total += e.getValue()[0];
            heap.add(e);
            if (heap.size() > size) {
                heap.poll();
            }
        }
        List<Map.Entry<Long, long[]>> best = new ArrayList<>(heap);
        best.sort(RANK);
        List<AggregationResult.Bucket> buckets = new ArrayList<>(best.size());
        long inTop = 0;
        for (Map.Entry<Long, long[]> e : best) {
            buckets.add(new AggregationResult.Bucket(e.getKey(), e.getValue()[0], Map.of()));
            inTop += e.getValue()[0];
        }
        return new AggregationResult.Buckets(buckets, total - inTop);
    }
}
