package io.gatewatch.store;

import io.gatewatch.store.agg.AggregationRequest;
import io.gatewatch.store.agg.AggregationResult;
import io.gatewatch.store.index.PartitionId;
import io.gatewatch.store.search.FoundEvent;
import io.gatewatch.store.search.SearchRequest;
import io.gatewatch.store.search.SearchResult;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Where parsed events are kept and searched. Small on purpose: the embedded Lucene store is one
 * implementation; a cluster (OpenSearch) for users who outgrow one machine is another.
 *
 * <p>Events arrive in journal order. {@link #nextOffset()} says where a feeder resumes after a
 * restart; together with the deterministic event ids this makes replay idempotent.
 */
public interface EventStore extends AutoCloseable {
    /** Indexes a batch of events, in journal order. Searchable after the next refresh. */
    void index(List<IndexedEvent> batch) throws IOException;

    /** The journal offset from which the feeder must resume: everything below is held for good. */
    long nextOffset();

    /**
     * Makes indexed events searchable (near-real-time). May run on another thread than the one
     * that indexes and commits, at the same time as they do.
     */
    void refresh() throws IOException;

    /** Makes indexed events durable; afterwards {@link #nextOffset()} is past them. */
    void commit() throws IOException;

    SearchResult search(SearchRequest request) throws IOException;

    AggregationResult aggregate(AggregationRequest request) throws IOException;

    /** One event by its id. */
    Optional<FoundEvent> get(String eventId) throws IOException;

    /** The partitions held, oldest first. */
    List<PartitionId> partitions();

    /** Deletes a whole partition; true when it existed. */
    boolean drop(PartitionId partition) throws IOException;

    @Override
    void close() throws IOException;
}
