package io.gatewatch.detect.correlation;

import java.util.Arrays;

/**
 * The timestamps of one group's window, ascending, in one {@code long[]} (8 bytes a match, no
 * boxing, no event objects). Matches mostly arrive in time order, so an add is an append; a late
 * one is inserted by shifting the few newer entries. Old entries leave from the front by moving
 * {@code start}; the live run is moved back to the front of the array only when the end is
 * reached.
 */
final class SortedLongs {
    private static final long[] EMPTY = {};

    private long[] a = EMPTY;
    private int start;
    private int size;

    int size() {
        return size;
    }

    long get(int i) {
        return a[start + i];
    }

    long first() {
        return a[start];
    }

    long last() {
        return a[start + size - 1];
    }

    /**
     * Adds {@code t} in order; when more than {@code cap} entries are held the oldest goes (the
     * caller's decision only needs the newest {@code cap}).
     */
    void add(long t, int cap) {
        if (start + size == a.length) {
            if (start > 0) {
                System.arraycopy(a, start, a, 0, size);
                start = 0;
            } else {
                // most groups hold one match: start at one slot, then double
                a = Arrays.copyOf(a, (int) Math.min(Math.max(1L, 2L * a.length), (long) cap + 1));
            }
        }
        int i = start + size;
        while (i > start && a[i - 1] > t) {
            a[i] = a[i - 1];
            i--;
        }
        a[i] = t;
        size++;
        if (size > cap) {
            start++;
            size--;
        }
    }

    /** Drops the entries at or before {@code cutoff}. */
    void dropUpTo(long cutoff) {
        while (size > 0 && a[start] <= cutoff) {
            start++;
            size--;
        }
        if (size == 0) {
            start = 0;
        }
    }

    /** Empties it and gives the array back: a group that just fired may stay quiet for long. */
    void clear() {
        a = EMPTY;
        start = 0;
        size = 0;
    }

    /** The latest entry at or before {@code t}, or {@code Long.MIN_VALUE} when none. */
    long latestAtOrBefore(long t) {
        for (int i = start + size - 1; i >= start; i--) {
            if (a[i] <= t) {
                return a[i];
            }
        }
        return Long.MIN_VALUE;
    }
}
