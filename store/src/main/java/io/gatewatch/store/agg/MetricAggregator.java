package io.gatewatch.store.agg;

import java.io.IOException;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedNumericDocValues;

/** Min, max, sum or average of a number or date field. */
final class MetricAggregator extends Aggregator {
    private final String field;
    private final AggSpec.MetricOp op;
    private SortedNumericDocValues values;
    private long count;
    private long min = Long.MAX_VALUE;
    private long max = Long.MIN_VALUE;
    /** Summed as a double, so that a sum over many large values cannot overflow. */
    private double sum;

    MetricAggregator(String field, AggSpec.MetricOp op) {
        FieldValues.requireNumeric(field, op.name().toLowerCase(java.util.Locale.ROOT));
        this.field = field;
        this.op = op;
    }

    @Override
    void setLeaf(LeafReaderContext leaf) throws IOException {
        values = DocValues.getSortedNumeric(leaf.reader(), field);
    }

    @Override
    void collect(int doc) throws IOException {
        if (values.advanceExact(doc)) {
            for (int i = 0, n = values.docValueCount(); i < n; i++) {
                long v = values.nextValue();
                count++;
                min = Math.min(min, v);
                max = Math.max(max, v);
                sum += v;
            }
        }
    }

    @Override
    AggregationResult.Value result() {
        if (count == 0) {
            return new AggregationResult.Number(null);
        }
        return new AggregationResult.Number(switch (op) {
            case MIN -> (double) min;
            case MAX -> (double) max;
            case SUM -> sum;
            case AVG -> sum / count;
        });
    }
}
