package io.gatewatch.store.search;

import java.util.List;

/**
 * A page of search hits.
 *
 * @param total number of matching events; exact when {@code totalExact}, else a lower bound
 *     (counting stops at {@link #EXACT_TOTAL_UP_TO}, as Elasticsearch's track_total_hits does)
 * @param tookMillis time the search took in the store
 * @param events the hits, in the requested order
 * @param nextCursor pass it as the next request's cursor for the following page; null at the end
 */
public record SearchResult(long total, boolean totalExact, long tookMillis, List<FoundEvent> events, String nextCursor) {
    public static final int EXACT_TOTAL_UP_TO = 10_000;
}
