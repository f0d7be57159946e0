package io.gatewatch.bench.store;

import io.gatewatch.store.EventStore;
import io.gatewatch.store.feed.StoreFeeder;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Refreshes and commits a store on the schedule of {@link StoreFeeder} at its default settings, so
 * that bulk ingest in the bench pays what ingest in the server pays: a near-real-time refresh
 * (a new small segment) every {@code refreshMillis} and a durable commit every {@code commitMillis}.
 */
final class FeederCadence {
    private final EventStore store;
    private final long refreshNanos;
    private final long commitNanos;
    private long lastRefresh;
    private long lastCommit;
    private int refreshes;
    private int commits;

    FeederCadence(EventStore store, StoreFeeder.Settings settings) {
        this.store = store;
        this.refreshNanos = TimeUnit.MILLISECONDS.toNanos(settings.refreshMillis());
        this.commitNanos = TimeUnit.MILLISECONDS.toNanos(settings.commitMillis());
        this.lastRefresh = System.nanoTime();
        this.lastCommit = lastRefresh;
    }

    /** After a batch was indexed: refreshes and commits when their time has come, as the feeder does. */
    void afterBatch() throws IOException {
        long now = System.nanoTime();
        if (now - lastRefresh >= refreshNanos) {
            store.refresh();
            lastRefresh = now;
            refreshes++;
        }
        if (now - lastCommit >= commitNanos) {
            store.commit();
            lastCommit = now;
            commits++;
        }
    }

    /** At the end: everything searchable and durable. */
    void finish() throws IOException {
        store.refresh();
        store.commit();
        refreshes++;
        commits++;
    }

    int refreshes() {
        return refreshes;
    }

    int commits() {
        return commits;
    }
}
