package io.gatewatch.store.agg;

import java.util.List;
import java.util.Objects;

/**
 * One aggregation of a request, named by the caller. Bucket aggregations (terms, date histogram)
 * may hold sub-aggregations, one level deep: "top users per source IP".
 */
public sealed interface AggSpec {
    int MAX_TERMS_SIZE = 1_000;
    int MAX_BUCKETS = 10_000;

    String name();

    /** The {@code size} most frequent values of a keyword, IP or number field, with counts. */
    record Terms(String name, String field, int size, List<AggSpec> subs) implements AggSpec {
        public Terms {
            Objects.requireNonNull(field, "field");
            if (size < 1 || size > MAX_TERMS_SIZE) {
                throw new IllegalArgumentException("terms size must be between 1 and " + MAX_TERMS_SIZE);
            }
            subs = List.copyOf(subs);
            for (AggSpec s : subs) {
                if (s instanceof Terms t && !t.subs().isEmpty() || s instanceof DateHistogram d && !d.subs().isEmpty()) {
                    throw new IllegalArgumentException("aggregations nest one level deep");
                }
            }
        }
    }

    /** Counts per fixed time interval of a date field. */
    record DateHistogram(String name, String field, long intervalMillis, List<AggSpec> subs) implements AggSpec {
        public DateHistogram {
            Objects.requireNonNull(field, "field");
            if (intervalMillis < 1000) {
                throw new IllegalArgumentException("the histogram interval must be at least 1s");
            }
            subs = List.copyOf(subs);
            for (AggSpec s : subs) {
                if (s instanceof Terms t && !t.subs().isEmpty() || s instanceof DateHistogram d && !d.subs().isEmpty()) {
                    throw new IllegalArgumentException("aggregations nest one level deep");
                }
            }
        }
    }

    /** Number of distinct values of a field (exact). */
    record Cardinality(String name, String field) implements AggSpec {}

    /** Min, max, sum or average of a number or date field. */
    record Metric(String name, String field, MetricOp op) implements AggSpec {}

    enum MetricOp {
        MIN, MAX, SUM, AVG
    }
}
