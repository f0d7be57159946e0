package io.gatewatch.store.index;

import io.gatewatch.store.agg.AggSpec;
import io.gatewatch.store.schema.StoreFields;
import java.util.List;

/**
 * Refuses, before any work, an aggregation on a field without doc values ({@code event.reason},
 * {@code event.id}, text): the aggregators read doc values, and on such a field they would find
 * none and answer zero buckets as if no event had a value.
 */
final class AggregationFields {
    private AggregationFields() {}

    /** @throws IllegalArgumentException naming the first field that cannot be aggregated, and why */
    static void check(List<AggSpec> specs) {
        for (AggSpec spec : specs) {
            String field = switch (spec) {
                case AggSpec.Terms t -> t.field();
                case AggSpec.DateHistogram d -> d.field();
                case AggSpec.Cardinality c -> c.field();
                case AggSpec.Metric m -> m.field();
                default -> null;
            };
            String reason = field == null ? null : StoreFields.noDocValuesReason(field);
            if (reason != null) {
                throw new IllegalArgumentException("cannot aggregate on " + field + ": " + reason);
            }
            switch (spec) {
                case AggSpec.Terms t -> check(t.subs());
                case AggSpec.DateHistogram d -> check(d.subs());
                default -> { }
            }
        }
    }
}
