package io.gatewatch.bench.store;

import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.core.ecs.EcsField;
import io.gatewatch.store.IndexedEvent;
import io.gatewatch.store.agg.AggSpec;
import io.gatewatch.store.agg.AggregationResult;
import io.gatewatch.store.agg.Aggregations;
import io.gatewatch.store.index.LuceneEventStore;
import io.gatewatch.store.schema.StoreFields;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MultiReader;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.BulkScorer;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Weight;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * Terms aggregations (top 10 over the last 24 hours) on a store of synthetic events whose source
 * addresses are nearly all distinct, as a busy gateway's are: the store's terms aggregation
 * against the algorithm it replaced (per-segment ordinals turned into strings in a hash map, then
 * a sort of every value), kept below as the baseline. Both read the same partition readers, as
 * the store's searches do, and must give the same answer.
 *
 * <p>The two run in turn, each first every other time. "warm" runs reuse the partitions' readers, so the store's ordinal maps are built once;
 * "cold" runs open the readers anew before each run, so they include building the maps, as the
 * first aggregation after a refresh does.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.gatewatch.bench.store.TermsAggregationBench --dir DIR
 * </pre>
 */
public final class TermsAggregationBench {
    static final List<String> FIELDS = List.of("source.ip", "user.name", "event.code");
    static final int SIZE = 10;
    private static final long HOUR = 3_600_000L;

    static final String USAGE = """
            usage: TermsAggregationBench --dir DIR [options]
              --events N       events in the last 24 hours (default 1000000)
              --warmup N       unmeasured runs before each measured series (default 5)
              --runs N         measured runs of each field and algorithm (default 20)
              --cold-runs N    measured runs with freshly opened readers (default 5)
              --refresh N      events between refreshes while indexing: the segments (default 5000)
              --keep           keep the store""";

    record Options(long events, Path dir, int warmup, int runs, int coldRuns, int refreshEvery, boolean keep) {
        static Options parse(String[] args) {
            BenchArgs a = BenchArgs.parse(args, Set.of("--events", "--dir", "--warmup", "--runs", "--cold-runs",
                    "--refresh"), Set.of("--keep"));
            return new Options(a.number("--events", 1_000_000), a.dir(), (int) a.number("--warmup", 5),
                    (int) a.number("--runs", 20), (int) a.number("--cold-runs", 5), (int) a.number("--refresh", 5_000),
                    a.flag("--keep"));
        }
    }

