package io.gatewatch.server.ingest;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/**
 * When the journal falls behind, tells the listeners to hold back, without ever blocking the
 * threads that serve connections: a blocked event loop would also stall every other connection
 * it serves, their acknowledgements included.
 *
 * <p>Two watermarks on the number of events waiting for the journal, with hysteresis: at the
 * high one, the journal is <em>behind</em>: connections that can be paused stop reading (their
 * senders' own queues and the kernel's buffers hold the data; RELP and TCP senders slow down by
 * themselves), the HTTP API answers 503, UDP datagrams over the high watermark are dropped and
 * counted. Only once the journal has drained below the low watermark do the paused connections
 * read again, so that they do not flap around one threshold.
 *
 * <p>What a connection had already read when it paused is still queued, never dropped: the queue
 * may exceed the high watermark by one read per connection. Nothing read is lost, and the memory
 * it takes stays bounded.
 */
public final class Backpressure {
    private final int high;
    private final int low;
    private final IntSupplier queued;
    private volatile boolean behind;
    /** What to run to resume each paused connection, by connection. */
    private final Map<Object, Runnable> paused = new ConcurrentHashMap<>();

    /**
     * @param high events queued at which the journal is behind
     * @param low events queued under which it has caught up again
     * @param queued the number of events waiting for the journal now
     */
    public Backpressure(int high, int low, IntSupplier queued) {
        if (high < 1 || low < 0 || low >= high) {
            throw new IllegalArgumentException("watermarks must satisfy 0 <= low < high, not low " + low + ", high " + high);
        }
        this.high = high;
        this.low = low;
        this.queued = queued;
    }

    /** The usual watermarks for a queue of {@code capacity}: behind when full, caught up at half. */
    public static Backpressure forCapacity(int capacity, IntSupplier queued) {
        return new Backpressure(capacity, capacity / 2, queued);
    }

    /** Whether the journal is behind: pausable senders must pause, the others be told to retry. */
    public boolean behind() {
        if (!behind && queued.getAsInt() >= high) {
            behind = true;
        }
        return behind;
    }

    /** Whether there is no room at all now (for what cannot be paused nor retried: UDP). */
    public boolean full() {
        return queued.getAsInt() >= high;
    }

    /**
     * Records that {@code connection} paused; {@code resume} is run once the journal has caught
     * up (at once if it already has). Must be cheap and thread-safe: it runs on the journal's thread.
     */
    public void pause(Object connection, Runnable resume) {
        paused.put(connection, resume);
        // The journal may have caught up between the caller's check and the put: then nobody
        // else would resume this connection.
        if (!behind) {
            resumeAll();
        }
    }

    /** Forgets a connection that closed while paused. */
    public void forget(Object connection) {
        paused.remove(connection);
    }

    /** Called by the journal's thread after each commit: resumes the paused connections once below the low watermark. */
    public void drained() {
        if (behind && queued.getAsInt() <= low) {
            behind = false;
        }
        if (!behind && !paused.isEmpty()) {
            resumeAll();
        }
    }

    private void resumeAll() {
        for (Object connection : paused.keySet()) {
            Runnable resume = paused.remove(connection);
            if (resume != null) {
                resume.run();
            }
        }
    }

    /** Events waiting for the journal now. */
    public int queued() {
        return queued.getAsInt();
    }

    /** Connections paused now. */
    public int pausedConnections() {
        return paused.size();
    }

    public int highWatermark() {
        return high;
    }

    public int lowWatermark() {
        return low;
    }
}
