package io.gatewatch.bench.store;

import io.gatewatch.store.IndexedEvent;
import io.gatewatch.store.index.LuceneEventStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The store benchmark: generates realistic Pulse Secure events, ingests them into the embedded
 * Lucene store, asks it an analyst's questions, measures how long a freshly acknowledged event
 * takes to become searchable under load, and answers the same questions by scanning the events'
 * NDJSON for comparison. Prints a Markdown summary on standard output; progress goes to standard
 * error.
 *
 * <pre>{@code
 * ./mvnw -q -B -DskipTests package -pl bench -am
 * java -cp bench/target/benchmarks.jar io.gatewatch.bench.store.StoreLoadBench --events 10000000 --dir "$(mktemp -d)"
 * }</pre>
 *
 * <p>Phases, in order (each described where it is implemented):
 * <ol>
 *   <li>the raw log: {@code --events} lines of the mixed corpus written to a file ({@link RawLog}),
 *       untimed;</li>
 *   <li>ingest end to end, every line, into the store the rest of the run searches ({@link IngestPhase});</li>
 *   <li>index only: the first {@code --index-only-events} lines parsed into memory, then indexed into
 *       a scratch store ({@link IngestPhase#indexOnly});</li>
 *   <li>disk: the store closed (committed), its bytes against the raw log's;</li>
 *   <li>searches and terms aggregations on the reopened store ({@link SearchPhase});</li>
 *   <li>the baseline: the same questions by scanning the NDJSON sample ({@link NdjsonScan});</li>
 *   <li>arrival to searchable at each {@code --nrt-rates} rate ({@link ArrivalDelayPhase}).</li>
 * </ol>
 */
public final class StoreLoadBench {
    private StoreLoadBench() {}

    public static void main(String[] args) throws Exception {
        if (java.util.Arrays.asList(args).contains("--help")) {
            System.out.println(StoreBenchOptions.USAGE);
            return;
        }
        StoreBenchOptions options;
        try {
            options = StoreBenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(StoreBenchOptions.USAGE);
            System.exit(2);
            return;
        }
        System.out.print(run(options).markdown());
    }

    static Summary run(StoreBenchOptions o) throws IOException, InterruptedException {
        Files.createDirectories(o.dir());
        Summary summary = new Summary(o, Machine.describe(), Machine.loadAverage());
        TimeLayout layout = TimeLayout.endingAt(System.currentTimeMillis(), o.days(), o.events());
        summary.layout = layout;

        Path rawLog = o.dir().resolve("raw.log");
        Progress.say("writing %,d lines of the mixed corpus to %s", o.events(), rawLog);
        summary.rawBytes = RawLog.write(rawLog, o.events());

        Path storeDir = o.dir().resolve("store");
        Path ndjson = o.dir().resolve("sample.ndjson");
        QueryValues values = new QueryValues();
        Progress.say("ingest: %,d lines, parse and index (load %.1f)", o.events(), Machine.loadAverage());
        try (LuceneEventStore store = LuceneEventStore.open(storeDir)) {
            BenchEvents decoder = BenchEvents.open(o.dir().resolve("data"), layout);
            summary.ingest = IngestPhase.run(store, rawLog, decoder, o.scanEvery(), ndjson, values,
                    new Progress("ingest", o.events()));
        }
        if (o.indexOnlyEvents() > 0) {
            // After the main ingest, so that both run on a warmed-up JVM.
            summary.indexOnly = indexOnly(o, layout, rawLog);
        }

        QueryMix mix = new QueryMix(values);
        try (LuceneEventStore store = LuceneEventStore.open(storeDir)) {
            // Measured closed and reopened: committed segments only, no merge in progress.
            summary.storeBytes = store.diskBytes();
            summary.diskParts = DiskUsage.of(storeDir);
            summary.partitions = store.partitions().size();
            Progress.say("searches: %d + %d rounds (load %.1f)", o.warmupRounds(), o.rounds(), Machine.loadAverage());
            summary.searches = SearchPhase.searches(store, mix, layout, o.warmupRounds(), o.rounds());
            Progress.say("terms aggregations (load %.1f)", Machine.loadAverage());
            summary.terms = SearchPhase.termsAggregations(store, layout, Math.min(5, o.aggRuns()), o.aggRuns());
        }

        if (o.scanEvents() > 0) {
            Progress.say("baseline: scanning %,d events of NDJSON (load %.1f)", summary.ingest.sampled(),
                    Machine.loadAverage());
            for (AnalystQuery q : mix.round(o.warmupRounds())) {
                summary.scans.add(NdjsonScan.search(ndjson, q, q.fromMillis(layout), q.toMillis(layout),
                        SearchPhase.SIZE));
            }
            for (String field : QueryMix.TERMS_FIELDS) {
                summary.termScans.add(NdjsonScan.terms(ndjson, field, QueryMix.TERMS_SIZE, layout.lastDayFromMillis(),
                        layout.endMillis()));
            }
        }

        if (!o.nrtRates().isEmpty()) {
            List<byte[]> lines;
            try (RawLog.Reader reader = new RawLog.Reader(rawLog)) {
                lines = reader.next(100_000);
            }
            for (int requested : o.nrtRates()) {
                int rate = requested == StoreBenchOptions.HALF_INGEST_RATE
                        ? Math.max(1_000, (int) (summary.ingest.endToEndPerSecond() / 2 / 1_000) * 1_000)
                        : requested;
                Path dir = o.dir().resolve("nrt-" + rate);
                Progress.say("arrival to searchable: %,d events/s for %d s (load %.1f)", rate, o.nrtSeconds(),
                        Machine.loadAverage());
                summary.arrivals.add(ArrivalDelayPhase.run(dir, rate, o.nrtSeconds(), lines));
                delete(dir);
            }
        }

        if (!o.keep()) {
            delete(storeDir);
            Files.deleteIfExists(rawLog);
            Files.deleteIfExists(ndjson);
            delete(o.dir().resolve("data"));
        }
        summary.loadAtEnd = Machine.loadAverage();
        return summary;
    }

    /** Parses the first lines into memory, then indexes them into a scratch store, which is deleted. */
    private static IngestPhase.Result indexOnly(StoreBenchOptions o, TimeLayout layout, Path rawLog) throws IOException {
        Progress.say("index only: parsing %,d lines into memory", o.indexOnlyEvents());
        BenchEvents decoder = BenchEvents.open(o.dir().resolve("data"), layout);
        List<IndexedEvent> events;
        try (RawLog.Reader reader = new RawLog.Reader(rawLog)) {
            events = decoder.decodeAll(reader.next(o.indexOnlyEvents()));
        }
        Path dir = o.dir().resolve("index-only-store");
        Progress.say("index only: indexing (load %.1f)", Machine.loadAverage());
        IngestPhase.Result result;
        try (LuceneEventStore store = LuceneEventStore.open(dir)) {
            result = IngestPhase.indexOnly(store, events);
        }
        delete(dir);
        return result;
    }

    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
