package io.gatewatch.cli.loadgen;

import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/** What the connections of a run have done so far; read by the progress lines while they run. */
final class Counters {
    final LongAdder sent = new LongAdder();
    final LongAdder acked = new LongAdder();
    final LongAdder errors = new LongAdder();
    final LongAdder bytes = new LongAdder();
    /** HTTP requests sent again after a 503 (the server asks to retry later). */
    final LongAdder retries = new LongAdder();
    private final AtomicReference<String> firstError = new AtomicReference<>();

    /**
     * Counts a failure: {@code events} events refused or of unknown fate, and keeps the first
     * reason for the summary. A failure that concerns no event (a refused connection) counts one.
     */
    void fail(String reason, long events) {
        errors.add(Math.max(1, events));
        firstError.compareAndSet(null, reason);
    }

    /** The first failure's reason, or null. */
    String firstError() {
        return firstError.get();
    }
}
