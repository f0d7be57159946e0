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

    /** Appends bytes. */
    public void raw(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, len, bytes.length);
        len += bytes.length;
    }

    /**
     * {@code bytes} copied into an array whose length is a multiple of eight, for
     * {@link #rawWords}; done once per field name, at class load.
     */
    static byte[] padToWords(byte[] bytes) {
        return Arrays.copyOf(bytes, (bytes.length + 7) & ~7);
    }

    /**
     * Appends the first {@code n} bytes of {@code padded} (see {@link #padToWords}) with 8-byte
     * stores: cheaper than a byte loop or a call into arraycopy for the short field names that
     * every event writes dozens of. The bytes past {@code n} are overwritten by what follows.
     */
    void rawWords(byte[] padded, int n) {
        ensure(padded.length);
        byte[] b = buf;
        int p = len;
        for (int i = 0; i < padded.length; i += 8) {
            LONGS.set(b, p + i, (long) LONGS.get(padded, i));
        }
        len = p + n;
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
     * Writes a quoted, escaped JSON string; lone surrogates become '?', as the JDK's UTF-8
     * encoder makes them. Room for the worst case (six bytes a char) is made once, so the loop
     * itself does no bounds bookkeeping.
     */
    public void string(String s) {
        raw((byte) '"');
        stringBody(s);
    }

    /** {@link #string} after its opening quote, which the caller has written. */
    public void stringBody(String s) {
        int n = s.length();
        if (n >= 24) {
            // Long strings (the message, reasons, user agents): let the JDK encode them (an
            // intrinsic for ASCII), then copy plain runs in bulk and escape only what must be.
            byte[] u = s.getBytes(StandardCharsets.UTF_8);
            utf8Escaped(u, 0, u.length);
            return;
        }
        ensure(6 * n + 1);
        byte[] b = buf;
        int p = len;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (!NEEDS_ESCAPE[c]) {
                    b[p++] = (byte) c;
                } else {
                    p = escape(b, p, c);
                }
            } else if (c < 0x800) {
                b[p++] = (byte) (0xc0 | (c >> 6));
                b[p++] = (byte) (0x80 | (c & 0x3f));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                b[p++] = (byte) (0xf0 | (cp >> 18));
                b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
                b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
                b[p++] = (byte) (0x80 | (cp & 0x3f));
            } else if (Character.isSurrogate(c)) {
                // '?', as the JDK's encoder writes it (long strings here, keywords' doc values):
                // a lone surrogate comes back the same from the stored source and from doc values.
                b[p++] = '?';
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
     * Writes raw UTF-8 text as a JSON string. Input bytes are untrusted: when they are not valid
     * UTF-8, the text is written through its decoded String instead, whose replacement characters
     * keep the output valid and equal to what {@link Utf8Text#toString()} returns.
     */
    public void utf8(Utf8Text text) {
        raw((byte) '"');
        utf8Body(text);
    }

    /** {@link #utf8} after its opening quote, which the caller has written. */
    public void utf8Body(Utf8Text text) {
        int start = len;
        if (!utf8Escaped(text.bytes(), text.offset(), text.length())) {
            len = start;
            stringBody(text.toString());
        }
    }

    /**
     * Writes UTF-8 bytes as the body of a JSON string (the caller wrote the opening quote) and the
     * closing quote; returns false (having written garbage) on invalid UTF-8.
     * Eight bytes a step, with the classic "has a byte below / equal to" bit tricks: a word with no
     * control byte, {@code "}, {@code \\}, DEL or byte >= 0x80 is copied with one 8-byte store;
     * other words go byte by byte. No per-run arraycopy: WELF text has a quote every few bytes.
     */
    private boolean utf8Escaped(byte[] u, int off, int length) {
        int n = off + length;
        ensure(6 * length + 1 + 8);
        byte[] b = buf;
        int p = len;
        int i = off;
        while (i < n) {
            if (i + 8 <= n) {
                long w = (long) LONGS.get(u, i);
                long special = ((w - 0x2020202020202020L) & ~w)
                        | hasZero(w ^ 0x2222222222222222L)
                        | hasZero(w ^ 0x5c5c5c5c5c5c5c5cL)
                        | hasZero(w ^ 0x7f7f7f7f7f7f7f7fL)
                        | w;
                long flagged = special & HIGHS;
                // Store the word whatever it holds: the bytes before the first flagged one are
                // plain, and those after are overwritten. The lowest flag is exact (borrows only
                // carry upwards), so this jumps straight to the byte that needs care.
                LONGS.set(b, p, w);
                if (flagged == 0) {
                    p += 8;
                    i += 8;
                    continue;
                }
                int plain = Long.numberOfTrailingZeros(flagged) >>> 3;
                p += plain;
                i += plain;
            }
            int c = u[i] & 0xff;
            if (c < 0x80) {
                if (NEEDS_ESCAPE[c]) {
                    p = escape(b, p, (char) c);
                } else {
                    b[p++] = (byte) c;
                }
                i++;
                continue;
            }
            int seq = utf8SequenceLength(u, i, n);
            if (seq < 0) {
                return false;
            }
            if (c == 0xe2 && u[i + 1] == (byte) 0x80 && (u[i + 2] == (byte) 0xa8 || u[i + 2] == (byte) 0xa9)) {
                p = escape(b, p, u[i + 2] == (byte) 0xa8 ? '\u2028' : '\u2029');
            } else {
                for (int k = 0; k < seq; k++) {
                    b[p++] = u[i + k];
                }
            }
            i += seq;
        }
        b[p++] = '"';
        len = p;
        return true;
    }

    /**
     * Length of the well-formed UTF-8 sequence at {@code i} (RFC 3629: no overlongs, no
     * surrogates, nothing above U+10FFFF), or -1.
     */
    private static int utf8SequenceLength(byte[] u, int i, int n) {
        int c = u[i] & 0xff;
        int len;
        int min;
        if (c >= 0xc2 && c <= 0xdf) {
            len = 2;
            min = 0x80;
        } else if (c >= 0xe0 && c <= 0xef) {
            len = 3;
            min = 0x800;
        } else if (c >= 0xf0 && c <= 0xf4) {
            len = 4;
            min = 0x10000;
        } else {
            return -1;
        }
        if (i + len > n) {
            return -1;
        }
        int cp = c & (0x3f >> (len - 1));
        for (int k = 1; k < len; k++) {
            int cc = u[i + k] & 0xff;
            if ((cc & 0xc0) != 0x80) {
                return -1;
            }
            cp = (cp << 6) | (cc & 0x3f);
        }
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
            return -1;
        }
        return len;
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
