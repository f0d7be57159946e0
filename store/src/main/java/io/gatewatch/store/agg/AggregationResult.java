package io.gatewatch.store.agg;

import java.util.List;
import java.util.Map;

/** What aggregations found: each requested aggregation's value under its name, in request order. */
public record AggregationResult(long matched, long tookMillis, Map<String, Value> values) {

    /** The value of one aggregation. */
    public sealed interface Value {}

    /** Buckets of a terms or date-histogram aggregation; {@code otherCount} counts values outside the top. */
    public record Buckets(List<Bucket> buckets, long otherCount) implements Value {}

    /** One bucket: its key (a string, or epoch millis for a histogram), count and sub-aggregations. */
    public record Bucket(Object key, long count, Map<String, Value> subs) {}

    /** A single number; null when no event had the field. */
    public record Number(Double value) implements Value {}
}
