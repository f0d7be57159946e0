package io.gatewatch.store.agg;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.BytesRefBuilder;
import org.apache.lucene.util.PriorityQueue;

/**
 * The {@code size} most frequent terms seen so far, most frequent first and ties by the term as a
 * string, kept in a bounded min-heap: the heap's top is the entry the next better term replaces.
 * Terms are copied only when they enter, so a stream of a million terms costs a million count
 * comparisons and a handful of copies.
 */
final class TopTerms {
    /** One kept term. Mutable so that a replaced top is reused in place. */
    static final class Entry {
        long count;
        final BytesRefBuilder term = new BytesRefBuilder();
        /** Whether a term later in byte order could still sort before this one as a string. */
        boolean orderMayDiffer;

        void set(long count, BytesRef term) {
            this.count = count;
            this.term.copyBytes(term);
            this.orderMayDiffer = Utf16Order.mayDifferFromByteOrder(term);
        }
    }

    /** A term and its count, best first: what the aggregation returns. */
    record Counted(String term, long count) {}

    private final int size;
    private final PriorityQueue<Entry> heap;

    TopTerms(int size) {
        this.size = size;
        this.heap = new PriorityQueue<>(size) {
            @Override
            protected boolean lessThan(Entry a, Entry b) {
                return worse(a, b);
            }
        };
    }

    /** True when {@code a} ranks below {@code b}: fewer, or as many with a later term. */
    private static boolean worse(Entry a, Entry b) {
        if (a.count != b.count) {
            return a.count < b.count;
        }
        return Utf16Order.compare(a.term.get(), b.term.get()) > 0;
    }

    boolean full() {
        return heap.size() == size;
    }

    /** The entry the next better term replaces; only when {@link #full()}. */
    Entry weakest() {
        return heap.top();
    }

    /** Keeps {@code term} with {@code count} if it ranks among the best; the term is copied. */
    void offer(long count, BytesRef term) {
        if (!full()) {
            Entry e = new Entry();
            e.set(count, term);
            heap.add(e);
            return;
        }
        Entry weakest = heap.top();
        if (count > weakest.count || count == weakest.count && Utf16Order.compare(term, weakest.term.get()) < 0) {
            weakest.set(count, term);
            heap.updateTop();
        }
    }

    /** Replaces the weakest entry, which the caller found to rank below {@code term}. */
    void replaceWeakest(long count, BytesRef term) {
        heap.top().set(count, term);
        heap.updateTop();
    }

    /** The kept terms as strings, best first (the order of count, then {@link String#compareTo}). */
    List<Counted> sorted() {
        List<Counted> out = new ArrayList<>(heap.size());
        for (Entry e : heap) {
            out.add(new Counted(e.term.get().utf8ToString(), e.count));
        }
        out.sort(Comparator.comparingLong(Counted::count).reversed().thenComparing(Counted::term));
        return out;
    }
}
