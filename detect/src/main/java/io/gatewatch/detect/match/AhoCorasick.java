package io.gatewatch.detect.match;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Aho-Corasick automaton over case-folded chars: finds every occurrence of every pattern in one
 * pass over a value, whatever the number of patterns (Aho and Corasick, "Efficient string
 * matching", CACM 18(6), 1975). One automaton serves all the contains, starts-with and ends-with
 * values that rules test on one field.
 *
 * <p>Layout: transitions on ASCII chars form a complete DFA table, so the common case is one
 * array read per char. The table has one column per ASCII char that occurs in some pattern plus
 * one for all the others (they lead back to the start from anywhere), which keeps it small;
 * upper-case letters share their lower-case letter's column, which folds them for free. Other
 * chars follow sparse trie edges and failure links. Each state lists every pattern ending there,
 * its suffix states' included.
 *
 * <p>The table holds, for each transition, the target's row offset ({@code state * stride}), with
 * the sign bit set when patterns end there: a step is then one add and one dependent read, and
 * the common no-match step reads nothing else. This loop is most of the time of detection with
 * many rules, so it is kept this tight.
 */
final class AhoCorasick {
    /** Receives {@code (pattern, end)}: pattern index, and the index just past its last char. */
    interface Sink {
        void match(int pattern, int end);
    }

    private static final int[] NONE = new int[0];
    /** Set in a table entry when patterns end in the target state. */
    private static final int ENDS = 0x80000000;

    /** Column of each ASCII char in {@link #table}; 0 for chars in no pattern. */
    private final byte[] column;
    private final int stride;
    private final int[] table;
    private final char[][] wideKeys;
    private final int[][] wideTargets;
    private final int[] fail;
    private final int[][] outputs;

    private AhoCorasick(byte[] column, int stride, int[] table, char[][] wideKeys, int[][] wideTargets, int[] fail,
            int[][] outputs) {
        this.column = column;
        this.stride = stride;
        this.table = table;
        this.wideKeys = wideKeys;
        this.wideTargets = wideTargets;
        this.fail = fail;
        this.outputs = outputs;
    }

    /** Builds the automaton; patterns must be non-empty and already folded. */
    static AhoCorasick build(List<String> patterns) {
        byte[] column = new byte[128];
        int stride = 1;
        for (String p : patterns) {
            if (p.isEmpty()) {
                throw new IllegalArgumentException("empty pattern");
            }
            for (int i = 0; i < p.length(); i++) {
                char c = p.charAt(i);
                if (c < 128 && column[c] == 0) {
                    column[c] = (byte) stride++;
                }
            }
        }
        int[] table = new int[16 * stride];
        Map<Long, Integer> wide = new HashMap<>();
        Map<Integer, int[]> ends = new HashMap<>();
        int nodes = 1;
        for (int id = 0; id < patterns.size(); id++) {
            String p = patterns.get(id);
            int s = 0;
            for (int i = 0; i < p.length(); i++) {
                char c = p.charAt(i);
                int next;
                if (c < 128) {
                    next = table[s * stride + column[c]];
                    if (next == 0) {
                        next = nodes++;
                        table[s * stride + column[c]] = next;
                    }
                } else {
                    Integer t = wide.get(key(s, c));
                    if (t == null) {
                        t = nodes++;
                        wide.put(key(s, c), t);
                    }
                    next = t;
                }
                if (nodes * stride > table.length) {
                    table = Arrays.copyOf(table, table.length * 2);
                }
                s = next;
            }
            int[] had = ends.get(s);
            ends.put(s, had == null ? new int[] {id} : append(had, id));
        }
        int[][] own = new int[nodes][];
        ends.forEach((state, ids) -> own[state] = ids);

        // Sparse edges per state, sorted by char for binary search.
        char[][] keys = new char[nodes][];
        int[][] targets = new int[nodes][];
        int[] counts = new int[nodes];
        for (long k : wide.keySet()) {
            counts[(int) (k >>> 16)]++;
        }
        for (int s = 0; s < nodes; s++) {
            keys[s] = new char[counts[s]];
            targets[s] = new int[counts[s]];
            counts[s] = 0;
        }
        for (Map.Entry<Long, Integer> e : wide.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
            int s = (int) (e.getKey() >>> 16);
            keys[s][counts[s]] = (char) (e.getKey() & 0xFFFF);
            targets[s][counts[s]++] = e.getValue();
        }

        // Breadth-first: a state's failure state is shallower, so its row is complete when needed.
        int[] fail = new int[nodes];
        int[][] outputs = new int[nodes][];
        outputs[0] = own[0] == null ? NONE : own[0];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int c = 1; c < stride; c++) {
            if (table[c] != 0) {
                queue.add(table[c]);
            }
        }
        for (int t : targets[0]) {
            queue.add(t);
        }
        while (!queue.isEmpty()) {
            int s = queue.poll();
            int f = fail[s];
            outputs[s] = merge(own[s], outputs[f]);
            for (int c = 1; c < stride; c++) {
                int t = table[s * stride + c];
                if (t != 0 && s != 0) {
                    fail[t] = table[f * stride + c];
                    queue.add(t);
                } else {
                    table[s * stride + c] = table[f * stride + c];
                }
            }
            for (int k = 0; k < keys[s].length; k++) {
                int t = targets[s][k];
                fail[t] = wideStep(keys, targets, fail, f, keys[s][k]);
                queue.add(t);
            }
        }
        table = Arrays.copyOf(table, nodes * stride);
        for (int k = 0; k < table.length; k++) {
            table[k] = encode(table[k], stride, outputs);
        }
        for (char c = 'A'; c <= 'Z'; c++) {
            column[c] = column[c + 32];
        }
        return new AhoCorasick(column, stride, table, keys, targets, fail, outputs);
    }

    /** A state as the table holds it: its row offset, flagged when patterns end there. */
    private static int encode(int state, int stride, int[][] outputs) {
        return state * stride | (outputs[state].length > 0 ? ENDS : 0);
    }

    /** Reports every occurrence of every pattern in {@code text}, folded as read. */
    void scan(String text, Sink sink) {
        int row = 0; // row offset of the current state, never flagged
        int[] t = table;
        byte[] col = column;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int next;
            if (c < 128) {
                next = t[row + col[c]];
            } else {
                next = wide(row, c);
            }
            row = next & ~ENDS;
            if (next < 0) {
                for (int p : outputs[row / stride]) {
                    sink.match(p, i + 1);
                }
            }
        }
    }

    /** The step on a non-ASCII char, as a table entry; a few fold to ASCII (the Kelvin sign to 'k'). */
    private int wide(int row, char c) {
        char f = Fold.fold(c);
        if (f < 128) {
            return table[row + column[f]];
        }
        return encode(wideStep(wideKeys, wideTargets, fail, row / stride, f), stride, outputs);
    }

    /** The state after {@code c} from {@code s}, following failure links (non-ASCII chars). */
    private static int wideStep(char[][] keys, int[][] targets, int[] fail, int s, char c) {
        while (true) {
            int k = Arrays.binarySearch(keys[s], c);
            if (k >= 0) {
                return targets[s][k];
            }
            if (s == 0) {
                return 0;
            }
            s = fail[s];
        }
    }

    private static long key(int state, char c) {
        return ((long) state << 16) | c;
    }

    private static int[] append(int[] a, int v) {
        int[] b = Arrays.copyOf(a, a.length + 1);
        b[a.length] = v;
        return b;
    }

    private static int[] merge(int[] own, int[] inherited) {
        if (own == null) {
            return inherited;
        }
        if (inherited.length == 0) {
            return own;
        }
        int[] m = Arrays.copyOf(own, own.length + inherited.length);
        System.arraycopy(inherited, 0, m, own.length, inherited.length);
        return m;
    }
}
