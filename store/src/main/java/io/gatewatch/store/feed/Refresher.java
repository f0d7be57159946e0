package io.gatewatch.store.feed;

import io.gatewatch.store.EventStore;
import java.io.IOException;

/**
 * Refreshes a store on a thread of its own, so that the thread that indexes goes on indexing
 * while a refresh writes the new segments out.
 *
 * <p>A refresh flushes what was indexed since the last one into new segments, about a third of
 * the CPU that ingest costs. Done by the indexing thread itself, it left the second core to the
 * merges alone and ingest stopped for every refresh; here a refresh runs beside the indexing.
 *
 * <p>Requests made while a refresh runs are served by one more refresh after it, which sees
 * everything indexed before the request; so the store is never more than one refresh behind.
 */
public final class Refresher implements AutoCloseable {
    private final EventStore store;
    private final Thread thread;
    private final Object lock = new Object();
    private boolean requested;
    private boolean closed;
    private long done;
    private volatile Throwable failure;

    public Refresher(EventStore store, String threadName) {
        this.store = store;
        this.thread = Thread.ofPlatform().name(threadName).daemon(true).start(this::run);
    }

    /** Asks for a refresh of everything indexed up to now; returns at once. */
    public void request() {
        synchronized (lock) {
            requested = true;
            lock.notifyAll();
        }
    }

    /** Why a refresh failed, after which no more are made; null while they succeed. */
    public Throwable failure() {
        return failure;
    }

    /** Refreshes made so far. */
    public long refreshes() {
        synchronized (lock) {
            return done;
        }
    }

    private void run() {
        while (true) {
            synchronized (lock) {
                while (!requested && !closed) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (!requested) {
                    return; // closed, nothing asked
                }
                requested = false;
            }
            try {
                store.refresh();
            } catch (IOException | RuntimeException e) {
                failure = e;
                return;
            }
            synchronized (lock) {
                done++;
                lock.notifyAll();
            }
        }
    }

    /** Makes the refresh under way and any asked for, then stops the thread. */
    @Override
    public void close() throws InterruptedException {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        thread.join();
    }
}
