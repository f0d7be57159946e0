package io.gatewatch.store.agg;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.CompositeReaderContext;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReaderContext;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.OrdinalMap;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.LongValues;

/**
 * The ordinals of a keyword or IP field over one partition (one index reader with its segments):
 * global ordinals number the partition's distinct values in term order, so counting by them
 * needs one array per partition and no string per document.
 *
 * <p>A partition is the composite reader a segment belongs to, when all of that reader's
 * children are segments (a partition's directory reader); any other segment is a partition of
 * its own. Single-segment partitions need no ordinal map: segment ordinals are global ones.
 */
final class GlobalOrdinals {
    private final String field;
    private final List<LeafReader> segments;
    /** Null for a single segment. */
    private final OrdinalMap map;
    private final long valueCount;

    private GlobalOrdinals(String field, List<LeafReader> segments, OrdinalMap map, long valueCount) {
        this.field = field;
        this.segments = segments;
        this.map = map;
        this.valueCount = valueCount;
    }

    /** The context that stands for the partition of {@code segment}: its reader or the segment itself. */
    static IndexReaderContext partitionOf(LeafReaderContext segment) {
        CompositeReaderContext parent = segment.parent;
        if (parent == null) {
            return segment;
        }
        for (IndexReaderContext child : parent.children()) {
            if (!(child instanceof LeafReaderContext)) {
                return segment;
            }
        }
        return parent;
    }

    /** Index of {@code segment} among the segments of {@code partition}. */
    static int segmentIndex(IndexReaderContext partition, LeafReaderContext segment) {
        return partition == segment ? 0 : segment.ordInParent;
    }

    static GlobalOrdinals of(IndexReaderContext partition, String field, OrdinalMapCache cache) throws IOException {
        List<LeafReader> segments = new ArrayList<>();
        if (partition instanceof LeafReaderContext leaf) {
            segments.add(leaf.reader());
        } else {
            for (IndexReaderContext child : partition.children()) {
                segments.add(((LeafReaderContext) child).reader());
            }
        }
        if (segments.size() == 1) {
            long n = DocValues.getSortedSet(segments.getFirst(), field).getValueCount();
            return new GlobalOrdinals(field, segments, null, n);
        }
        OrdinalMap map = cache.get(partition.reader(), field, segments);
        return new GlobalOrdinals(field, segments, map, map.getValueCount());
    }

    long valueCount() {
        return valueCount;
    }

    /** Segment ordinal to global ordinal, for the {@code segment}-th segment. */
    LongValues segmentToGlobal(int segment) {
        return map == null ? LongValues.IDENTITY : map.getGlobalOrds(segment);
    }

    /** A reader of terms by global ordinal; cheapest when asked in increasing order. */
    Terms terms() {
        return new Terms();
    }

    /**
     * Terms by global ordinal, through one terms enum per segment: each global ordinal is read
     * from the first segment holding it, and asked in increasing order the enums only move forward
     * through their segment's term blocks.
     */
    final class Terms {
        private final TermsEnum[] enums;

        private Terms() {
            enums = new TermsEnum[segments.size()];
        }

        /** The term of {@code globalOrd}; valid until the next call. */
        BytesRef term(long globalOrd) throws IOException {
            int segment = map == null ? 0 : map.getFirstSegmentNumber(globalOrd);
            long ord = map == null ? globalOrd : map.getFirstSegmentOrd(globalOrd);
            TermsEnum e = enums[segment];
            if (e == null) {
                e = DocValues.getSortedSet(segments.get(segment), field).termsEnum();
                enums[segment] = e;
            }
            e.seekExact(ord);
            return e.term();
        }
    }
}
