package io.gatewatch.bench.store;

import java.util.Arrays;

/** Recorded durations in nanoseconds, and their percentiles (nearest rank). */
final class Latencies {
    private long[] values = new long[256];
    private int count;

    void add(long nanos) {
        if (count == values.length) {
            values = Arrays.copyOf(values, count * 2);
        }
        values[count++] = nanos;
    }

    int count() {
        return count;
    }

    /** The {@code p}-th percentile (0 to 100) in milliseconds; NaN when empty. */
    double percentileMillis(double p) {
        return count == 0 ? Double.NaN : rankMillis((int) Math.ceil(p / 100 * count));
    }

    /** The {@code rank}-th smallest value (from 1, clamped to the values held) in milliseconds. */
    double rankMillis(int rank) {
        long[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        return sorted[Math.max(0, Math.min(count, rank) - 1)] / 1e6;
    }

    double maxMillis() {
        return percentileMillis(100);
    }

    double meanMillis() {
        long sum = 0;
        for (int i = 0; i < count; i++) {
            sum += values[i];
        }
        return count == 0 ? Double.NaN : sum / 1e6 / count;
    }
}
