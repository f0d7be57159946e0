package io.gatewatch.store.agg;

import java.util.List;

/** Aggregations over the events matching a query in a time window (and optionally one intake). */
public record AggregationRequest(String query, long fromMillis, long toMillis, String intake, List<AggSpec> aggs) {
    public AggregationRequest {
        query = query == null ? "" : query;
        aggs = List.copyOf(aggs);
        if (aggs.isEmpty()) {
            throw new IllegalArgumentException("no aggregation requested");
        }
        if (fromMillis > toMillis) {
            throw new IllegalArgumentException("the time window ends before it starts");
        }
    }
}