    private TermsAggregationBench() {}

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            if (List.of(args).contains("--help")) {
                System.out.println(USAGE);
                return;
            }
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        run(options);
    }

    static void run(Options o) throws IOException {
        Path storeDir = o.dir().resolve("store");
        long end = System.currentTimeMillis();
        long from = end - 24 * HOUR;
        System.out.printf(Locale.ROOT, "machine: %s; load average %.2f at the start%n", Machine.describe(),
                Machine.loadAverage());
        long t0 = System.nanoTime();
        build(storeDir, o.events(), from, end, o.refreshEvery());
        System.out.printf(Locale.ROOT, "indexed %,d events in %.1f s%n", o.events(), (System.nanoTime() - t0) / 1e9);

        Query window = LongPoint.newRangeQuery(StoreFields.TIMESTAMP, from, end);
        List<Path> partitionDirs = partitionDirs(storeDir);
        List<String> rows = new ArrayList<>();
        try (Readers readers = Readers.open(partitionDirs)) {
            System.out.println("partitions (segments): " + readers.describe());
            IndexSearcher searcher = readers.searcher();
            for (String field : FIELDS) {
                Latencies baseline = new Latencies();
                Latencies warm = new Latencies();
                List<AggregationResult.Bucket> expected = null;
                long[] distinctAndOther = null;
                AggregationResult.Buckets got = null;
                // Alternating which goes first, so that a change in the machine's load hits both alike.
                for (int i = 0; i < o.warmup() + o.runs(); i++) {
                    for (int which = 0; which < 2; which++) {
                        boolean baselineNow = (i + which) % 2 == 0;
                        long s = System.nanoTime();
                        if (baselineNow) {
                            Baseline.Answer answer = Baseline.top(searcher, window, field, SIZE);
                            expected = answer.buckets();
                            distinctAndOther = new long[] {answer.distinct(), answer.other()};
                        } else {
                            got = current(searcher, window, field);
                        }
                        if (i >= o.warmup()) {
                            (baselineNow ? baseline : warm).add(System.nanoTime() - s);
                        }
                    }
                }
                Latencies cold = new Latencies();
                for (int i = 0; i < o.coldRuns(); i++) {
                    try (Readers fresh = Readers.open(partitionDirs)) {
                        IndexSearcher freshSearcher = fresh.searcher();
                        long s = System.nanoTime();
                        current(freshSearcher, window, field);
                        cold.add(System.nanoTime() - s);
                    }
                }
                boolean same = got.buckets().equals(expected) && got.otherCount() == distinctAndOther[1];
                rows.add(String.format(Locale.ROOT,
                        "| `%s` | %,d | %.1f | %.1f | %.1f | %.1f | %.1f× | %s | %s |",
                        field, distinctAndOther[0], baseline.percentileMillis(50), baseline.maxMillis(),
                        warm.percentileMillis(50), warm.maxMillis(), baseline.percentileMillis(50)
                                / warm.percentileMillis(50),
                        o.coldRuns() == 0 ? "" : String.format(Locale.ROOT, "%.1f", cold.percentileMillis(50)),
                        same ? "yes" : "NO: " + got.buckets() + " other " + got.otherCount() + " / " + expected
                                + " other " + distinctAndOther[1]));
            }
        }
        System.out.printf(Locale.ROOT, "%nTop %d over the last 24 h, %d warm-up and %d measured runs each, %d cold runs:%n%n",
                SIZE, o.warmup(), o.runs(), o.coldRuns());
        System.out.println("| field | distinct in window | before p50 ms | before max ms | after p50 ms (warm) "
                + "| after max ms | speed-up | after p50 ms (cold: maps built) | same answer |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---|");
        rows.forEach(System.out::println);
        System.out.printf(Locale.ROOT, "%nload average %.2f at the end%n", Machine.loadAverage());
        if (!o.keep()) {
            deleteTree(o.dir().resolve("store"));
        }
    }

    private static AggregationResult.Buckets current(IndexSearcher searcher, Query query, String field)
            throws IOException {
        AggregationResult r = Aggregations.run(searcher, query,
                List.of(new AggSpec.Terms("top", field, SIZE, List.of())), System.nanoTime());
        return (AggregationResult.Buckets) r.values().get("top");
    }

    /**
     * Indexes {@code events} synthetic events spread evenly over [from, end] through the store, with
     * a refresh every {@code refreshEvery} events (the feeder refreshes every 250 ms, which at its
     * ingest rate makes segments of a few thousand events) and a commit every 100,000.
     */
    private static void build(Path storeDir, long events, long from, long end, int refreshEvery) throws IOException {
        SyntheticEvents gen = new SyntheticEvents(42);
        long step = Math.max(1, (end - from) / events);
        try (LuceneEventStore store = LuceneEventStore.open(storeDir)) {
            List<IndexedEvent> batch = new ArrayList<>(2_000);
            for (long i = 0; i < events; i++) {
                long ts = Math.min(end, from + i * step);
                batch.add(new IndexedEvent(i, "pulse", Math.min(end, ts + 500), gen.next(ts)));
                if (batch.size() == 2_000) {
                    store.index(batch);
                    batch.clear();
                }
                if ((i + 1) % refreshEvery == 0) {
                    store.index(batch);
                    batch.clear();
                    store.refresh();
                }
                if ((i + 1) % 100_000 == 0) {
                    store.commit();
                }
            }
            store.index(batch);
        }
    }

    /** Events whose addresses are nearly all distinct: a few hot ones, then one-off IPv4 and some IPv6. */
    static final class SyntheticEvents {
        private final SplittableRandom random;
        private final String[] hotIps = new String[2_000];
        private final String[] users = new String[5_000];
        private final String[] codes = new String[60];

        SyntheticEvents(long seed) {
            random = new SplittableRandom(seed);
            for (int i = 0; i < hotIps.length; i++) {
                hotIps[i] = ipv4(random.nextInt());
            }
            for (int i = 0; i < users.length; i++) {
                users[i] = "user" + i;
            }
            for (int i = 0; i < codes.length; i++) {
                codes[i] = String.format(Locale.ROOT, "AUT%05d", 20_000 + i * 137);
            }
        }

        EcsEvent next(long timestamp) {
            double r = random.nextDouble();
            String ip;
            if (r < 0.03) {
                ip = hotIps[skewed(hotIps.length)];
            } else if (r < 0.05) {
                ip = "2001:db8:" + Integer.toHexString(random.nextInt(0x10000)) + "::"
                        + Integer.toHexString(random.nextInt(0x10000));
            } else {
                ip = ipv4(random.nextInt());
            }
            String user = random.nextInt(4) == 0 ? "System" : users[skewed(users.length)];
            String code = codes[skewed(codes.length)];
            return new EcsEvent()
                    .setLong(EcsField.TIMESTAMP, timestamp)
                    .set(EcsField.MESSAGE, "Login succeeded for user " + user)
                    .set(EcsField.EVENT_CODE, code)
                    .set(EcsField.USER_NAME, user)
                    .set(EcsField.SOURCE_IP, ip)
                    .setLong(EcsField.SOURCE_PORT, 1024 + random.nextInt(64_000));
        }

        /** An index in [0, n) with low ones far more likely, as with users and codes in real logs. */
        private int skewed(int n) {
            double u = random.nextDouble();
            return (int) (n * u * u * u);
        }

        private static String ipv4(int bits) {
            return ((bits >>> 24) & 0xff) + "." + ((bits >>> 16) & 0xff) + "." + ((bits >>> 8) & 0xff) + "."
                    + (bits & 0xff);
        }
    }

    /** Partition readers opened from disk, searched together as the store searches them. */
    record Readers(List<Directory> dirs, List<DirectoryReader> readers) implements AutoCloseable {
        static Readers open(List<Path> partitionDirs) throws IOException {
            List<Directory> dirs = new ArrayList<>();
            List<DirectoryReader> readers = new ArrayList<>();
            for (Path p : partitionDirs) {
                Directory d = FSDirectory.open(p);
                dirs.add(d);
                readers.add(DirectoryReader.open(d));
            }
            return new Readers(dirs, readers);
        }

        IndexSearcher searcher() throws IOException {
            return new IndexSearcher(new MultiReader(readers.toArray(new IndexReader[0]), false));
        }

        String describe() {
            List<String> parts = new ArrayList<>();
            for (DirectoryReader r : readers) {
                parts.add(String.format(Locale.ROOT, "%,d events (%d)", r.numDocs(), r.leaves().size()));
            }
            return String.join(", ", parts);
        }

        @Override
        public void close() throws IOException {
            for (DirectoryReader r : readers) {
                r.close();
            }
            for (Directory d : dirs) {
                d.close();
            }
        }
    }

    private static List<Path> partitionDirs(Path storeDir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> intakes = Files.newDirectoryStream(storeDir, Files::isDirectory)) {
            for (Path intake : intakes) {
                if (intake.getFileName().toString().startsWith("_")) {
                    continue;
                }
                try (DirectoryStream<Path> days = Files.newDirectoryStream(intake, Files::isDirectory)) {
                    days.forEach(out::add);
                }
            }
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }

    /**
     * The terms aggregation as it was before global ordinals: counts by segment ordinal, then every
     * counted ordinal of every segment turned into a string in one hash map, then a sort of all of
     * them. Kept to measure against, not used by the store.
     */
    static final class Baseline {
        record Answer(List<AggregationResult.Bucket> buckets, long other, long distinct) {}

        static Answer top(IndexSearcher searcher, Query query, String field, int size) throws IOException {
            Weight weight = searcher.createWeight(searcher.rewrite(query), ScoreMode.COMPLETE_NO_SCORES, 1f);
            Map<Object, long[]> counts = new HashMap<>();
            long[] matched = {0};
            for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
                BulkScorer scorer = weight.bulkScorer(leaf);
                if (scorer == null) {
                    continue;
                }
                SortedSetDocValues ords = DocValues.getSortedSet(leaf.reader(), field);
                long[] segmentCounts = new long[(int) ords.getValueCount()];
                // Driven as Aggregations.run drives its aggregators (a list of them, and a count of
                // the matches), so that the two differ only in the counting.
                LeafCollector counter = new LeafCollector() {
                    @Override
                    public void setScorer(Scorable scorable) {}

                    @Override
                    public void collect(int doc) throws IOException {
                        if (ords.advanceExact(doc)) {
                            for (int i = 0, n = ords.docValueCount(); i < n; i++) {
                                segmentCounts[(int) ords.nextOrd()]++;
                            }
                        }
                    }
                };
                List<LeafCollector> aggs = List.of(counter);
                scorer.score(new LeafCollector() {
                    @Override
                    public void setScorer(Scorable scorable) {}

                    @Override
                    public void collect(int doc) throws IOException {
                        for (LeafCollector a : aggs) {
                            a.collect(doc);
                        }
                        matched[0]++;
                    }
                }, leaf.reader().getLiveDocs(), 0, DocIdSetIterator.NO_MORE_DOCS);
                for (int ord = 0; ord < segmentCounts.length; ord++) {
                    if (segmentCounts[ord] > 0) {
                        String term = ords.lookupOrd(ord).utf8ToString();
                        counts.computeIfAbsent(term, k -> new long[1])[0] += segmentCounts[ord];
                    }
                }
            }
            List<Map.Entry<Object, long[]>> all = new ArrayList<>(counts.entrySet());
            all.sort(Comparator.<Map.Entry<Object, long[]>>comparingLong(e -> -e.getValue()[0])
                    .thenComparing(e -> String.valueOf(e.getKey())));
            List<AggregationResult.Bucket> buckets = new ArrayList<>();
            long total = 0;
            long inTop = 0;
            for (Map.Entry<Object, long[]> e : all) {
                total += e.getValue()[0];
            }
            for (Map.Entry<Object, long[]> e : all.subList(0, Math.min(size, all.size()))) {
                buckets.add(new AggregationResult.Bucket(e.getKey(), e.getValue()[0], Map.of()));
                inTop += e.getValue()[0];
            }
            return new Answer(buckets, total - inTop, counts.size());
        }
    }
}
