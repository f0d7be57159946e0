package io.gatewatch.cli.loadgen;

/**
 * Acknowledgement latencies in microseconds, in log-linear buckets (within about 3%): recording is
 * an array increment, so it can run for every event at full speed. One writer per instance; the
 * connections' histograms are merged for the summary.
 */
final class LatencyHistogram {
    /** Values below 2^6 µs get a bucket each; above, 2^5 buckets per power of two up to 2^40 µs. */
    private static final int LINEAR = 64;
    private static final int SUB_BITS = 5;
    private static final int BUCKETS = LINEAR + (40 - 6) * (1 << SUB_BITS);

    private final long[] counts = new long[BUCKETS];
    private long total;
    private long max;

    void recordNanos(long nanos) {
        long micros = Math.max(0, nanos / 1000);
        counts[bucket(micros)]++;
        total++;
        max = Math.max(max, micros);
    }

    void add(LatencyHistogram other) {
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
        max = Math.max(max, other.max);
    }

    long count() {
        return total;
    }

    long maxMicros() {
        return max;
    }

    /** The latency that {@code fraction} of the values are at or below, in microseconds (the bucket's low end). */
    long percentileMicros(double fraction) {
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(fraction * total));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(lowEnd(i), max);
            }
        }
        return max;
    }

    private static int bucket(long micros) {
        if (micros < LINEAR) {
            return (int) micros;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(micros);
        if (exponent >= 40) {
            return BUCKETS - 1;
        }
        int sub = (int) (micros >>> (exponent - SUB_BITS)) & ((1 << SUB_BITS) - 1);
        return LINEAR + (exponent - 6) * (1 << SUB_BITS) + sub;
    }

    private static long lowEnd(int bucket) {
        if (bucket < LINEAR) {
            return bucket;
        }
        int exponent = 6 + (bucket - LINEAR) / (1 << SUB_BITS);
        int sub = (bucket - LINEAR) % (1 << SUB_BITS);
        return (1L << exponent) + ((long) sub << (exponent - SUB_BITS));
    }
}
