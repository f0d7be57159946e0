package io.gatewatch.server;

import io.gatewatch.store.feed.StoreFeeder;
import io.gatewatch.store.index.LuceneEventStore;
import io.gatewatch.store.retention.RetentionPolicy;

/**
 * The embedded store's settings in {@code serve}.
 *
 * @param enabled false runs the intake alone (the journal still keeps everything)
 * @param retention days kept, per intake
 * @param refreshMillis at most this long between an event reaching the journal and being searchable
 * @param commitMillis at most this long before indexed events are durable in the store
 * @param indexThreads threads that index each batch of events, the feeder's included
 */
public record StoreSettings(boolean enabled, RetentionPolicy retention, long refreshMillis, long commitMillis,
        int indexThreads) {
    public StoreSettings {
        if (refreshMillis < 10 || commitMillis < refreshMillis) {
            throw new IllegalArgumentException("store refresh must be ≥ 10 ms and commit no shorter than refresh");
        }
        if (indexThreads < 1) {
            throw new IllegalArgumentException("the store needs at least one indexing thread");
        }
    }

    /** With the default number of indexing threads. */
    public StoreSettings(boolean enabled, RetentionPolicy retention, long refreshMillis, long commitMillis) {
        this(enabled, retention, refreshMillis, commitMillis, LuceneEventStore.Settings.DEFAULT.indexThreads());
    }

    public static StoreSettings defaults() {
        StoreFeeder.Settings f = StoreFeeder.Settings.DEFAULT;
        return new StoreSettings(true, RetentionPolicy.days(RetentionPolicy.DEFAULT_DAYS), f.refreshMillis(), f.commitMillis());
    }

    StoreFeeder.Settings feederSettings() {
        StoreFeeder.Settings d = StoreFeeder.Settings.DEFAULT;
        return new StoreFeeder.Settings(d.batch(), refreshMillis, commitMillis, d.idlePollMillis());
    }

    LuceneEventStore.Settings indexSettings() {
        return new LuceneEventStore.Settings(LuceneEventStore.Settings.DEFAULT.ramBufferMb(), indexThreads);
    }
}
