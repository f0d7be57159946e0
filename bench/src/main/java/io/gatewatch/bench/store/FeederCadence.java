package io.gatewatch.bench.store;

import io.gatewatch.store.EventStore;
import io.gatewatch.store.feed.Refresher;
import io.gatewatch.store.feed.StoreFeeder;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Refreshes and commits a store on the schedule of {@link StoreFeeder} at its default settings, so
 * that bulk ingest in the bench pays what ingest in the server pays: a near-real-time refresh
 * (a new small segment) asked of a {@link Refresher} every {@code refreshMillis}, and a durable
 * commit every {@code commitMillis}.
 */
final class FeederCadence implements AutoCloseable {
    private final EventStore store;
    private final Refresher refresher;
    private final long refreshNanos;
    private final long commitNanos;
    private long lastRefresh;
    private long lastCommit;
    private int commits;

    FeederCadence(EventStore store, StoreFeeder.Settings settings) {
        this.store = store;
        this.refresher = new Refresher(store, "bench-refresher");
        this.refreshNanos = TimeUnit.MILLISECONDS.toNanos(settings.refreshMillis());
        this.commitNanos = TimeUnit.MILLISECONDS.toNanos(settings.commitMillis());
        this.lastRefresh = System.nanoTime();
        this.lastCommit = lastRefresh;
    }

    /** After a batch was indexed: refreshes and commits when their time has come, as the feeder does. */
    void afterBatch() throws IOException {
        long now = System.nanoTime();
        if (refresher.failure() != null) {
            throw new IOException("refreshing the store failed", refresher.failure());
        }
        if (now - lastRefresh >= refreshNanos) {
            refresher.request();
            lastRefresh = now;
        }
        if (now - lastCommit >= commitNanos) {
            store.commit();
            lastCommit = now;
            commits++;
        }
    }

    /** At the end: everything searchable and durable. */
    void finish() throws IOException {
        close();
        store.refresh();
        store.commit();
        commits++;
    }

    /** Refreshes made, the last one included. */
    long refreshes() {
        return refresher.refreshes() + 1;
    }

    /** Stops the refresher after the refresh under way. */
    @Override
    public void close() throws IOException {
        try {
            refresher.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while the last refresh ran");
        }
    }

    int commits() {
        return commits;
    }
}
