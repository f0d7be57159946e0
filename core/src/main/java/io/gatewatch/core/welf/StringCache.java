package io.gatewatch.core.welf;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns short byte ranges into Strings, returning the same String for the same bytes while it
 * stays in a small direct-mapped table. Most WELF values repeat from line to line (the node, the
 * realm, the roles, the protocol, the user agent), so this saves most of the allocation and the
 * UTF-8 decoding per line. Not thread-safe: one per parser.
 */
public final class StringCache {
    /** Longer values are decoded every time: they rarely repeat and would crowd the table. */
    static final int MAX_LENGTH = 256;
    private static final int SLOTS = 1024;

    private final byte[][] keys = new byte[SLOTS][];
    private final String[] values = new String[SLOTS];

    public String get(byte[] b, int from, int to) {
        int len = to - from;
        if (len == 0) {
            return "";
        }
        if (len > MAX_LENGTH) {
            return new String(b, from, len, StandardCharsets.UTF_8);
        }
        int h = len;
        for (int i = from; i < to; i++) {
            h = 31 * h + b[i];
        }
        int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
        byte[] k = keys[slot];
        if (k != null && k.length == len && Arrays.equals(k, 0, len, b, from, to)) {
            return values[slot];
        }
        String v = new String(b, from, len, StandardCharsets.UTF_8);
        keys[slot] = Arrays.copyOfRange(b, from, to);
        values[slot] = v;
        return v;
    }
}
