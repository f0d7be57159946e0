package io.gatewatch.store.feed;

import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.core.journal.Journal;
import io.gatewatch.core.journal.JournalRecord;
import io.gatewatch.store.EventStore;
import io.gatewatch.store.IndexedEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The journal consumer that fills the store: reads durable records from where the store left
 * off, parses them, indexes them, has them refreshed often enough that an acknowledged event is
 * searchable within {@link Settings#refreshMillis()} (on a {@link Refresher}'s thread, while
 * indexing goes on), and commits every
 * {@link Settings#commitMillis()} (what was not committed is replayed after a crash, once).
 */
public final class StoreFeeder implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(StoreFeeder.class.getName());

    /**
     * @param batch records read and indexed at a time
     * @param refreshMillis at most this long between indexing an event and it being searchable
     * @param commitMillis at most this long between indexing an event and it being durable in the store
     * @param idlePollMillis how long to wait for new records when the journal has none
     */
    public record Settings(int batch, long refreshMillis, long commitMillis, long idlePollMillis) {
        public static final Settings DEFAULT = new Settings(2_000, 250, 10_000, 20);
    }

    private final Journal journal;
    private final EventStore store;
    private final Function<JournalRecord, EcsEvent> decoder;
    private final Settings settings;
    private final List<PipelineStage> stages;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long lagRecords;
    private volatile Throwable failure;

    public StoreFeeder(Journal journal, EventStore store, Function<JournalRecord, EcsEvent> decoder, Settings settings) {
        this(journal, store, decoder, settings, List.of());
    }

    /** With steps that see every parsed event before it is indexed (detection, enrichment). */
    public StoreFeeder(Journal journal, EventStore store, Function<JournalRecord, EcsEvent> decoder, Settings settings,
            List<PipelineStage> stages) {
        this.stages = List.copyOf(stages);
        this.journal = journal;
        this.store = store;
        this.decoder = decoder;
        this.settings = settings;
        this.thread = Thread.ofPlatform().name("gatewatch-store-feeder").daemon(true).unstarted(this::run);
    }

    public StoreFeeder start() {
        thread.start();
        return this;
    }

    /** Records durable in the journal and not yet indexed. */
    public long lag() {
        return lagRecords;
    }

    /** Why the feeder stopped, or null while it runs. */
    public Throwable failure() {
        return failure;
    }

    private void run() {
        long next = Math.max(store.nextOffset(), journal.startOffset());
        long lastRefresh = System.nanoTime();
        long lastCommit = lastRefresh;
        boolean unrefreshed = false;
        boolean uncommitted = false;
        List<IndexedEvent> batch = new ArrayList<>(settings.batch());
        Refresher refresher = new Refresher(store, "gatewatch-store-refresher");
        try {
            while (running) {
                List<JournalRecord> records = journal.read(Math.max(next, journal.startOffset()), settings.batch());
                if (!records.isEmpty()) {
                    batch.clear();
                    for (JournalRecord r : records) {
                        batch.add(new IndexedEvent(r.offset(), r.intake(), r.receivedAtMillis(), decoder.apply(r)));
                    }
                    for (PipelineStage stage : stages) {
                        stage.process(batch);
                    }
                    store.index(batch);
                    next = records.getLast().offset() + 1;
                    unrefreshed = true;
                    uncommitted = true;
                }
                lagRecords = Math.max(0, journal.durableOffset() - next);
                if (refresher.failure() != null) {
                    throw new IOException("refreshing the store failed", refresher.failure());
                }
                long now = System.nanoTime();
                if (unrefreshed && now - lastRefresh >= TimeUnit.MILLISECONDS.toNanos(settings.refreshMillis())) {
                    refresher.request();
                    lastRefresh = now;
                    unrefreshed = false;
                }
                if (uncommitted && now - lastCommit >= TimeUnit.MILLISECONDS.toNanos(settings.commitMillis())) {
                    commit();
                    lastCommit = now;
                    uncommitted = false;
                }
                if (records.isEmpty()) {
                    Thread.sleep(settings.idlePollMillis());
                }
            }
            refresher.close();
            store.refresh();
            commit();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            failure = e;
            LOG.log(Level.SEVERE, "the store feeder stopped; events stay in the journal and are indexed after a restart", e);
        } finally {
            try {
                refresher.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void commit() throws IOException {
        store.commit();
        for (PipelineStage stage : stages) {
            stage.committed(store.nextOffset());
        }
    }

    /** Stops after the batch in progress, then refreshes and commits what was indexed. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join();
    }
}
