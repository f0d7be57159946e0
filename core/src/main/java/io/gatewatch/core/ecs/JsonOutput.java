package io.gatewatch.core.ecs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable UTF-8 byte buffer with JSON string escaping, reused across events so that writing
 * an event allocates nothing once the buffer has grown to fit.
 */
public final class JsonOutput {
    /** ASCII characters JSON (or a console reading it) needs escaped. */
    private static final boolean[] NEEDS_ESCAPE = new boolean[128];

    static {
        for (int c = 0; c < 0x20; c++) {
            NEEDS_ESCAPE[c] = true;
        }
        NEEDS_ESCAPE['"'] = true;
        NEEDS_ESCAPE['\\'] = true;
        NEEDS_ESCAPE[0x7f] = true;
    }

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private byte[] buf;
    private int len;
    /** Scratch copy of the string being written. */
    private char[] chars = new char[256];

    public JsonOutput(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    public void reset() {
        len = 0;
    }

    public int length() {
        return len;
    }

    public byte[] buffer() {
        return buf;
    }

    public void writeTo(OutputStream out) throws IOException {
        out.write(buf, 0, len);
    }

    @Override
    public String toString() {
        return new String(buf, 0, len, StandardCharsets.UTF_8);
    }

    private void ensure(int extra) {
        if (len + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
        }
    }

    public void raw(byte b) {
        ensure(1);
        buf[len++] = b;
    }

    /** Appends pre-encoded bytes (field names are encoded once, at class load). */
    public void raw(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, len, bytes.length);
        len += bytes.length;
    }

    public void number(long v) {
        if (v == Long.MIN_VALUE) {
            raw("-9223372036854775808".getBytes(StandardCharsets.US_ASCII));
            return;
        }
        ensure(20);
        if (v < 0) {
            buf[len++] = '-';
            v = -v;
        }
        int start = len;
        do {
            buf[len++] = (byte) ('0' + (v % 10));
            v /= 10;
        } while (v != 0);
        for (int i = start, j = len - 1; i < j; i++, j--) {
            byte t = buf[i];
            buf[i] = buf[j];
            buf[j] = t;
        }
    }

    /**
     * Writes a quoted, escaped JSON string; lone surrogates become U+FFFD. Room for the worst
     * case (six bytes a char) is made once, so the loop itself does no bounds bookkeeping.
     */
    public void string(String s) {
        int n = s.length();
        if (n >= 24) {
            // Long strings (the message, reasons, user agents): let the JDK encode them (an
            // intrinsic for ASCII), then copy plain runs in bulk and escape only what must be.
            utf8Escaped(s.getBytes(StandardCharsets.UTF_8));
            return;
        }
        ensure(6 * n + 2);
        if (chars.length < n) {
            chars = new char[Math.max(n, chars.length * 2)];
        }
        // One bulk copy (an intrinsic for Latin-1 strings) beats charAt's per-char checks.
        char[] cs = chars;
        s.getChars(0, n, cs, 0);
        byte[] b = buf;
        int p = len;
        b[p++] = '"';
        for (int i = 0; i < n; i++) {
            char c = cs[i];
            if (c < 0x80) {
                if (!NEEDS_ESCAPE[c]) {
                    b[p++] = (byte) c;
                    // Plain ASCII runs are the common case: copy them in a tight inner loop.
                    while (i + 1 < n && (c = cs[i + 1]) < 0x80 && !NEEDS_ESCAPE[c]) {
                        b[p++] = (byte) c;
                        i++;
                    }
                } else {
                    p = escape(b, p, c);
                }
            } else if (c < 0x800) {
                b[p++] = (byte) (0xc0 | (c >> 6));
                b[p++] = (byte) (0x80 | (c & 0x3f));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(cs[i + 1])) {
                int cp = Character.toCodePoint(c, cs[++i]);
                b[p++] = (byte) (0xf0 | (cp >> 18));
                b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
                b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
                b[p++] = (byte) (0x80 | (cp & 0x3f));
            } else if (Character.isSurrogate(c)) {
                p = escape(b, p, '\ufffd');
            } else if (c == '\u2028' || c == '\u2029') {
                // Valid JSON, but they end lines in JavaScript: escape them for consoles.
                p = escape(b, p, c);
            } else {
                b[p++] = (byte) (0xe0 | (c >> 12));
                b[p++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                b[p++] = (byte) (0x80 | (c & 0x3f));
            }
        }
        b[p++] = '"';
        len = p;
    }

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /**
     * Writes UTF-8 text as a JSON string. Eight bytes a step, with the classic "has a zero byte"
     * bit trick, it skips words holding nothing special (control bytes, {@code "}, {@code \\},
     * DEL, and 0xE2, the lead byte of U+2028/2029), then copies each plain run in one go.
     */
    private void utf8Escaped(byte[] u) {
        int n = u.length;
        ensure(6 * n + 2);
        byte[] b = buf;
        int p = len;
        b[p++] = '"';
        int run = 0;
        int i = 0;
        while (i < n) {
            if (i + 8 <= n) {
                long w = (long) LONGS.get(u, i);
                long special = ((w - 0x2020202020202020L) & ~w)
                        | hasZero(w ^ 0x2222222222222222L)
                        | hasZero(w ^ 0x5c5c5c5c5c5c5c5cL)
                        | hasZero(w ^ 0x7f7f7f7f7f7f7f7fL)
                        | hasZero(w ^ 0xe2e2e2e2e2e2e2e2L);
                // Bytes >= 0x80 set false positives in the first term; they are re-checked below.
                if ((special & HIGHS & ~(w & HIGHS)) == 0 && (w & HIGHS) == 0) {
                    i += 8;
                    continue;
                }
            }
            int c = u[i] & 0xff;
            boolean escape;
            int skip = 1;
            if (c < 0x80) {
                escape = NEEDS_ESCAPE[c];
            } else {
                escape = c == 0xe2 && i + 2 < n && u[i + 1] == (byte) 0x80 && (u[i + 2] == (byte) 0xa8 || u[i + 2] == (byte) 0xa9);
                if (escape) {
                    skip = 3;
                    c = u[i + 2] == (byte) 0xa8 ? 0x2028 : 0x2029;
                }
            }
            if (escape) {
                System.arraycopy(u, run, b, p, i - run);
                p += i - run;
                p = escape(b, p, (char) c);
                i += skip;
                run = i;
            } else {
                i++;
            }
        }
        System.arraycopy(u, run, b, p, n - run);
        p += n - run;
        b[p++] = '"';
        len = p;
    }

    private static long hasZero(long v) {
        return (v - ONES) & ~v;
    }

    private static int escape(byte[] b, int p, char c) {
        b[p++] = '\\';
        switch (c) {
            case '"' -> b[p++] = '"';
            case '\\' -> b[p++] = '\\';
            case '\n' -> b[p++] = 'n';
            case '\r' -> b[p++] = 'r';
            case '\t' -> b[p++] = 't';
            default -> {
                b[p++] = 'u';
                b[p++] = HEX[(c >> 12) & 0xf];
                b[p++] = HEX[(c >> 8) & 0xf];
                b[p++] = HEX[(c >> 4) & 0xf];
                b[p++] = HEX[c & 0xf];
            }
        }
        return p;
    }
}
