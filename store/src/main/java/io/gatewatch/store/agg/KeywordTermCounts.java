package io.gatewatch.store.agg;

import java.io.IOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.IndexReaderContext;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.BytesRefBuilder;
import org.apache.lucene.util.PriorityQueue;

/**
 * Exact top terms of a keyword or IP field across partitions. Each partition counts by global
 * ordinal; the top is then picked without a string per value:
 *
 * <ul>
 *   <li>one partition: a scan of its counts in ordinal (term) order into a bounded heap, reading
 *       a term's bytes only when it enters the heap;
 *   <li>several: a k-way merge of the partitions' counted terms by their bytes (each partition's
 *       global ordinals are in term order), summing a term's counts before it meets the heap.
 * </ul>
 *
 * Only the returned terms become strings.
 */
final class KeywordTermCounts {
    private final String field;
    private final OrdinalMapCache cache;
    /** By partition context: a search visits each partition's segments in turn. */
    private final Map<IndexReaderContext, PartitionCounts> partitions = new IdentityHashMap<>();
    private final List<PartitionCounts> inOrder = new ArrayList<>();
    private PartitionCounts current;

    KeywordTermCounts(String field, OrdinalMapCache cache) {
        this.field = field;
        this.cache = cache;
    }

    void setLeaf(LeafReaderContext leaf) throws IOException {
        IndexReaderContext partition = GlobalOrdinals.partitionOf(leaf);
        PartitionCounts counts = partitions.get(partition);
        if (counts != current && current != null) {
            current.finish(); // a search visits a partition's segments together: it is done
        }
        if (counts == null) {
            counts = new PartitionCounts(GlobalOrdinals.of(partition, field, cache), field);
            partitions.put(partition, counts);
            inOrder.add(counts);
        }
        counts.setSegment(GlobalOrdinals.segmentIndex(partition, leaf), leaf.reader());
        current = counts;
    }

    void collect(int doc) throws IOException {
        current.collect(doc);
    }

    AggregationResult.Buckets result(int size) throws IOException {
        for (PartitionCounts p : inOrder) {
            p.finish();
        }
        TopTerms top = new TopTerms(size);
        long total = inOrder.size() == 1 ? topOfOne(inOrder.getFirst(), top) : topOfMany(inOrder, top);
        List<AggregationResult.Bucket> buckets = new ArrayList<>(size);
        long inTop = 0;
        for (TopTerms.Counted c : top.sorted()) {
            buckets.add(new AggregationResult.Bucket(c.term(), c.count(), Map.of()));
            inTop += c.count();
        }
        return new AggregationResult.Buckets(buckets, total - inTop);
    }

    /** One partition: no merge, and terms read only for the ordinals that enter the heap. */
    private static long topOfOne(PartitionCounts partition, TopTerms top) throws IOException {
        GlobalOrdinals.Terms terms = partition.ordinals.terms();
        int[] counts = partition.counts;
        long total = 0;
        for (int ord = 0; ord < counts.length; ord++) {
            int count = counts[ord];
            if (count == 0) {
                continue;
            }
            total += count;
            if (!top.full()) {
                top.offer(count, terms.term(ord));
                continue;
            }
            TopTerms.Entry weakest = top.weakest();
            if (count > weakest.count) {
                top.replaceWeakest(count, terms.term(ord));
            } else if (count == weakest.count && weakest.orderMayDiffer) {
                // A tie with a later term loses in byte order; only as strings may it win.
                top.offer(count, terms.term(ord));
            }
        }
        return total;
    }

    /** Several partitions: merge their counted terms in byte order, one sum per distinct term. */
    private static long topOfMany(List<PartitionCounts> partitions, TopTerms top) throws IOException {
        PriorityQueue<Cursor> queue = new PriorityQueue<>(Math.max(1, partitions.size())) {
            @Override
            protected boolean lessThan(Cursor a, Cursor b) {
                return a.term.compareTo(b.term) < 0;
            }
        };
        for (PartitionCounts p : partitions) {
            Cursor c = new Cursor(p);
            if (c.advance()) {
                queue.add(c);
            }
        }
        BytesRefBuilder term = new BytesRefBuilder();
        long total = 0;
        while (queue.size() > 0) {
            term.copyBytes(queue.top().term);
            long sum = 0;
            do {
                Cursor c = queue.top();
                sum += c.count;
                if (c.advance()) {
                    queue.updateTop();
                } else {
                    queue.pop();
                }
            } while (queue.size() > 0 && queue.top().term.bytesEquals(term.get()));
            total += sum;
            top.offer(sum, term.get());
        }
        return total;
    }

    /** A partition's counted terms in term order. */
    private static final class Cursor {
        private final PartitionCounts partition;
        private final GlobalOrdinals.Terms terms;
        private int ord = -1;
        int count;
        BytesRef term;

        Cursor(PartitionCounts partition) throws IOException {
            this.partition = partition;
            this.terms = partition.ordinals.terms();
        }

        boolean advance() throws IOException {
            ord = partition.nextCounted(ord + 1);
            if (ord < 0) {
                return false;
            }
            count = partition.counts[ord];
            term = terms.term(ord);
            return true;
        }
    }
}
