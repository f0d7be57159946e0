package io.gatewatch.bench.store;

import io.gatewatch.core.ecs.EcsJsonWriter;
import io.gatewatch.core.ecs.JsonOutput;
import io.gatewatch.store.IndexedEvent;
import io.gatewatch.store.feed.StoreFeeder;
import io.gatewatch.store.index.LuceneEventStore;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Ingest end to end: raw lines read in the feeder's batches, parsed to ECS, indexed, refreshed and
 * committed on the feeder's schedule, one thread, as the server's store feeder does. Parse and
 * index time are clocked apart, so the same run gives the index-only rate (the time spent in the
 * store, from parsed events) and the end-to-end rate (lines to searchable events).
 *
 * <p>On the side, and off the clocks: every {@code scanEvery}-th event is written to the NDJSON
 * sample (its JSON after indexing, which is the document's stored source), and values for the
 * analysts' questions are picked.
 */
final class IngestPhase {
    /**
     * @param wallNanos the whole loop less the side work: reading lines, parsing, indexing,
     *     refreshes, commits, and the merges that run meanwhile
     * @param parseNanos in the parser (and the time layout)
     * @param storeNanos in the store: {@code index}, {@code refresh}, {@code commit}
     * @param cpuNanos CPU time of the whole process over the loop, merges and GC included
     * @param writtenBytes bytes the process wrote to storage over the loop (-1: unknown), the
     *     NDJSON sample included
     */
    record Result(long events, long wallNanos, long parseNanos, long storeNanos, long cpuNanos, long writtenBytes,
            long refreshes, int commits, long sampled, long sampleBytes) {
        double endToEndPerSecond() {
            return events * 1e9 / wallNanos;
        }

        double indexOnlyPerSecond() {
            return events * 1e9 / storeNanos;
        }

        double parsePerSecond() {
            return events * 1e9 / parseNanos;
        }
    }

    private IngestPhase() {}

    static Result run(LuceneEventStore store, Path rawLog, BenchEvents decoder, long scanEvery, Path ndjson,
            QueryValues values, Progress progress) throws IOException {
        StoreFeeder.Settings settings = StoreFeeder.Settings.DEFAULT;
        FeederCadence cadence = new FeederCadence(store, settings);
        JsonOutput json = new JsonOutput(4096);
        List<IndexedEvent> batch = new ArrayList<>(settings.batch());
        long parseNanos = 0;
        long storeNanos = 0;
        long sideNanos = 0;
        long sampled = 0;
        long sampleBytes = 0;
        long offset = 0;
        long cpu0 = Machine.processCpuNanos();
        long written0 = Machine.processWriteBytes();
        long start = System.nanoTime();
        try (RawLog.Reader reader = new RawLog.Reader(rawLog);
                OutputStream sample = scanEvery > 0
                        ? new BufferedOutputStream(Files.newOutputStream(ndjson), 1 << 20)
                        : OutputStream.nullOutputStream()) {
            for (List<byte[]> lines = reader.next(settings.batch()); !lines.isEmpty();
                    lines = reader.next(settings.batch())) {
                long t0 = System.nanoTime();
                batch.clear();
                for (byte[] line : lines) {
                    batch.add(decoder.decode(offset++, line));
                }
                long t1 = System.nanoTime();
                store.index(batch);
                cadence.afterBatch();
                long t2 = System.nanoTime();
                for (IndexedEvent e : batch) {
                    values.offer(e.offset(), e.event());
                    if (scanEvery > 0 && e.offset() % scanEvery == 0) {
                        json.reset();
                        EcsJsonWriter.write(e.event(), json);
                        json.writeTo(sample);
                        sample.write('\n');
                        sampled++;
                        sampleBytes += json.length() + 1;
                    }
                }
                progress.update(offset);
                long t3 = System.nanoTime();
                parseNanos += t1 - t0;
                storeNanos += t2 - t1;
                sideNanos += t3 - t2;
            }
            long t0 = System.nanoTime();
            cadence.finish();
            storeNanos += System.nanoTime() - t0;
        }
        long wall = System.nanoTime() - start - sideNanos;
        return new Result(offset, wall, parseNanos, storeNanos, Machine.processCpuNanos() - cpu0,
                written(written0), cadence.refreshes(), cadence.commits(), sampled, sampleBytes);
    }

    /** Index only: events parsed beforehand into memory, then indexed as above; wall time to the last commit. */
    static Result indexOnly(LuceneEventStore store, List<IndexedEvent> events) throws IOException {
        StoreFeeder.Settings settings = StoreFeeder.Settings.DEFAULT;
        FeederCadence cadence = new FeederCadence(store, settings);
        long cpu0 = Machine.processCpuNanos();
        long written0 = Machine.processWriteBytes();
        long start = System.nanoTime();
        for (int from = 0; from < events.size(); from += settings.batch()) {
            store.index(events.subList(from, Math.min(events.size(), from + settings.batch())));
            cadence.afterBatch();
        }
        cadence.finish();
        long wall = System.nanoTime() - start;
        return new Result(events.size(), wall, 1, wall, Machine.processCpuNanos() - cpu0, written(written0),
                cadence.refreshes(), cadence.commits(), 0, 0);
    }

    private static long written(long before) {
        long now = Machine.processWriteBytes();
        return before < 0 || now < 0 ? -1 : now - before;
    }
}
