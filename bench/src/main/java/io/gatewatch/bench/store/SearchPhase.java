package io.gatewatch.bench.store;

import io.gatewatch.store.EventStore;
import io.gatewatch.store.agg.AggSpec;
import io.gatewatch.store.agg.AggregationRequest;
import io.gatewatch.store.agg.AggregationResult;
import io.gatewatch.store.search.FoundEvent;
import io.gatewatch.store.search.SearchRequest;
import io.gatewatch.store.search.SearchResult;
import io.gatewatch.store.search.SortSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The analysts' questions against the store, through its public search and aggregation calls, one
 * at a time: the latency of each is what the caller waits for, top {@value #SIZE} newest events
 * loaded (their stored sources decompressed) included.
 */
final class SearchPhase {
    static final int SIZE = SearchRequest.DEFAULT_SIZE;

    private SearchPhase() {}

    /**
     * Latencies of one kind of question, and the median of the hits its questions had.
     *
     * @param medianCapped the median is a lower bound: the store counts exactly up to
     *     {@link io.gatewatch.store.search.SearchResult#EXACT_TOTAL_UP_TO} hits only
     */
    record KindResult(String kind, String window, String example, Latencies latencies, long medianTotal,
            boolean medianCapped) {}

    record Result(List<KindResult> kinds, Latencies all) {}

    /** One terms aggregation's latencies, and its answer. */
    record TermsResult(String field, Latencies latencies, long matched, List<AggregationResult.Bucket> top) {}

    /** The hits of one question: a count, exact or a lower bound. */
    private record Total(long count, boolean exact) {}

    static Result searches(EventStore store, QueryMix mix, TimeLayout layout, int warmupRounds, int rounds)
            throws IOException {
        for (int r = 0; r < warmupRounds; r++) {
            for (AnalystQuery q : mix.round(r)) {
                search(store, q, layout);
            }
        }
        Map<String, Latencies> byKind = new LinkedHashMap<>();
        Map<String, List<Total>> totals = new LinkedHashMap<>();
        Map<String, AnalystQuery> examples = new LinkedHashMap<>();
        Latencies all = new Latencies();
        for (int r = 0; r < rounds; r++) {
            for (AnalystQuery q : mix.round(warmupRounds + r)) {
                long t0 = System.nanoTime();
                SearchResult result = search(store, q, layout);
                long took = System.nanoTime() - t0;
                byKind.computeIfAbsent(q.kind(), k -> new Latencies()).add(took);
                all.add(took);
                totals.computeIfAbsent(q.kind(), k -> new ArrayList<>()).add(new Total(result.total(), result.totalExact()));
                examples.putIfAbsent(q.kind(), q);
            }
        }
        List<KindResult> kinds = new ArrayList<>();
        for (Map.Entry<String, Latencies> e : byKind.entrySet()) {
            List<Total> t = new ArrayList<>(totals.get(e.getKey()));
            t.sort(Comparator.comparingLong(Total::count));
            Total median = t.get(t.size() / 2);
            AnalystQuery example = examples.get(e.getKey());
            kinds.add(new KindResult(e.getKey(), example.window(), example.query(), e.getValue(), median.count(),
                    !median.exact()));
        }
        return new Result(kinds, all);
    }

    /** One question; the sources of the hits are read, as a caller would. */
    static SearchResult search(EventStore store, AnalystQuery q, TimeLayout layout) throws IOException {
        SearchResult result = store.search(new SearchRequest(q.query(), q.fromMillis(layout), q.toMillis(layout), SIZE,
                SortSpec.NEWEST_FIRST, null, null));
        long chars = 0;
        for (FoundEvent e : result.events()) {
            chars += e.sourceJson().length();
        }
        if (chars < 0) {
            throw new AssertionError(); // keeps the reads from being optimized away
        }
        return result;
    }

    static List<TermsResult> termsAggregations(EventStore store, TimeLayout layout, int warmupRuns, int runs)
            throws IOException {
        List<TermsResult> out = new ArrayList<>();
        for (String field : QueryMix.TERMS_FIELDS) {
            Latencies latencies = new Latencies();
            AggregationResult last = null;
            for (int i = 0; i < warmupRuns + runs; i++) {
                long t0 = System.nanoTime();
                last = terms(store, layout, field);
                if (i >= warmupRuns) {
                    latencies.add(System.nanoTime() - t0);
                }
            }
            AggregationResult.Buckets buckets = (AggregationResult.Buckets) last.values().get("top");
            out.add(new TermsResult(field, latencies, last.matched(), buckets.buckets()));
        }
        return out;
    }

    /** Top {@value QueryMix#TERMS_SIZE} values of {@code field} over the last 24 hours. */
    static AggregationResult terms(EventStore store, TimeLayout layout, String field) throws IOException {
        return store.aggregate(new AggregationRequest("", layout.lastDayFromMillis(), layout.endMillis(), null,
                List.of(new AggSpec.Terms("top", field, QueryMix.TERMS_SIZE, List.of()))));
    }
}
