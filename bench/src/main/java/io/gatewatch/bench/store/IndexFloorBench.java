package io.gatewatch.bench.store;

import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.core.ecs.EcsField;
import io.gatewatch.store.IndexedEvent;
import io.gatewatch.store.feed.StoreFeeder;
import io.gatewatch.store.index.LuceneEventStore;
import io.gatewatch.store.schema.IpLiterals;
import io.gatewatch.store.schema.StoreFields;
import io.gatewatch.store.schema.TextAnalysis;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.InetAddressPoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedNumericDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * What Lucene itself costs on this machine for indexes lighter than the store's, next to the
 * store in the same run: the floor under the store's ingest rate and disk for a given set of
 * searches.
 *
 * <p>Each layout indexes the same parsed events, held in memory (as the bench's index-only rate),
 * into an index configured as a store partition (best compression, sorted newest first, no
 * compound files, the same merge policy), refreshed every 250 ms on a thread of its own and
 * committed every 10 s, as the store feeder does. Layouts:
 *
 * <ul>
 *   <li>{@code line}: the raw line stored, {@code @timestamp} and the journal offset for the
 *       sort; nothing searchable but the time;
 *   <li>{@code words}: {@code line} and the words of {@code message}, without positions: free
 *       text, but no phrases;
 *   <li>{@code text}: {@code line} and {@code message} as analysed text with positions, with the
 *       store's analyser: free text and phrases;
 *   <li>{@code query}: {@code text} and the few fields the bench's analyst questions and terms
 *       aggregations use ({@code user.name}, {@code source.ip}, {@code event.code},
 *       {@code event.outcome}, {@code url.original}): the least index that answers them;
 *   <li>{@code store}: the store itself, every field ({@link LuceneEventStore}).
 * </ul>
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar io.gatewatch.bench.store.IndexFloorBench
 * --events 1000000 --dir DIR [--layouts store,line,words,text,query,store]}.
 */
public final class IndexFloorBench {
    /** The index layouts, from the lightest. */
    enum Layout {
        LINE, WORDS, TEXT, QUERY, STORE;

        static Layout of(String name) {
            for (Layout l : values()) {
                if (l.label().equals(name)) {
                    return l;
                }
            }
            throw new IllegalArgumentException("unknown layout " + name + "; known: line, words, text, query, store");
        }

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One layout's run.
     *
     * @param docs documents found in the index once written and closed
     * @param parts bytes on disk by part of the index ({@link DiskUsage})
     */
    record Result(Layout layout, long events, long wallNanos, long cpuNanos, long refreshes, long docs,
            Map<String, Long> parts, long rawBytes, double loadBefore) {
        long bytes() {
            return parts.values().stream().mapToLong(Long::longValue).sum();
        }

        String row() {
            StringBuilder byPart = new StringBuilder();
            for (long b : parts.values()) {
                byPart.append(String.format(Locale.ROOT, " %5.0f", (double) b / events));
            }
            return String.format(Locale.ROOT, "%-6s %,12.0f %12.1f %10.1f %10.2f %10d %8.1f  %s", layout.label(),
                    events * 1e9 / wallNanos, cpuNanos / 1e3 / events, (double) bytes() / events,
                    (double) bytes() / rawBytes, refreshes, loadBefore, byPart);
        }
    }

    static final String HEADER = String.format(Locale.ROOT, "%-6s %12s %12s %10s %10s %10s %8s   %s", "layout",
            "events/s", "CPU µs/ev", "B/event", "× raw", "refreshes", "load",
            "B/event by part: stored, terms, postings, doc values, points, norms, other");

    /** Analysed text with the documents of each word only: no frequencies, no positions, so no phrases. */
    private static final FieldType WORDS_ONLY = wordsOnly();

    private IndexFloorBench() {}

    private static FieldType wordsOnly() {
        FieldType t = new FieldType(TextField.TYPE_NOT_STORED);
        t.setIndexOptions(IndexOptions.DOCS);
        t.setOmitNorms(true);
        t.freeze();
        return t;
    }

