package io.gatewatch.store.index;

import io.gatewatch.store.IndexedEvent;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Turns a batch of events into documents and adds them to their partitions' writers, on up to
 * {@code threads} threads: the caller's and {@code threads - 1} helpers. Lucene's writer takes
 * concurrent {@code addDocument}s, each thread filling its own in-memory segment; building the
 * document and inverting it are most of an event's indexing cost, and both split cleanly.
 *
 * <p>{@link #index} returns only once every document of the batch was added, or throws once every
 * thread stopped: nothing of a batch is still being added when the caller refreshes or commits.
 */
final class BatchIndexer implements Closeable {
    /**
     * Below this many events per thread, handing work over costs more than it saves: a quiet
     * feeder's batches of a few events stay on the caller's thread.
     */
    static final int MIN_EVENTS_PER_THREAD = 256;

    /** An event to add to a partition (already checked to be new to it). */
    record Work(Partition partition, IndexedEvent event) {}

    /** One per thread, the caller's first: a documents builder reuses its fields from event to event. */
    private final EventDocuments[] documents;
    private final ExecutorService helpers;

    BatchIndexer(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("indexing needs at least one thread");
        }
        documents = new EventDocuments[threads];
        for (int i = 0; i < threads; i++) {
            documents[i] = new EventDocuments();
        }
        AtomicInteger n = new AtomicInteger();
        helpers = threads == 1 ? null : Executors.newFixedThreadPool(threads - 1,
                r -> Thread.ofPlatform().name("gatewatch-store-indexer-" + n.incrementAndGet()).daemon(true).unstarted(r));
    }

    /** Adds every event of {@code work}; in contiguous slices, one per thread, when it is large enough. */
    void index(List<Work> work) throws IOException {
        int threads = Math.max(1, Math.min(documents.length, work.size() / MIN_EVENTS_PER_THREAD));
        if (threads == 1) {
            add(documents[0], work);
            return;
        }
        List<Future<?>> slices = new ArrayList<>(threads - 1);
        for (int t = 1; t < threads; t++) {
            EventDocuments docs = documents[t];
            List<Work> slice = work.subList(work.size() * t / threads, work.size() * (t + 1) / threads);
            slices.add(helpers.submit(() -> {
                try {
                    add(docs, slice);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
        }
        Throwable failure = null;
        try {
            add(documents[0], work.subList(0, work.size() / threads));
        } catch (IOException | RuntimeException | Error e) {
            failure = e;
        }
        boolean interrupted = false;
        for (Future<?> slice : slices) {
            // Wait for every slice even when one failed or this thread is interrupted: the caller
            // must not commit while a helper still adds documents.
            while (true) {
                try {
                    slice.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause() instanceof UncheckedIOException u ? u.getCause() : e.getCause();
                    if (failure == null) {
                        failure = cause;
                    } else {
                        failure.addSuppressed(cause);
                    }
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        switch (failure) {
            case null -> { }
            case IOException e -> throw e;
            case RuntimeException e -> throw e;
            case Error e -> throw e;
            default -> throw new IOException(failure);
        }
    }

    private static void add(EventDocuments docs, List<Work> slice) throws IOException {
        for (Work w : slice) {
            w.partition().addDocument(docs.toDocument(w.event().event(), w.event().offset(),
                    w.partition().keptDocValues(), w.partition().objectKeys()));
        }
    }

    @Override
    public void close() {
        if (helpers != null) {
            helpers.shutdownNow();
        }
    }
}
