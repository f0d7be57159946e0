package io.gatewatch.bench.store;

import io.gatewatch.core.intake.IntakeParsers;
import io.gatewatch.core.journal.JournalRecord;
import io.gatewatch.core.journal.SegmentedJournal;
import io.gatewatch.store.feed.StoreFeeder;
import io.gatewatch.store.index.LuceneEventStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Arrival to searchable, under load: lines appended to a real journal at a fixed rate in group
 * commits (append, then sync: the moment an intake may acknowledge them), a {@link StoreFeeder}
 * with its default settings filling a fresh store from it, and a poller that asks the store for
 * sampled events by id until it finds them. The delay of a sample is from the end of its sync to
 * the search that first found it.
 *
 * <p>The feeder indexes in journal order and a refresh exposes everything indexed before it, so
 * the poller waits for one sample at a time, oldest first; the next ones are usually found at the
 * first try. What the poll itself adds is its sleep ({@value #POLL_MILLIS} ms) and one search.
 */
final class ArrivalDelayPhase {
    static final int POLL_MILLIS = 2;
    /** Group commits per second: each appends and syncs a hundredth of the second's events. */
    static final int GROUPS_PER_SECOND = 100;
    static final int SAMPLES_PER_SECOND = 100;
    /** How long the poller keeps looking once the load has stopped. */
    static final long GRACE_SECONDS = 30;

    private ArrivalDelayPhase() {}

    /**
     * @param appended events appended and synced
     * @param samples events whose delay was to be measured
     * @param delays their delays, for those found within the grace period after the load
     * @param maxLag the most records durable in the journal and not yet indexed, seen during the load
     */
    record Result(int rate, int seconds, long appended, double appendedPerSecond, int samples, Latencies delays,
            long maxLag) {
        int missing() {
            return samples - delays.count();
        }
    }

    static Result run(Path dir, int rate, int seconds, List<byte[]> lines) throws IOException, InterruptedException {
        Path dataDir = dir.resolve("data");
        BenchEvents.registerIntake(dataDir);
        int sampleEvery = Math.max(1, rate / SAMPLES_PER_SECOND);
        int capacity = (int) Math.min(Integer.MAX_VALUE - 8, (long) rate * seconds / sampleEvery + 2 * GROUPS_PER_SECOND);
        Samples samples = new Samples(capacity);
        try (SegmentedJournal journal = SegmentedJournal.open(dir.resolve("journal"), SegmentedJournal.DEFAULT_SEGMENT_BYTES);
                LuceneEventStore store = LuceneEventStore.open(dir.resolve("store"))) {
            IntakeParsers parsers = new IntakeParsers(dataDir);
            StoreFeeder feeder = new StoreFeeder(journal, store, parsers::parse, StoreFeeder.Settings.DEFAULT).start();
            Latencies delays = new Latencies();
            Thread poller = Thread.ofPlatform().name("bench-poller").start(() -> poll(store, samples, delays));
            long start = System.nanoTime();
            long tick = TimeUnit.SECONDS.toNanos(1) / GROUPS_PER_SECOND;
            long ticks = (long) seconds * GROUPS_PER_SECOND;
            long total = (long) rate * seconds;
            long appended = 0;
            long maxLag = 0;
            List<JournalRecord> group = new ArrayList<>();
            for (long t = 1; t <= ticks; t++) {
                long wait = start + t * tick - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                // Behind schedule (a slow sync), the next groups follow at once: the rate holds on average.
                long due = total * t / ticks;
                group.clear();
                long received = System.currentTimeMillis();
                for (long i = appended; i < due; i++) {
                    group.add(JournalRecord.of(received, BenchEvents.INTAKE, lines.get((int) (i % lines.size()))));
                }
                if (group.isEmpty()) {
                    continue;
                }
                long first = journal.append(group);
                journal.sync();
                long synced = System.nanoTime();
                for (long o = first; o < first + group.size(); o++) {
                    if (o % sampleEvery == 0) {
                        samples.add(o, synced);
                    }
                }
                appended += group.size();
                maxLag = Math.max(maxLag, feeder.lag());
            }
            double appendSeconds = (System.nanoTime() - start) / 1e9;
            samples.close(System.nanoTime() + TimeUnit.SECONDS.toNanos(GRACE_SECONDS));
            poller.join();
            feeder.close();
            if (feeder.failure() != null) {
                throw new IOException("the store feeder failed", feeder.failure());
            }
            return new Result(rate, seconds, appended, appended / appendSeconds, samples.count(), delays, maxLag);
        }
    }

    /** Finds the samples in order; each delay is from its sync to the search that found it. */
    private static void poll(LuceneEventStore store, Samples samples, Latencies delays) {
        int next = 0;
        try {
            while (true) {
                if (next < samples.count()) {
                    if (store.get(JournalRecord.eventId(samples.offset(next))).isPresent()) {
                        delays.add(System.nanoTime() - samples.syncedAt(next));
                        next++;
                        continue;
                    }
                } else if (samples.closed()) {
                    return; // every sample found
                }
                if (samples.closed() && System.nanoTime() > samples.deadline()) {
                    return; // the rest were not searchable in time
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Sampled offsets and when their group was synced, written by the load thread, read by the poller. */
    private static final class Samples {
        private final long[] offsets;
        private final long[] syncedAt;
        private volatile int count;
        private volatile long deadline = Long.MAX_VALUE;
        private volatile boolean closed;

        Samples(int capacity) {
            offsets = new long[capacity];
            syncedAt = new long[capacity];
        }

        void add(long offset, long synced) {
            int n = count;
            if (n < offsets.length) {
                offsets[n] = offset;
                syncedAt[n] = synced;
                count = n + 1; // publishes the two writes above
            }
        }

        void close(long deadlineNanos) {
            deadline = deadlineNanos;
            closed = true;
        }

        int count() {
            return count;
        }

        long offset(int i) {
            return offsets[i];
        }

        long syncedAt(int i) {
            return syncedAt[i];
        }

        boolean closed() {
            return closed;
        }

        long deadline() {
            return deadline;
        }
    }
}
