package io.gatewatch.store.agg;

import java.io.IOException;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.util.LongValues;

/**
 * How many matching documents hold each value of a keyword or IP field in one partition, by
 * global ordinal.
 *
 * <p>Counts are ints: sorted-set doc values hold a value at most once per document, so a count
 * never exceeds the partition's document count, which Lucene caps below {@link Integer#MAX_VALUE}.
 * Half the memory of longs matters here: the array has one slot per distinct value of the
 * partition (a million for source addresses in a busy day). Sums across partitions are longs.
 */
final class PartitionCounts {
    final GlobalOrdinals ordinals;
    final int[] counts;
    private final String field;
    private SortedSetDocValues values;
    private LongValues toGlobal;
    /**
     * Counts of the current segment by its own ordinals, folded into {@link #counts} when the
     * segment ends: the per-document cost stays a plain array increment, and the ordinal map is
     * read once per counted value of a segment instead of once per document (a field with a few
     * thousand values over a million documents maps a few thousand ordinals). Null while the
     * segment's ordinals are the global ones.
     */
    private int[] segmentCounts;
    private int segmentValueCount;

    PartitionCounts(GlobalOrdinals ordinals, String field) {
        long n = ordinals.valueCount();
        if (n > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("too many distinct values of " + field + " in one partition: " + n);
        }
        this.ordinals = ordinals;
        this.field = field;
        this.counts = new int[(int) n];
    }

    /** Starts counting the {@code index}-th segment of the partition. */
    void setSegment(int index, LeafReader segment) throws IOException {
        finishSegment();
        values = DocValues.getSortedSet(segment, field);
        toGlobal = ordinals.segmentToGlobal(index);
        if (toGlobal == LongValues.IDENTITY) {
            segmentCounts = null;
        } else {
            // Segment ordinals never outnumber the partition's global ones: the buffer fits.
            segmentValueCount = (int) values.getValueCount();
            if (segmentCounts == null || segmentCounts.length < segmentValueCount) {
                segmentCounts = new int[segmentValueCount];
            }
        }
    }

    void collect(int doc) throws IOException {
        if (values.advanceExact(doc)) {
            int[] c = segmentCounts == null ? counts : segmentCounts;
            for (int i = 0, n = values.docValueCount(); i < n; i++) {
                c[(int) values.nextOrd()]++;
            }
        }
    }

    /** Folds the current segment's counts into the partition's; before reading {@link #counts}. */
    void finishSegment() {
        int[] c = segmentCounts;
        if (c == null) {
            return;
        }
        for (int ord = 0; ord < segmentValueCount; ord++) {
            if (c[ord] != 0) {
                counts[(int) toGlobal.get(ord)] += c[ord];
                c[ord] = 0;
            }
        }
        segmentValueCount = 0;
    }

    /** Done counting: folds what is pending and lets the segment buffer go. */
    void finish() {
        finishSegment();
        segmentCounts = null;
    }

    /** The first global ordinal at or after {@code from} with a non-zero count, or -1. */
    int nextCounted(int from) {
        int[] c = counts;
        for (int ord = from; ord < c.length; ord++) {
            if (c[ord] != 0) {
                return ord;
            }
        }
        return -1;
    }
}
