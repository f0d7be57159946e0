package io.gatewatch.store.index;

import io.gatewatch.core.journal.ConsumerOffsets;
import io.gatewatch.store.EventStore;
import io.gatewatch.store.IndexedEvent;
import io.gatewatch.store.agg.AggregationRequest;
import io.gatewatch.store.agg.AggregationResult;
import io.gatewatch.store.agg.Aggregations;
import io.gatewatch.store.query.EventQueries;
import io.gatewatch.store.schema.EventIds;
import io.gatewatch.store.schema.StoreFields;
import io.gatewatch.store.search.FoundEvent;
import io.gatewatch.store.search.SearchRequest;
import io.gatewatch.store.search.SearchResult;
import io.gatewatch.store.search.Sorts;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.MultiReader;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.TotalHits;

/**
 * The embedded event store: one Lucene index per intake and reception day under
 * {@code DATA/store/}, searched together.
 *
 * <p>Exactly-once from the journal: each partition's commit records the journal offset it holds
 * up to, and the store's own consumer offset is advanced only after every partition committed. A
 * restart resumes from that offset and skips, per partition, the records a partition committed
 * before the crash; uncommitted documents were never on disk. So replay neither loses nor
 * duplicates, without a lookup per document.
 *
 * <p>Thread-safety: one thread indexes and commits (the feeder), another may refresh meanwhile;
 * any number search.
 * Dropping a partition waits for the searches that use it. A batch is indexed on up to
 * {@link Settings#indexThreads()} threads and {@link #index} returns when all of it is in the
 * writers, so a commit never holds part of a batch. If indexing a batch fails, what the batch
 * added cannot be told apart from what it did not: the store then commits nothing more, as if
 * the process had died there, and a restart replays from the last commit.
 */
public final class LuceneEventStore implements EventStore {
    static final String CONSUMER = "store";
    static final String OFFSETS_DIR = "_offsets";
    private static final long IDLE_WRITER_NANOS = 120_000_000_000L;

