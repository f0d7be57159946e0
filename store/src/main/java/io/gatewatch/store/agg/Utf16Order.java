package io.gatewatch.store.agg;

import org.apache.lucene.util.BytesRef;

/**
 * Compares UTF-8 terms in the order of their decoded strings ({@link String#compareTo}, UTF-16
 * code units), without decoding them. Lucene keeps terms in byte order, which is code point
 * order; the two differ only where a character of U+E000..U+FFFF meets a supplementary one, so
 * terms tie-broken here sort exactly as the strings the caller sees.
 */
final class Utf16Order {
    private Utf16Order() {}

    static int compare(BytesRef a, BytesRef b) {
        int n = Math.min(a.length, b.length);
        for (int i = 0; i < n; i++) {
            int x = a.bytes[a.offset + i] & 0xff;
            int y = b.bytes[b.offset + i] & 0xff;
            if (x != y) {
                if (x >= 0xee && y >= 0xee) {
                    // Lead bytes 0xEE/0xEF start U+E000..U+FFFF, which UTF-16 sorts after the
                    // surrogate pairs of supplementary characters (lead bytes 0xF0..0xF4).
                    if ((x & 0xfe) == 0xee) {
                        x += 0x0e;
                    }
                    if ((y & 0xfe) == 0xee) {
                        y += 0x0e;
                    }
                }
                return x - y;
            }
        }
        return a.length - b.length;
    }

    /** True when the term holds a byte from which byte order and string order may part. */
    static boolean mayDifferFromByteOrder(BytesRef term) {
        for (int i = term.offset, end = term.offset + term.length; i < end; i++) {
            if ((term.bytes[i] & 0xff) >= 0xee) {
                return true;
            }
        }
        return false;
    }
}
