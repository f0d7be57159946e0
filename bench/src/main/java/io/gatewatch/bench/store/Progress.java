package io.gatewatch.bench.store;

import java.util.Locale;

/** A line on standard error now and then while a long phase runs: count, rate, machine load. */
final class Progress {
    private static final long EVERY_NANOS = 15_000_000_000L;

    private final String phase;
    private final long total;
    private final long start = System.nanoTime();
    private long lastPrint = start;

    Progress(String phase, long total) {
        this.phase = phase;
        this.total = total;
    }

    void update(long done) {
        long now = System.nanoTime();
        if (now - lastPrint < EVERY_NANOS) {
            return;
        }
        lastPrint = now;
        double secs = (now - start) / 1e9;
        System.err.printf(Locale.ROOT, "%s: %,d / %,d (%.0f/s over %.0f s, load %.1f)%n", phase, done, total,
                done / secs, secs, Machine.loadAverage());
    }

    static void say(String format, Object... args) {
        System.err.printf(Locale.ROOT, format + "%n", args);
    }
}
