package io.gatewatch.cli.loadgen;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands out the sequence numbers of a run to its connections, a block at a time: together they
 * send 0, 1, 2… without a gap or a repeat, up to the {@code --count} or until {@link #stop()}
 * (the end of {@code --duration}). A connection always sends its whole block, so the numbers sent
 * are exactly 0 to {@link #claimed()} - 1.
 */
final class SequenceNumbers {
    /** Numbers {@code first} to {@code first + size - 1}. */
    record Block(long first, int size) {}

    private final AtomicLong next = new AtomicLong();
    private final long limit;
    private volatile boolean stopped;

    /** @param limit how many numbers in all ({@code Long.MAX_VALUE}: until stopped) */
    SequenceNumbers(long limit) {
        this.limit = Math.min(limit, SequenceMarker.MAX + 1);
    }

    /** The next block of at most {@code max} numbers, or null when the run is over. */
    Block claim(int max) {
        while (true) {
            long first = next.get();
            if (stopped || first >= limit) {
                return null;
            }
            int size = (int) Math.min(max, limit - first);
            if (next.compareAndSet(first, first + size)) {
                return new Block(first, size);
            }
        }
    }

    /** No block is handed out from now on. */
    void stop() {
        stopped = true;
    }

    /** How many numbers were handed out. */
    long claimed() {
        return Math.min(next.get(), limit);
    }
}
