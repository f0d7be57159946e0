package io.gatewatch.server.ingest;

import io.gatewatch.core.journal.Journal;
import io.gatewatch.core.journal.JournalRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Group commit: listeners hand records over, one thread appends whatever has queued up since its
 * last round to the journal, fsyncs once, then completes each record's future with its offset.
 * A future completes only once its record is on disk: that is when a protocol with
 * acknowledgements may acknowledge.
 *
 * <p>The queue is bounded: when the disk falls behind, {@link #write} blocks the listener's
 * thread, so TCP stops reading and the sender's own queue holds the data.
 */
public final class JournalWriter implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(JournalWriter.class.getName());
    /** Records per append and fsync, at most. */
    static final int MAX_GROUP = 4096;

    private record Pending(JournalRecord record, CompletableFuture<Long> done) {}

    private final Journal journal;
    private final BlockingQueue<Pending> queue;
    private final Thread thread;
    private volatile boolean closing;

    public JournalWriter(Journal journal, int queueCapacity) {
        this.journal = journal;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.thread = Thread.ofPlatform().name("gatewatch-journal").start(this::run);
    }

    /** Queues a record; the future gives its offset once it is durable. Blocks while the queue is full. */
    public CompletableFuture<Long> write(JournalRecord record) throws InterruptedException {
        if (closing) {
            throw new IllegalStateException("the journal writer is closed");
        }
        CompletableFuture<Long> done = new CompletableFuture<>();
        queue.put(new Pending(record, done));
        return done;
    }

    private void run() {
        List<Pending> group = new ArrayList<>(MAX_GROUP);
        List<JournalRecord> records = new ArrayList<>(MAX_GROUP);
        while (!closing || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                queue.drainTo(group, MAX_GROUP - 1);
                for (Pending p : group) {
                    records.add(p.record());
                }
                long offset = journal.append(records);
                journal.sync();
                for (Pending p : group) {
                    p.done().complete(offset++);
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
        }
    }

    /**
     * Queues a record if there is room within {@code timeoutMillis}; null when the journal is
     * too far behind, for protocols that answer "overloaded, retry later" instead of waiting.
     */
    public CompletableFuture<Long> tryWrite(JournalRecord record, long timeoutMillis) throws InterruptedException {
        if (closing) {
            throw new IllegalStateException("the journal writer is closed");
        }
        CompletableFuture<Long> done = new CompletableFuture<>();
        return queue.offer(new Pending(record, done), timeoutMillis, TimeUnit.MILLISECONDS) ? done : null;
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
