package io.gatewatch.store.agg;

import java.io.IOException;
import org.apache.lucene.index.LeafReaderContext;

/**
 * The running state of one aggregation over the matching documents, segment by segment. Doc ids
 * arrive in increasing order within a segment, as doc-values iterators require.
 */
abstract class Aggregator {
    abstract void setLeaf(LeafReaderContext leaf) throws IOException;

    abstract void collect(int doc) throws IOException;

    abstract AggregationResult.Value result() throws IOException;
}
