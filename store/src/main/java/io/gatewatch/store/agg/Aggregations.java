package io.gatewatch.store.agg;

import io.gatewatch.store.schema.StoreFields;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.BulkScorer;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BytesRef;

/**
 * Runs aggregations over the documents a query matches. One pass computes every top-level
 * aggregation; when a bucket aggregation has sub-aggregations, a second pass feeds each matching
 * document to the sub-aggregations of the top buckets it falls in, so sub-aggregations only ever
 * exist for the (at most {@link AggSpec#MAX_TERMS_SIZE}) buckets that are returned.
 */
public final class Aggregations {
    private Aggregations() {}

    public static AggregationResult run(IndexSearcher searcher, Query query, List<AggSpec> specs, long startNanos)
            throws IOException {
        checkFields(specs);
        Weight weight = searcher.createWeight(searcher.rewrite(query), ScoreMode.COMPLETE_NO_SCORES, 1f);
        List<Aggregator> top = new ArrayList<>(specs.size());
        for (AggSpec spec : specs) {
            top.add(create(spec));
        }
        long[] matched = {0};
        forEachMatch(searcher, weight, top, doc -> matched[0]++);

        Map<String, AggregationResult.Value> values = new LinkedHashMap<>();
        for (int i = 0; i < specs.size(); i++) {
            AggSpec spec = specs.get(i);
            Aggregator agg = top.get(i);
            List<AggSpec> subs = subs(spec);
            AggregationResult.Value v = agg.result();
            if (!subs.isEmpty() && v instanceof AggregationResult.Buckets b && !b.buckets().isEmpty()) {
                v = withSubs(searcher, weight, spec, b, subs);
            }
            values.put(spec.name(), v);
        }
        return new AggregationResult(matched[0], (System.nanoTime() - startNanos) / 1_000_000, values);
    }

    /**
     * Refuses, before any work, a field without doc values ({@code event.reason}, {@code event.id},
     * text), nested aggregations included: the aggregators read doc values, and on such a field
     * they would find none and answer zero buckets as if no event had a value.
     *
     * @throws IllegalArgumentException naming the first field that cannot be aggregated, and why
     */
    private static void checkFields(List<AggSpec> specs) {
        for (AggSpec spec : specs) {
            String field = switch (spec) {
                case AggSpec.Terms t -> t.field();
                case AggSpec.DateHistogram d -> d.field();
                case AggSpec.Cardinality c -> c.field();
                case AggSpec.Metric m -> m.field();
            };
            String reason = StoreFields.noDocValuesReason(field);
            if (reason != null) {
                throw new IllegalArgumentException("cannot aggregate on " + field + ": " + reason);
            }
            checkFields(subs(spec));
        }
    }

    private static List<AggSpec> subs(AggSpec spec) {
        return switch (spec) {
            case AggSpec.Terms t -> t.subs();
            case AggSpec.DateHistogram d -> d.subs();
            default -> List.of();
        };
    }

    static Aggregator create(AggSpec spec) {
        return switch (spec) {
            case AggSpec.Terms t -> new TermsAggregator(t.field(), t.size());
            case AggSpec.DateHistogram d -> new DateHistogramAggregator(d.field(), d.intervalMillis());
            case AggSpec.Cardinality c -> new CardinalityAggregator(c.field());
            case AggSpec.Metric m -> new MetricAggregator(m.field(), m.op());
        };
    }

    private interface DocSink {
        void accept(int doc) throws IOException;
    }