    /**
     * @param ramBufferMb indexing memory per partition being written before Lucene flushes a segment
     * @param indexThreads threads that index a batch, the feeder's included
     */
    public record Settings(double ramBufferMb, int indexThreads) {
        /**
         * One indexing thread per two cores, at most two. Merges take about a third of the CPU
         * of ingest, on their own threads: on two cores a second indexing thread has no core to
         * itself. Measured there (400,000 events, a refresh every 250 ms, other work keeping the
         * load average near 2): one thread 10,600 events/s end to end at 152 µs of CPU an event,
         * two threads 6,600 events/s at 243 µs; profiles showed the same work in the same shares,
         * each part costing a third more. Four cores and more were not measured.
         */
        public static final Settings DEFAULT = new Settings(64,
                Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors() / 2)));

        public Settings {
            if (!(ramBufferMb >= 1)) {
                throw new IllegalArgumentException("the indexing buffer must be at least 1 MB");
            }
            if (indexThreads < 1) {
                throw new IllegalArgumentException("indexing needs at least one thread");
            }
        }
    }

    private final Path root;
    private final Analyzer analyzer;
    private final double ramBufferMb;
    private final ConsumerOffsets offsets;
    private final ConcurrentSkipListMap<PartitionId, Partition> partitions = new ConcurrentSkipListMap<>();
    /** Searches hold it shared while they use partitions; dropping one holds it exclusively. */
    private final ReadWriteLock partitionsLock = new ReentrantReadWriteLock();
    private final BatchIndexer indexer;
    private long nextOffset;
    private long indexedNextOffset;
    /** Why indexing a batch failed; from then on nothing more is committed. */
    private Throwable failure;

    private LuceneEventStore(Path root, Analyzer analyzer, Settings settings) throws IOException {
        this.root = root;
        this.analyzer = analyzer;
        this.ramBufferMb = settings.ramBufferMb();
        this.offsets = new ConsumerOffsets(root.resolve(OFFSETS_DIR));
        this.indexer = new BatchIndexer(settings.indexThreads());
    }

    /**
     * A new writer configuration as this store gives its partitions (codec, index sort, merges,
     * buffer, no commit on close), with {@code analyzer}: for benchmarks that measure bare Lucene
     * indexes beside the store.
     */
    public static IndexWriterConfig partitionWriterConfig(Analyzer analyzer, double ramBufferMb) {
        return Partition.writerConfig(analyzer, ramBufferMb);
    }

    /** Opens the store under {@code root} with the default settings. */
    public static LuceneEventStore open(Path root) throws IOException {
        return open(root, Settings.DEFAULT);
    }

    /** Opens the store under {@code root} (created if missing), with every partition found there. */
    public static LuceneEventStore open(Path root, Settings settings) throws IOException {
        Files.createDirectories(root);
        LuceneEventStore store = new LuceneEventStore(root, io.gatewatch.store.schema.TextAnalysis.analyzer(), settings);
        try {
            store.loadPartitions();
            store.nextOffset = store.offsets.load(CONSUMER, 0);
            store.indexedNextOffset = store.nextOffset;
            return store;
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    private void loadPartitions() throws IOException {
        try (DirectoryStream<Path> intakes = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path intakeDir : intakes) {
                String intake = intakeDir.getFileName().toString();
                if (intake.equals(OFFSETS_DIR)) {
                    continue;
                }
                try (DirectoryStream<Path> days = Files.newDirectoryStream(intakeDir, Files::isDirectory)) {
                    for (Path dayDir : days) {
                        LocalDate day;
                        try {
                            day = LocalDate.parse(dayDir.getFileName().toString());
                        } catch (DateTimeParseException e) {
                            continue; // not ours
                        }
                        PartitionId id = new PartitionId(intake, day);
                        Partition p = Partition.open(id, dayDir, analyzer, ramBufferMb, false);
                        if (p != null) {
                            partitions.put(id, p);
                        }
                    }
                }
            }
        }
    }

    @Override
    public void index(List<IndexedEvent> batch) throws IOException {
        requireNoFailure();
        partitionsLock.readLock().lock();
        try {
            // On this thread: which events are new, and to which partition each goes.
            List<BatchIndexer.Work> work = new ArrayList<>(batch.size());
            long next = indexedNextOffset;
            for (IndexedEvent e : batch) {
                if (e.offset() < next) {
                    continue; // a replay of what this run already indexed
                }
                PartitionId id = PartitionId.of(e.intake(), e.receivedAtMillis());
                Partition p = partitions.get(id);
                if (p == null) {
                    p = Partition.open(id, id.dir(root), analyzer, ramBufferMb, true);
                    partitions.put(id, p);
                }
                if (e.offset() >= p.committedNextOffset()) {
                    p.prepareWrite();
                    work.add(new BatchIndexer.Work(p, e));
                }
                next = e.offset() + 1;
            }
            try {
                indexer.index(work);
            } catch (IOException | RuntimeException | Error e) {
                failure = e;
                throw e;
            }
            // The whole batch is in the writers: only now may a commit count it.
            for (BatchIndexer.Work w : work) {
                w.partition().added(w.event().offset() + 1);
            }
            indexedNextOffset = next;
        } finally {
            partitionsLock.readLock().unlock();
        }
    }

    private void requireNoFailure() throws IOException {
        if (failure != null) {
            throw new IOException("indexing failed before; the store commits nothing more until it is reopened, "
                    + "which replays from its last commit", failure);
        }
    }

    @Override
    public long nextOffset() {
        return nextOffset;
    }

    /** Offset after the last record indexed (searchable after a refresh, durable after a commit). */
    public long indexedNextOffset() {
        return indexedNextOffset;
    }

    @Override
    public void refresh() throws IOException {
        // Shared, as a search: a partition is not dropped while it is being refreshed.
        partitionsLock.readLock().lock();
        try {
            for (Partition p : partitions.values()) {
                if (p.isWritable()) {
                    p.refresh();
                }
            }
        } finally {
            partitionsLock.readLock().unlock();
        }
    }

    @Override
    public void commit() throws IOException {
        requireNoFailure();
        partitionsLock.readLock().lock();
        try {
            for (Partition p : partitions.values()) {
                p.commit();
                if (!p.id.day().equals(LocalDate.now(java.time.ZoneOffset.UTC))) {
                    p.closeWriterIfIdle(IDLE_WRITER_NANOS);
                }
            }
        } finally {
            partitionsLock.readLock().unlock();
        }
        if (indexedNextOffset != nextOffset) {
            offsets.commit(CONSUMER, indexedNextOffset);
            nextOffset = indexedNextOffset;
        }
    }

    @Override
    public SearchResult search(SearchRequest request) throws IOException {
        long start = System.nanoTime();
        Query query = filtered(request.query(), request.fromMillis(), request.toMillis());
        Sort sort = Sorts.of(request.sort());
        FieldDoc after = request.cursor() == null ? null
                : io.gatewatch.store.search.SearchCursors.decode(request.cursor(), sort.getSort().length);
        return withSearcher(request.intake(), searcher -> {
            TopFieldDocs top = searcher.search(query,
                    new TopFieldCollectorManager(sort, request.size(), after, SearchResult.EXACT_TOTAL_UP_TO));
            List<FoundEvent> events = EventSources.load(searcher.getIndexReader(), top.scoreDocs);
            String next = top.scoreDocs.length == request.size()
                    ? io.gatewatch.store.search.SearchCursors.encode((FieldDoc) top.scoreDocs[top.scoreDocs.length - 1])
                    : null;
            boolean exact = top.totalHits.relation() == TotalHits.Relation.EQUAL_TO;
            return new SearchResult(top.totalHits.value(), exact, (System.nanoTime() - start) / 1_000_000, events, next);
        });
    }

    @Override
    public AggregationResult aggregate(AggregationRequest request) throws IOException {
        long start = System.nanoTime();
        Query query = filtered(request.query(), request.fromMillis(), request.toMillis());
        return withSearcher(request.intake(), searcher -> Aggregations.run(searcher, query, request.aggs(), start));
    }

    @Override
    public Optional<FoundEvent> get(String eventId) throws IOException {
        long offset = EventIds.offset(eventId);
        if (offset < 0) {
            return Optional.empty();
        }
        Query query = LongPoint.newExactQuery(StoreFields.OFFSET, offset);
        return withSearcher(null, searcher -> {
            TopFieldDocs top = searcher.search(query, new TopFieldCollectorManager(Sorts.NEWEST_FIRST, 1, null, 1));
            return top.scoreDocs.length == 0 ? Optional.<FoundEvent>empty()
                    : Optional.of(EventSources.load(searcher.getIndexReader(), top.scoreDocs).get(0));
        });
    }

    @Override
    public List<PartitionId> partitions() {
        return List.copyOf(partitions.keySet());
    }

    @Override
    public boolean drop(PartitionId id) throws IOException {
        partitionsLock.writeLock().lock();
        try {
            Partition p = partitions.remove(id);
            Path dir = id.dir(root);
            if (p != null) {
                p.close();
            }
            if (!Files.isDirectory(dir)) {
                return p != null;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(f);
                }
            }
            return true;
        } finally {
            partitionsLock.writeLock().unlock();
        }
    }

    /** Bytes on disk of the store's indexes. */
    public long diskBytes() throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    return 0; // deleted by a merge meanwhile
                }
            }).sum();
        }
    }

    /**
     * Closes every partition without committing, as a crash would leave them: for tests of the
     * replay after a kill.
     */
    void abandon() throws IOException {
        for (Partition p : partitions.values()) {
            p.close();
        }
        partitions.clear();
        indexer.close();
    }

    /**
     * Commits what was indexed, then closes every partition; after a failed batch, commits
     * nothing (see the class comment): the journal still holds what was not committed.
     */
    @Override
    public void close() throws IOException {
        indexer.close();
        IOException failure = null;
        try {
            if (this.failure == null) {
                commit();
            }
        } catch (IOException e) {
            failure = e;
        } catch (RuntimeException e) {
            // A writer that a fatal error closed (Lucene's AlreadyClosedException): the other
            // partitions are closed all the same, and what was not committed is replayed.
            failure = new IOException("committing before closing failed", e);
        }
        for (Partition p : partitions.values()) {
            try {
                p.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        partitions.clear();
        if (failure != null) {
            throw failure;
        }
    }

    private static Query filtered(String text, long from, long to) {
        Query user = EventQueries.compile(text, Instant.now());
        if (from == Long.MIN_VALUE && to == Long.MAX_VALUE) {
            return user;
        }
        return new BooleanQuery.Builder()
                .add(user, BooleanClause.Occur.MUST)
                .add(LongPoint.newRangeQuery(StoreFields.TIMESTAMP, from, to), BooleanClause.Occur.FILTER)
                .build();
    }

    private interface SearcherWork<T> {
        T run(IndexSearcher searcher) throws IOException;
    }

    /** Runs {@code work} on one searcher over the partitions of {@code intake} (all when null). */
    private <T> T withSearcher(String intake, SearcherWork<T> work) throws IOException {
        partitionsLock.readLock().lock();
        List<Partition> used = new ArrayList<>();
        List<IndexSearcher> acquired = new ArrayList<>();
        try {
            for (Partition p : partitions.values()) {
                if (intake == null || p.id.intake().equals(intake)) {
                    IndexSearcher s = p.acquire();
                    used.add(p);
                    acquired.add(s);
                }
            }
            IndexReader[] readers = new IndexReader[acquired.size()];
            for (int i = 0; i < readers.length; i++) {
                readers[i] = acquired.get(i).getIndexReader();
            }
            try (MultiReader multi = new MultiReader(readers, false)) {
                return work.run(new IndexSearcher(multi));
            }
        } finally {
            for (int i = 0; i < acquired.size(); i++) {
                used.get(i).release(acquired.get(i));
            }
            partitionsLock.readLock().unlock();
        }
    }
}
