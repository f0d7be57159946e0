package io.gatewatch.core.welf;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds a byte in a range eight bytes at a time (SWAR: the "has a zero byte" trick on a long
 * read through a VarHandle), for the long quoted values and the jumps from one {@code =} to the
 * next that dominate WELF lexing.
 */
final class ByteSearch {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private ByteSearch() {}

    /** Index of the first {@code c} in {@code b[from, to)}, or -1. */
    static int indexOf(byte[] b, byte c, int from, int to) {
        long pattern = (c & 0xffL) * ONES;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long x = (long) LONGS.get(b, i) ^ pattern;
            long found = (x - ONES) & ~x & HIGHS;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }
}