    public static void main(String[] args) throws Exception {
        BenchArgs a;
        List<Layout> layouts = new ArrayList<>();
        try {
            a = BenchArgs.parse(args, Set.of("--events", "--dir", "--layouts", "--threads"), Set.of());
            a.dir();
            for (String name : a.text("--layouts", "store,line,words,text,query,store").split(",")) {
                layouts.add(Layout.of(name));
            }
            if (a.number("--threads", 1) < 1 || a.number("--events", 1) < 1) {
                throw new IllegalArgumentException("--threads and --events must be at least 1");
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: IndexFloorBench --dir DIR [--events N] [--layouts store,line,words,text,query,store]"
                    + " [--threads 1]");
            System.exit(2);
            return;
        }
        int threads = (int) a.number("--threads", 1);
        System.out.println(Machine.describe() + "; " + threads + " indexing thread(s)");
        System.out.println(HEADER);
        run(a.dir(), a.number("--events", 1_000_000), layouts, threads, r -> System.out.println(r.row()));
    }

    /**
     * Writes {@code events} lines of the mixed corpus under {@code dir}, parses them into memory,
     * then indexes them in each layout in turn, each into an index that is measured and deleted.
     */
    static List<Result> run(Path dir, long events, List<Layout> layouts, int threads, Consumer<Result> each)
            throws Exception {
        Files.createDirectories(dir);
        TimeLayout time = TimeLayout.endingAt(System.currentTimeMillis(), 1, events);
        Path rawLog = dir.resolve("raw.log");
        long rawBytes = RawLog.write(rawLog, events);
        Progress.say("parsing %,d lines into memory", events);
        BenchEvents decoder = BenchEvents.open(dir.resolve("data"), time);
        List<byte[]> lines;
        try (RawLog.Reader reader = new RawLog.Reader(rawLog)) {
            lines = reader.next((int) events);
        }
        List<IndexedEvent> parsed = decoder.decodeAll(lines);
        List<Result> results = new ArrayList<>();
        for (Layout layout : layouts) {
            Path index = dir.resolve("floor-" + layout.label());
            StoreLoadBench.delete(index);
            double load = Machine.loadAverage();
            long cpu0 = Machine.processCpuNanos();
            long start = System.nanoTime();
            long refreshes;
            if (layout == Layout.STORE) {
                try (LuceneEventStore store = LuceneEventStore.open(index,
                        new LuceneEventStore.Settings(LuceneEventStore.Settings.DEFAULT.ramBufferMb(), threads))) {
                    refreshes = IngestPhase.indexOnly(store, parsed).refreshes();
                }
            } else {
                refreshes = indexLucene(index, layout, parsed, lines, threads);
            }
            long wall = System.nanoTime() - start;
            long cpu = Machine.processCpuNanos() - cpu0;
            Result r = new Result(layout, parsed.size(), wall, cpu, refreshes, docsIn(index), DiskUsage.of(index), rawBytes,
                    load);
            results.add(r);
            each.accept(r);
            StoreLoadBench.delete(index);
        }
        Files.deleteIfExists(rawLog);
        StoreLoadBench.delete(dir.resolve("data"));
        return results;
    }

    /** Live documents of every Lucene index under {@code root} (a store has one per partition). */
    private static long docsIn(Path root) throws IOException {
        List<Path> indexes;
        try (Stream<Path> files = Files.walk(root)) {
            indexes = files.filter(f -> f.getFileName().toString().startsWith("segments_"))
                    .map(Path::getParent).distinct().toList();
        }
        long docs = 0;
        for (Path index : indexes) {
            try (FSDirectory directory = FSDirectory.open(index);
                    DirectoryReader reader = DirectoryReader.open(directory)) {
                docs += reader.numDocs();
            }
        }
        return docs;
    }

