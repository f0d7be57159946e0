package io.gatewatch.store.agg;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedNumericDocValues;

/** Counts per fixed interval of a date (or number) field, oldest bucket first. */
final class DateHistogramAggregator extends Aggregator {
    private final String field;
    private final long interval;
    private final TreeMap<Long, long[]> counts = new TreeMap<>();
    private SortedNumericDocValues values;
    private long lastKey = Long.MIN_VALUE;
    private long[] lastCount;

    DateHistogramAggregator(String field, long interval) {
        FieldValues.requireNumeric(field, "a date histogram");
        this.field = field;
        this.interval = interval;
    }

    static long keyOf(long value, long interval) {
        return Math.floorDiv(value, interval) * interval;
    }

    @Override
    void setLeaf(LeafReaderContext leaf) throws IOException {
        values = DocValues.getSortedNumeric(leaf.reader(), field);
    }

    @Override
    void collect(int doc) throws IOException {
        if (values.advanceExact(doc)) {
            for (int i = 0, n = values.docValueCount(); i < n; i++) {
                long key = keyOf(values.nextValue(), interval);
                // Index-sorted by time, consecutive documents mostly share a bucket: skip the map.
                if (key != lastKey) {
                    lastCount = counts.get(key);
                    if (lastCount == null) {
                        if (counts.size() >= AggSpec.MAX_BUCKETS) {
                            throw new IllegalArgumentException("the histogram would have more than "
                                    + AggSpec.MAX_BUCKETS + " buckets; use a larger interval or a smaller window");
                        }
                        lastCount = new long[1];
                        counts.put(key, lastCount);
                    }
                    lastKey = key;
                }
                lastCount[0]++;
            }
        }
    }

    Map<Long, long[]> counts() {
        return counts;
    }

    @Override
    AggregationResult.Value result() {
        List<AggregationResult.Bucket> buckets = new ArrayList<>(counts.size());
        for (Map.Entry<Long, long[]> e : counts.entrySet()) {
            buckets.add(new AggregationResult.Bucket(e.getKey(), e.getValue()[0], Map.of()));
        }
        return new AggregationResult.Buckets(buckets, 0);
    }
}
