package io.gatewatch.cli.loadgen;

/**
 * Holds one connection to its share of {@code --rate}: event {@code n} may leave no earlier than
 * {@code n / rate} seconds after the start, so a late connection catches up rather than losing
 * its share. A rate of 0 never waits.
 */
final class Pacer {
    private final double nanosPerEvent;
    private long start = -1;
    private long events;

    /** @param eventsPerSecond this connection's rate; 0 for as fast as possible */
    Pacer(double eventsPerSecond) {
        this.nanosPerEvent = eventsPerSecond <= 0 ? 0 : 1e9 / eventsPerSecond;
    }

    /** How long to wait, in nanoseconds, before {@code n} more events may leave; then counts them as gone. */
    long delayFor(int n) {
        if (nanosPerEvent == 0) {
            return 0;
        }
        long now = System.nanoTime();
        if (start < 0) {
            start = now;
        }
        long due = start + (long) (events * nanosPerEvent);
        events += n;
        return Math.max(0, due - now);
    }
}
