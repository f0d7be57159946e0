package io.gatewatch.core.welf;

import java.nio.charset.StandardCharsets;

/**
 * The key/value spans the {@link WelfLexer} found in one line: offsets into the caller's bytes,
 * no strings. Reused across lines; values are decoded only for the keys a caller reads.
 */
public final class WelfTokens {
    /** More pairs than this on one line are ignored (a real PCS line has about 25). */
    public static final int MAX_PAIRS = 128;

    static final int QUOTED = 1;
    static final int ESCAPED = 2;
    static final int UNTERMINATED = 4;

    byte[] bytes;
    int count;
    final int[] keyStart = new int[MAX_PAIRS];
    final int[] keyEnd = new int[MAX_PAIRS];
    final int[] valueStart = new int[MAX_PAIRS];
    final int[] valueEnd = new int[MAX_PAIRS];
    final int[] flags = new int[MAX_PAIRS];
    /** Bytes that belong to no pair (garbage before the first key, say). */
    int strayBytes;
    boolean truncated;
    /** A key the lexer found while ending the previous value: its start and its {@code =}. */
    int nextKeyStart = -1;
    int nextKeyEq = -1;

    void reset(byte[] b) {
        bytes = b;
        nextKeyStart = -1;
        nextKeyEq = -1;
        count = 0;
        strayBytes = 0;
        truncated = false;
    }

    public int size() {
        return count;
    }

    /** True when a quoted value ran to the end of the line without its closing quote. */
    public boolean truncated() {
        return truncated;
    }

    public int strayBytes() {
        return strayBytes;
    }

    public String key(int i) {
        return new String(bytes, keyStart[i], keyEnd[i] - keyStart[i], StandardCharsets.UTF_8);
    }


    public int keyStart(int i) {
        return keyStart[i];
    }

    public int keyLength(int i) {
        return keyEnd[i] - keyStart[i];
    }

    public byte[] bytes() {
        return bytes;
    }


    /**
     * The value of pair {@code i}, trimmed of surrounding white space, with {@code \"} inside a
     * quoted value turned into {@code "}. Other backslashes are kept as sent: the reference keeps
     * {@code user=MYDomain\\johndoe} verbatim, and so do we.
     */
    public String value(int i) {
        return value(i, null);
    }

    /** {@link #value(int)}, taking unescaped values from {@code cache} when one is given. */
    public String value(int i, StringCache cache) {
        int s = valueStart[i];
        int e = valueEnd[i];
        while (s < e && isSpace(bytes[s])) {
            s++;
        }
        while (e > s && isSpace(bytes[e - 1])) {
            e--;
        }
        if (s == e) {
            return "";
        }
        if ((flags[i] & ESCAPED) == 0) {
            return cache != null ? cache.get(bytes, s, e) : new String(bytes, s, e - s, StandardCharsets.UTF_8);
        }
        byte[] tmp = new byte[e - s];
        int n = 0;
        for (int k = s; k < e; k++) {
            if (bytes[k] == '\\' && k + 1 < e && bytes[k + 1] == '"') {
                k++;
            }
            tmp[n++] = bytes[k];
        }
        return new String(tmp, 0, n, StandardCharsets.UTF_8);
    }

    /**
     * Index in the input of the first {@code c} in the trimmed value of pair {@code i}, or -1
     * (also -1 for values with escapes, which callers then read whole).
     */
    public int indexInValue(int i, byte c) {
        if ((flags[i] & ESCAPED) != 0) {
            return -1;
        }
        int e = trimmedEnd(i);
        for (int k = trimmedStart(i); k < e; k++) {
            if (bytes[k] == c) {
                return k;
            }
        }
        return -1;
    }

    /**
     * Part of the trimmed value of pair {@code i}: from input index {@code from} (-1: the value's
     * start) to {@code to} (-1: its end). For values without escapes only.
     */
    public String valuePart(int i, int from, int to, StringCache cache) {
        int s = from < 0 ? trimmedStart(i) : from;
        int e = to < 0 ? trimmedEnd(i) : to;
        if (e <= s) {
            return "";
        }
        return cache != null ? cache.get(bytes, s, e) : new String(bytes, s, e - s, StandardCharsets.UTF_8);
    }

    private int trimmedStart(int i) {
        int s = valueStart[i];
        int e = valueEnd[i];
        while (s < e && isSpace(bytes[s])) {
            s++;
        }
        return s;
    }

    private int trimmedEnd(int i) {
        int s = valueStart[i];
        int e = valueEnd[i];
        while (e > s && isSpace(bytes[e - 1])) {
            e--;
        }
        return e;
    }

    static boolean isSpace(byte c) {
        return c <= ' ' && (c == ' ' || c == '\t' || c == '\r' || c == '\n');
    }
}
