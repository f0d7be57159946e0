package io.gatewatch.store.index;

import io.gatewatch.store.schema.StoreFields;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValuesType;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * One Lucene index on disk: a partition's writer (while it is written to) and its near-real-time
 * searcher. The journal offset indexed up to is kept in each commit's user data, so a restart
 * knows exactly which records this partition already holds and replays only the others.
 *
 * <p>One feeder thread opens, commits and closes the writer; while it indexes a batch, several
 * indexing threads add documents ({@link #addDocument}); a refresher thread may refresh at the
 * same time, and searches run concurrently. Opening, refreshing and closing hold this partition's
 * monitor, so that a refresh never meets a writer or searcher manager being swapped or closed;
 * adding documents and committing do not (Lucene's writer takes them concurrently).
 */
final class Partition implements Closeable {
    /** Commit user-data key: the journal offset after the last record this commit holds. */
    static final String NEXT_OFFSET = "journal.next_offset";

    /**
     * Index sort: newest first, the order searches want by default, so a top-100 search stops
     * after a hundred hits per segment instead of scoring the whole window.
     */
    static final Sort INDEX_SORT = io.gatewatch.store.search.Sorts.NEWEST_FIRST;

    final PartitionId id;
    final Path path;
    private final Directory directory;
    private final Analyzer analyzer;
    private final double ramBufferMb;
    /** Set and cleared by the feeder's thread only, under this partition's monitor. */
    private volatile IndexWriter writer;
    private volatile SearcherManager searchers;
    private long committedNextOffset;
    private Set<String> keptDocValues = Set.of();
    private ObjectKeyFields objectKeys;
    private long pendingNextOffset;
    private boolean dirty;
    private long lastWriteNanos;

    private Partition(PartitionId id, Path path, Directory directory, Analyzer analyzer, double ramBufferMb) {
        this.id = id;
        this.path = path;
        this.directory = directory;
        this.analyzer = analyzer;
        this.ramBufferMb = ramBufferMb;
    }

    /** Opens (or creates, when {@code create}) the partition at {@code path}, read-only until written. */
    static Partition open(PartitionId id, Path path, Analyzer analyzer, double ramBufferMb, boolean create)
            throws IOException {
        if (create) {
            Files.createDirectories(path);
        }
        Partition p = new Partition(id, path, FSDirectory.open(path), analyzer, ramBufferMb);
        if (DirectoryReader.indexExists(p.directory)) {
            try (DirectoryReader r = DirectoryReader.open(p.directory)) {
                String next = r.getIndexCommit().getUserData().get(NEXT_OFFSET);
                p.committedNextOffset = next == null ? 0 : Long.parseLong(next);
                FieldInfos fields = FieldInfos.getMergedFieldInfos(r);
                p.keptDocValues = keptDocValues(fields);
                p.objectKeys = new ObjectKeyFields(id.toString(), fields);
            }
            p.searchers = new SearcherManager(p.directory, null);
        } else if (create) {
            p.openWriter();
        } else {
            p.directory.close();
            return null;
        }
        if (p.objectKeys == null) {
            p.objectKeys = new ObjectKeyFields(id.toString(), List.of());
        }
        p.pendingNextOffset = p.committedNextOffset;
        return p;
    }

    /**
     * Search-only keywords ({@link StoreFields#isTermsOnly}) that this partition indexed with doc
     * values, having been written before they lost them. Lucene refuses a field whose doc values
     * or norms change within an index, so new documents keep the old layout here: without this,
     * the day's partition of an upgrade, and the replay into it, could not be written to.
     */
    Set<String> keptDocValues() {
        return keptDocValues;
    }

    /** The fields this partition made from object keys, and how many more it may make. */
    ObjectKeyFields objectKeys() {
        return objectKeys;
    }

    private static Set<String> keptDocValues(FieldInfos fields) {
        Set<String> kept = new HashSet<>();
        for (FieldInfo field : fields) {
            if (StoreFields.isTermsOnly(field.name) && field.getDocValuesType() != DocValuesType.NONE) {
                kept.add(field.name);
            }
        }
        return Set.copyOf(kept);
    }

    /** Journal offset after the last record the last commit holds: records below it are here for good. */
    long committedNextOffset() {
        return committedNextOffset;
    }

    /** Opens the writer if it is closed; on the feeder's thread, before a batch's documents are added. */
    void prepareWrite() throws IOException {
        if (writer == null) {
            synchronized (this) {
                openWriter();
            }
        }
    }

    /**
     * Adds a document; any number of indexing threads may call this at once (the writer is
     * thread-safe) between {@link #prepareWrite()} and {@link #added(long)}.
     */
    void addDocument(Document doc) throws IOException {
        writer.addDocument(doc);
    }

    /**
     * On the feeder's thread, once every document of a batch was added: the next commit holds
     * this partition's records up to {@code nextOffset}.
     */
    void added(long nextOffset) {
        pendingNextOffset = Math.max(pendingNextOffset, nextOffset);
        dirty = true;
        lastWriteNanos = System.nanoTime();
    }

    /** Makes what was added searchable (near-real-time; not yet durable). */
    synchronized void refresh() throws IOException {
        searchers.maybeRefresh();
    }

    /** Makes what was added durable, recording the journal offset it reaches. */
    void commit() throws IOException {
        if (writer == null || !dirty) {
            return;
        }
        commitNow();
    }

    /** Commits whatever the writer holds, records or merged segments, with the offset reached. */
    private void commitNow() throws IOException {
        writer.setLiveCommitData(Map.of(NEXT_OFFSET, Long.toString(pendingNextOffset)).entrySet());
        writer.commit();
        committedNextOffset = pendingNextOffset;
        dirty = false;
    }

    /**
     * Commits and closes the writer when nothing was written for {@code idleNanos} and no merge is
     * under way or pending; searches go on.
     */
    synchronized void closeWriterIfIdle(long idleNanos) throws IOException {
        if (writer != null && System.nanoTime() - lastWriteNanos > idleNanos) {
            if (writer.hasPendingMerges() || !writer.getMergingSegments().isEmpty()) {
                // Closing a writer that does not commit on close rolls it back: merges under way
                // would be dropped, and a past day's partition would keep all its small segments
                // for good. The next check tries again.
                return;
            }
            // Even when no record is new: merges that ended since the last commit changed the
            // segments, and closing would drop them too.
            commitNow();
            SearcherManager old = searchers;
            writer.close();
            writer = null;
            searchers = new SearcherManager(directory, null);
            old.close();
        }
    }

    IndexSearcher acquire() throws IOException {
        return searchers.acquire();
    }

    void release(IndexSearcher searcher) throws IOException {
        searchers.release(searcher);
    }

    boolean isWritable() {
        return writer != null;
    }

    private void openWriter() throws IOException {
        IndexWriterConfig config = writerConfig(analyzer, ramBufferMb);
        SearcherManager old = searchers;
        writer = new IndexWriter(directory, config);
        searchers = new SearcherManager(writer, null);
        if (old != null) {
            old.close();
        }
        lastWriteNanos = System.nanoTime();
    }

    /** How a partition's writer is configured: a new configuration, as Lucene lets one serve one writer. */
    static IndexWriterConfig writerConfig(Analyzer analyzer, double ramBufferMb) {
        IndexWriterConfig config = new IndexWriterConfig(analyzer)
                .setIndexSort(INDEX_SORT)
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setCodec(new Lucene104Codec(Lucene104Codec.Mode.BEST_COMPRESSION))
                .setRAMBufferSizeMB(ramBufferMb)
                .setCommitOnClose(false)
                // The feeder refreshes four times a second, each refresh flushing a small segment
                // that merges absorb within seconds: packing each into a compound file as well
                // only wrote its bytes twice (19% fewer bytes written per event without).
                .setUseCompoundFile(false);
        TieredMergePolicy merges = new TieredMergePolicy();
        merges.setSegmentsPerTier(8);
        merges.setNoCFSRatio(0); // merged segments neither: they are large, or merged again soon
        return config.setMergePolicy(merges);
    }

    /** Closes without committing: what was not committed is replayed from the journal next time. */
    @Override
    public synchronized void close() throws IOException {
        if (searchers != null) {
            searchers.close();
        }
        if (writer != null) {
            // A writer that hit a fatal error (a disk gone, say) closed itself: nothing to roll back.
            if (writer.isOpen()) {
                writer.rollback();
            }
            writer = null;
        }
        directory.close();
    }
}
