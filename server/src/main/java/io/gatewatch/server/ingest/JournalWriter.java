package io.gatewatch.server.ingest;

import io.gatewatch.core.journal.Journal;
import io.gatewatch.core.journal.JournalRecord;
import io.gatewatch.server.metrics.ServerMetrics;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Group commit: listeners hand records over, one thread appends whatever has queued up since its
 * last round to the journal, fsyncs once, then completes each record's future with its offset.
 * A future completes only once its record is on disk: that is when a protocol with
 * acknowledgements may acknowledge.
 *
 * <p>Handing over never blocks: the listeners' threads also serve other connections. How full the
 * queue may get is {@link Backpressure}'s business, which this writer tells after each commit.
 */
public final class JournalWriter implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(JournalWriter.class.getName());
    /** Records per append and fsync, at most. */
    static final int MAX_GROUP = 4096;

    /**
     * One record on its way to disk.
     *
     * @param latency where its reception-to-durable time goes
     * @param receivedNanos when it was received ({@link System#nanoTime()})
     */
    private record Pending(JournalRecord record, CompletableFuture<Long> done, ServerMetrics.Durable meters, long receivedNanos) {}

    private final Journal journal;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Timer syncTimer;
    private final Backpressure backpressure;
    private final Thread thread;
    private volatile boolean closing;

    /**
     * @param queueCapacity events waiting for the journal at which listeners hold back (the high
     *     watermark; they resume at half of it)
     * @param syncTimer where the duration of each group commit goes
     */
    public JournalWriter(Journal journal, int queueCapacity, Timer syncTimer) {
        this.journal = journal;
        this.syncTimer = syncTimer;
        this.backpressure = Backpressure.forCapacity(queueCapacity, queue::size);
        this.thread = Thread.ofPlatform().name("gatewatch-journal").start(this::run);
    }

    /**
     * Queues a record, without blocking; the future gives its offset once it is durable.
     *
     * @param meters the meters of the intake and listener it came by
     * @param receivedNanos when it was received ({@link System#nanoTime()})
     */
    public CompletableFuture<Long> submit(JournalRecord record, ServerMetrics.Durable meters, long receivedNanos) {
        if (closing) {
            throw new IllegalStateException("the journal writer is closed");
        }
        CompletableFuture<Long> done = new CompletableFuture<>();
        queue.add(new Pending(record, done, meters, receivedNanos));
        return done;
    }

    private void run() {
        List<Pending> group = new ArrayList<>(MAX_GROUP);
        List<JournalRecord> records = new ArrayList<>(MAX_GROUP);
        while (!closing || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    backpressure.drained();
                    continue;
                }
                group.add(first);
                queue.drainTo(group, MAX_GROUP - 1);
                for (Pending p : group) {
                    records.add(p.record());
                }
                long start = System.nanoTime();
                long offset = journal.append(records);
                journal.sync();
                long now = System.nanoTime();
                syncTimer.record(now - start, TimeUnit.NANOSECONDS);
                for (Pending p : group) {
                    p.done().complete(offset++);
                    p.meters().latency().record(now - p.receivedNanos(), TimeUnit.NANOSECONDS);
                    p.meters().events().increment();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException | RuntimeException e) {
                // Nothing of this group is acknowledged: senders with acknowledgements resend it.
                LOG.log(Level.SEVERE, "journal write failed: " + e.getMessage(), e);
                for (Pending p : group) {
                    p.done().completeExceptionally(e);
                }
            } finally {
                group.clear();
                records.clear();
            }
            backpressure.drained();
        }
    }

    public Backpressure backpressure() {
        return backpressure;
    }

    /** Records waiting for the journal. */
    public int queued() {
        return queue.size();
    }

    /** Writes what is queued, then stops. */
    @Override
    public void close() throws InterruptedException {
        closing = true;
        thread.join();
    }
}
