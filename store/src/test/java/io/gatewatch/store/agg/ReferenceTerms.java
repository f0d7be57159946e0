package io.gatewatch.store.agg;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/** The straightforward terms count the aggregator must agree with: a map, then a full sort. */
final class ReferenceTerms {
    private ReferenceTerms() {}

    /** A bucket as the tests compare it. */
    record Counted(Object key, long count) {}

    /** Top {@code size} and the other count, of the values {@code valuesOf} gives for matching docs. */
    record Top(List<Counted> buckets, long other) {}

    static Top top(List<TestPartitions.Doc> docs, Predicate<TestPartitions.Doc> matches,
            Function<TestPartitions.Doc, List<?>> valuesOf, int size) {
        Map<Object, Long> counts = new HashMap<>();
        long total = 0;
        for (TestPartitions.Doc d : docs) {
            if (!matches.test(d)) {
                continue;
            }
            // Doc values hold a value once per document, however often the event repeats it.
            for (Object v : new LinkedHashSet<>(valuesOf.apply(d))) {
                counts.merge(v, 1L, Long::sum);
                total++;
            }
        }
        List<Counted> all = new ArrayList<>();
        counts.forEach((k, c) -> all.add(new Counted(k, c)));
        all.sort(Comparator.comparingLong(Counted::count).reversed().thenComparing(c -> String.valueOf(c.key())));
        List<Counted> top = List.copyOf(all.subList(0, Math.min(size, all.size())));
        long inTop = top.stream().mapToLong(Counted::count).sum();
        return new Top(top, total - inTop);
    }

    static Top of(AggregationResult.Value value) {
        AggregationResult.Buckets b = (AggregationResult.Buckets) value;
        return new Top(b.buckets().stream().map(x -> new Counted(x.key(), x.count())).toList(), b.otherCount());
    }
}
