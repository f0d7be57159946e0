package io.gatewatch.store.feed;

import io.gatewatch.store.IndexedEvent;
import java.io.IOException;
import java.util.List;

/**
 * A step between parsing and storage (detection, enrichment): it sees every parsed event, in
 * journal order, before the store indexes it, and may add to it. Each event already carries its
 * {@code event.id}, {@code gatewatch.intake} and {@code event.ingested}. The store does not know
 * what the steps are; {@code serve} wires them.
 *
 * <p>After a crash the feeder replays the journal from the store's last commit, so a stage sees
 * those events again: {@link #committed(long)} tells it which offsets the store now holds for good,
 * so that it can make its own state durable at the same point and replay consistently.
 */
public interface PipelineStage {
    /** Processes a batch, in journal order, before it is indexed. */
    void process(List<IndexedEvent> batch) throws IOException;

    /** The store has durably indexed everything before {@code nextOffset}. */
    default void committed(long nextOffset) throws IOException {}
}
