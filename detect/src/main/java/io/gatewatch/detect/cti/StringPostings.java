package io.gatewatch.detect.cti;

import java.util.Map;

/**
 * An immutable map from a string to indicator numbers, for domains, that can be probed with a
 * suffix of a longer string without cutting it out: the caller passes the suffix's
 * {@link String#hashCode()}, which it computes for every suffix in one backward pass, so matching
 * {@code a.b.evil.com} against its parents allocates nothing.
 */
final class StringPostings {
    /**
     * Per slot, the key's hash code in the high half and its entry number + 1 in the low half (0 =
     * empty slot): a probe that misses reads this one array, never a key.
     */
    private final long[] table;
    private final String[] keys;
    private final int[][] values;
    private final int mask;

    StringPostings(Map<String, int[]> map) {
        int cap = Integer.highestOneBit(Math.max(4, map.size() * 2 - 1)) << 1;
        table = new long[cap];
        keys = new String[map.size()];
        values = new int[map.size()][];
        mask = cap - 1;
        int n = 0;
        for (Map.Entry<String, int[]> e : map.entrySet()) {
            int h = e.getKey().hashCode();
            int s = spread(h) & mask;
            while (table[s] != 0) {
                s = (s + 1) & mask;
            }
            keys[n] = e.getKey();
            values[n] = e.getValue();
            table[s] = (long) h << 32 | (n + 1);
            n++;
        }
    }

    /** The entry of {@code s.substring(from)}, whose hash code is {@code hash}; -1 when absent. */
    int find(String s, int from, int hash) {
        int len = s.length() - from;
        for (int slot = spread(hash) & mask;; slot = (slot + 1) & mask) {
            long t = table[slot];
            if (t == 0) {
                return -1;
            }
            if ((int) (t >>> 32) == hash) {
                int entry = (int) t - 1;
                String k = keys[entry];
                if (k.length() == len && s.regionMatches(from, k, 0, len)) {
                    return entry;
                }
            }
        }
    }

    String key(int entry) {
        return keys[entry];
    }

    int[] values(int entry) {
        return values[entry];
    }

    private static int spread(int h) {
        return (h ^ (h >>> 16)) * 0x9E3779B1;
    }
}
