package io.gatewatch.detect.cti;

import java.util.Arrays;

/**
 * An immutable multimap from a 64-bit key to indicator numbers, for IPv4 networks: open
 * addressing over primitive arrays, so a million entries cost about 40 bytes each and a lookup
 * allocates nothing (a {@code HashMap<Long, …>} would cost three objects per entry).
 */
final class LongPostings {
    /**
     * Two longs per slot, side by side so that a probe reads one cache line: the key, then the
     * slot's first entry (1-based; 0 = empty slot).
     */
    private final long[] slots;
    private final int mask;
    /** Per entry: the indicator number, the next entry with the same key (0 = none), the atom text. */
    private final int[] indicator;
    private final int[] next;
    private final String[] atomic;

    private LongPostings(int capacity, int entries) {
        slots = new long[capacity * 2];
        mask = capacity - 1;
        indicator = new int[entries + 1];
        next = new int[entries + 1];
        atomic = new String[entries + 1];
    }

    static final class Builder {
        private long[] k = new long[16];
        private int[] ind = new int[16];
        private String[] text = new String[16];
        private int size;

        void add(long key, int indicatorNumber, String atom) {
            if (size == k.length) {
                k = Arrays.copyOf(k, size * 2);
                ind = Arrays.copyOf(ind, size * 2);
                text = Arrays.copyOf(text, size * 2);
            }
            k[size] = key;
            ind[size] = indicatorNumber;
            text[size] = atom;
            size++;
        }

        LongPostings build() {
            int cap = Integer.highestOneBit(Math.max(4, size * 2 - 1)) << 1;
            LongPostings p = new LongPostings(cap, size);
            for (int i = 0; i < size; i++) {
                int e = i + 1;
                p.indicator[e] = ind[i];
                p.atomic[e] = text[i];
                int slot = p.slot(k[i]);
                p.slots[2 * slot] = k[i];
                p.next[e] = (int) p.slots[2 * slot + 1];
                p.slots[2 * slot + 1] = e;
            }
            return p;
        }
    }

    /** The slot of {@code key}: where it is, or the empty slot where it goes. */
    private int slot(long key) {
        int s = mix(key) & mask;
        while (slots[2 * s + 1] != 0 && slots[2 * s] != key) {
            s = (s + 1) & mask;
        }
        return s;
    }

    /** First entry for {@code key} (0 when none); walk with {@link #next(int)}. */
    int first(long key) {
        return (int) slots[2 * slot(key) + 1];
    }

    int next(int entry) {
        return next[entry];
    }

    int indicator(int entry) {
        return indicator[entry];
    }

    String atomic(int entry) {
        return atomic[entry];
    }

    int entries() {
        return indicator.length - 1;
    }

    private static int mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