    private static void forEachMatch(IndexSearcher searcher, Weight weight, List<Aggregator> aggs, DocSink extra)
            throws IOException {
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            BulkScorer scorer = weight.bulkScorer(leaf);
            if (scorer == null) {
                continue;
            }
            for (Aggregator a : aggs) {
                a.setLeaf(leaf);
            }
            scorer.score(new LeafCollector() {
                @Override
                public void setScorer(Scorable scorable) {}

                @Override
                public void collect(int doc) throws IOException {
                    for (Aggregator a : aggs) {
                        a.collect(doc);
                    }
                    extra.accept(doc);
                }
            }, leaf.reader().getLiveDocs(), 0, DocIdSetIterator.NO_MORE_DOCS);
        }
    }

    /** The second pass: sub-aggregations of each returned bucket. */
    private static AggregationResult.Value withSubs(IndexSearcher searcher, Weight weight, AggSpec spec,
            AggregationResult.Buckets buckets, List<AggSpec> subSpecs) throws IOException {
        int n = buckets.buckets().size();
        List<List<Aggregator>> subs = new ArrayList<>(n);
        List<Aggregator> allSubs = new ArrayList<>();
        Map<Object, Integer> bucketOfKey = new HashMap<>();
        for (int b = 0; b < n; b++) {
            List<Aggregator> mine = new ArrayList<>(subSpecs.size());
            for (AggSpec s : subSpecs) {
                mine.add(create(s));
            }
            subs.add(mine);
            allSubs.addAll(mine);
            bucketOfKey.put(buckets.buckets().get(b).key(), b);
        }
        String field = spec instanceof AggSpec.Terms t ? t.field() : ((AggSpec.DateHistogram) spec).field();
        long interval = spec instanceof AggSpec.DateHistogram d ? d.intervalMillis() : 0;
        boolean numeric = FieldValues.isNumeric(field);
        int[] lastDocOfBucket = new int[n];

        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            BulkScorer scorer = weight.bulkScorer(leaf);
            if (scorer == null) {
                continue;
            }
            for (Aggregator a : allSubs) {
                a.setLeaf(leaf);
            }
            java.util.Arrays.fill(lastDocOfBucket, -1);
            SortedNumericDocValues numbers = numeric ? DocValues.getSortedNumeric(leaf.reader(), field) : null;
            SortedSetDocValues ords = numeric ? null : DocValues.getSortedSet(leaf.reader(), field);
            Map<Long, Integer> bucketOfOrd = new HashMap<>();
            if (!numeric) {
                for (Map.Entry<Object, Integer> e : bucketOfKey.entrySet()) {
                    long ord = ords.lookupTerm(new BytesRef(String.valueOf(e.getKey())));
                    if (ord >= 0) {
                        bucketOfOrd.put(ord, e.getValue());
                    }
                }
                if (bucketOfOrd.isEmpty()) {
                    continue;
                }
            }
            scorer.score(new LeafCollector() {
                @Override
                public void setScorer(Scorable scorable) {}

                @Override
                public void collect(int doc) throws IOException {
                    if (numeric) {
                        if (numbers.advanceExact(doc)) {
                            for (int i = 0, c = numbers.docValueCount(); i < c; i++) {
                                long v = numbers.nextValue();
                                feed(bucketOfKey.get(interval > 0 ? DateHistogramAggregator.keyOf(v, interval) : v), doc);
                            }
                        }
                    } else if (ords.advanceExact(doc)) {
                        for (int i = 0, c = ords.docValueCount(); i < c; i++) {
                            feed(bucketOfOrd.get(ords.nextOrd()), doc);
                        }
                    }
                }

                private void feed(Integer bucket, int doc) throws IOException {
                    if (bucket == null || lastDocOfBucket[bucket] == doc) {
                        return;
                    }
                    lastDocOfBucket[bucket] = doc;
                    for (Aggregator a : subs.get(bucket)) {
                        a.collect(doc);
                    }
                }
            }, leaf.reader().getLiveDocs(), 0, DocIdSetIterator.NO_MORE_DOCS);
        }

        List<AggregationResult.Bucket> out = new ArrayList<>(n);
        for (int b = 0; b < n; b++) {
            AggregationResult.Bucket bucket = buckets.buckets().get(b);
            Map<String, AggregationResult.Value> values = new LinkedHashMap<>();
            for (int s = 0; s < subSpecs.size(); s++) {
                values.put(subSpecs.get(s).name(), subs.get(b).get(s).result());
            }
            out.add(new AggregationResult.Bucket(bucket.key(), bucket.count(), values));
        }
        return new AggregationResult.Buckets(out, buckets.otherCount());
    }
}
