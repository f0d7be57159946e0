package io.gatewatch.detect.match;

import java.util.Arrays;

/**
 * Binary trie of networks, one bit per level: a lookup walks the address's bits once and meets
 * every network that contains it, whatever their number (at most 32 or 128 steps).
 */
final class CidrTrie {
    private static final int[] NONE = new int[0];

    private int[] zero = new int[16];
    private int[] one = new int[16];
    private int[][] ids = new int[16][];
    private int nodes = 1;

    /** Adds a network (host bits already cleared) whose matches report {@code id}. */
    void add(byte[] address, int prefix, int id) {
        int n = 0;
        for (int bit = 0; bit < prefix; bit++) {
            boolean set = (address[bit >>> 3] & (0x80 >>> (bit & 7))) != 0;
            int next = set ? one[n] : zero[n];
            if (next == 0) {
                next = newNode();
                if (set) {
                    one[n] = next;
                } else {
                    zero[n] = next;
                }
            }
            n = next;
        }
        int[] had = ids[n];
        if (had == null) {
            ids[n] = new int[] {id};
        } else {
            int[] more = Arrays.copyOf(had, had.length + 1);
            more[had.length] = id;
            ids[n] = more;
        }
    }

    private int newNode() {
        if (nodes == zero.length) {
            zero = Arrays.copyOf(zero, nodes * 2);
            one = Arrays.copyOf(one, nodes * 2);
            ids = Arrays.copyOf(ids, nodes * 2);
        }
        return nodes++;
    }

    /** Receives the id of each network containing the address. */
    interface Sink {
        void found(int id);
    }

    /** Reports every network containing the first {@code bits} bits of {@code address}. */
    void find(byte[] address, int from, int bits, Sink sink) {
        int n = 0;
        for (int bit = 0; ; bit++) {
            int[] here = ids[n] == null ? NONE : ids[n];
            for (int id : here) {
                sink.found(id);
            }
            if (bit == bits) {
                return;
            }
            boolean set = (address[from + (bit >>> 3)] & (0x80 >>> (bit & 7))) != 0;
            n = set ? one[n] : zero[n];
            if (n == 0) {
                return;
            }
        }
    }

    boolean isEmpty() {
        return nodes == 1 && ids[0] == null;
    }
}