    /** One layout into a bare Lucene index, on the store feeder's refresh and commit cadence; the refreshes made. */
    private static long indexLucene(Path path, Layout layout, List<IndexedEvent> events, List<byte[]> lines,
            int threads) throws Exception {
        IndexWriterConfig config = LuceneEventStore.partitionWriterConfig(TextAnalysis.analyzer(),
                LuceneEventStore.Settings.DEFAULT.ramBufferMb());
        StoreFeeder.Settings cadence = StoreFeeder.Settings.DEFAULT;
        try (FSDirectory directory = FSDirectory.open(path);
                IndexWriter writer = new IndexWriter(directory, config);
                SearcherManager searchers = new SearcherManager(writer, null)) {
            AtomicReference<Throwable> failure = new AtomicReference<>();
            // Stopped by a flag, not an interrupt: an interrupt closes the channel Lucene is using.
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong refreshes = new AtomicLong();
            Thread refresher = Thread.ofPlatform().name("floor-refresher").start(() -> {
                try {
                    // Every refreshMillis from the start, as the feeder asks; one that overran its
                    // turn is followed by the next at once, as the store's refresher serves requests.
                    long period = cadence.refreshMillis() * 1_000_000L;
                    long due = System.nanoTime() + period;
                    while (!stop.get()) {
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
                        }
                        due = Math.max(due + period, System.nanoTime());
                        searchers.maybeRefreshBlocking();
                        refreshes.incrementAndGet();
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            });
            long commitNanos = cadence.commitMillis() * 1_000_000L;
            // Thread t indexes batches t, t + threads, ... of the feeder's size; the first commits.
            int batch = cadence.batch();
            List<Thread> indexers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                indexers.add(Thread.ofPlatform().name("floor-indexer-" + t).start(() -> {
                    try {
                        long lastCommit = System.nanoTime();
                        for (int from = first * batch; from < events.size(); from += threads * batch) {
                            for (int i = from; i < Math.min(events.size(), from + batch); i++) {
                                writer.addDocument(document(layout, events.get(i), lines.get(i)));
                            }
                            if (first == 0 && System.nanoTime() - lastCommit >= commitNanos) {
                                writer.commit();
                                lastCommit = System.nanoTime();
                            }
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }));
            }
            for (Thread t : indexers) {
                t.join();
            }
            stop.set(true);
            refresher.join();
            if (failure.get() != null) {
                throw new IOException("indexing or refreshing failed", failure.get());
            }
            searchers.maybeRefreshBlocking();
            writer.commit();
            return refreshes.get() + 1;
        }
    }

    private static Document document(Layout layout, IndexedEvent indexed, byte[] line) {
        EcsEvent e = indexed.event();
        Document doc = new Document();
        doc.add(new StoredField(EcsField.EVENT_ORIGINAL.path(), new BytesRef(line)));
        long timestamp = e.getLong(EcsField.TIMESTAMP, 0);
        doc.add(new LongPoint(StoreFields.TIMESTAMP, timestamp));
        doc.add(new SortedNumericDocValuesField(StoreFields.TIMESTAMP, timestamp));
        doc.add(new NumericDocValuesField(StoreFields.OFFSET, indexed.offset()));
        if (layout == Layout.LINE) {
            return doc;
        }
        String message = e.getString(EcsField.MESSAGE);
        if (message != null) {
            doc.add(layout == Layout.WORDS
                    ? new Field(StoreFields.DEFAULT_TEXT_FIELD, message, WORDS_ONLY)
                    : new TextField(StoreFields.DEFAULT_TEXT_FIELD, message, Field.Store.NO));
        }
        if (layout == Layout.WORDS) {
            return doc;
        }
        if (layout == Layout.TEXT) {
            return doc;
        }
        keyword(doc, e, EcsField.USER_NAME, true);
        keyword(doc, e, EcsField.EVENT_CODE, true);
        keyword(doc, e, EcsField.EVENT_OUTCOME, false);
        keyword(doc, e, EcsField.URL_ORIGINAL, false);
        String ip = e.getString(EcsField.SOURCE_IP);
        InetAddress address = ip == null ? null : IpLiterals.parse(ip);
        if (address != null) {
            doc.add(new InetAddressPoint(EcsField.SOURCE_IP.path(), address));
            doc.add(new SortedSetDocValuesField(EcsField.SOURCE_IP.path(), new BytesRef(ip)));
        }
        return doc;
    }

    private static void keyword(Document doc, EcsEvent e, EcsField field, boolean docValues) {
        String value = e.getString(field);
        if (value == null) {
            return;
        }
        doc.add(new StringField(field.path(), value, Field.Store.NO));
        if (docValues) {
            doc.add(new SortedSetDocValuesField(field.path(), new BytesRef(value)));
        }
    }
}
