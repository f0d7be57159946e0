package io.gatewatch.cli;

import java.util.Arrays;

/** A run of input lines copied out of the reader's buffer, so that another thread can parse them. */
final class Batch {
    static final int MAX_LINES = 2048;
    static final int MAX_BYTES = 1 << 20;

    byte[] bytes = new byte[64 * 1024];
    int size;
    final int[] starts = new int[MAX_LINES];
    final int[] lengths = new int[MAX_LINES];
    int count;

    void add(byte[] b, int from, int length) {
        if (size + length > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + length));
        }
        System.arraycopy(b, from, bytes, size, length);
        starts[count] = size;
        lengths[count] = length;
        count++;
        size += length;
    }

    boolean full() {
        return count == MAX_LINES || size >= MAX_BYTES;
    }

    boolean isEmpty() {
        return count == 0;
    }
}
