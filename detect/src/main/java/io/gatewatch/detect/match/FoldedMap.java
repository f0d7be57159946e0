package io.gatewatch.detect.match;

import java.util.Map;

/**
 * Case-insensitive exact lookup: folded rule values to leaf ids, looked up with an event value
 * as it is (folded while hashing and comparing), so no lower-cased copy is made per event.
 * Open addressing with linear probing; immutable once built.
 */
final class FoldedMap {
    private final String[] keys;
    private final int[][] values;
    private final int mask;

    FoldedMap(Map<String, int[]> byFoldedKey) {
        int capacity = Integer.highestOneBit(Math.max(4, byFoldedKey.size() * 2 + 1)) * 2;
        keys = new String[capacity];
        values = new int[capacity][];
        mask = capacity - 1;
        for (Map.Entry<String, int[]> e : byFoldedKey.entrySet()) {
            int i = Fold.hash(e.getKey()) & mask;
            while (keys[i] != null) {
                i = (i + 1) & mask;
            }
            keys[i] = e.getKey();
            values[i] = e.getValue();
        }
    }

    /** The ids stored under the folded form of {@code s}, or null. */
    int[] get(String s) {
        int i = Fold.hash(s) & mask;
        while (true) {
            String k = keys[i];
            if (k == null) {
                return null;
            }
            if (Fold.equalsFolded(s, k)) {
                return values[i];
            }
            i = (i + 1) & mask;
        }
    }
}
