package io.gatewatch.core.welf;

/**
 * Splits a WELF body ({@code id=firewall time="…" ivs=Default Network user=… msg="…"}) into
 * key/value spans, on bytes, in one pass, without regex.
 *
 * <p>The grammar as PCS/ICS writes it, which is looser than WebTrends' own:
 * <ul>
 *   <li>a key is {@code [A-Za-z0-9_.-]+} followed by {@code =};</li>
 *   <li>a quoted value runs to a {@code "} that is followed by the end of the line or by white
 *       space and the next {@code key=}, so that quotes inside a message
 *       ({@code msg="… "x" …"}) and a backslash before the closing quote ({@code arg="C:\"})
 *       both come out right; {@code \"} inside is an escaped quote;</li>
 *   <li>an unquoted value runs to the white space before the next {@code key=}, so values with
 *       spaces survive ({@code ivs=Default Network user=bob}) and empty ones stay empty
 *       ({@code dst= dstname=});</li>
 *   <li>a quoted value that never closes (a truncated line) takes the rest of the line and
 *       marks the tokens {@link WelfTokens#truncated()}.</li>
 * </ul>
 * The lexer never throws and never reads outside {@code [from, to)}.
 */
public final class WelfLexer {
    private WelfLexer() {}

    /** Longest key accepted: a longer {@code word=} is text, not a key. */
    static final int MAX_KEY = 64;

    public static void lex(byte[] b, int from, int to, WelfTokens out) {
        out.reset(b);
        int i = from;
        while (i < to) {
            while (i < to && WelfTokens.isSpace(b[i])) {
                i++;
            }
            if (i >= to) {
                break;
            }
            // The value before may already have found this key (see unquotedEnd and atBoundary).
            int keyEnd = i == out.nextKeyStart ? out.nextKeyEq : keyEndAt(b, i, to);
            if (keyEnd < 0) {
                // Not a key: skip this word. Unquoted values swallow such words before we get here,
                // so this only happens before the first key or after a closed quote.
                int start = i;
                while (i < to && !WelfTokens.isSpace(b[i])) {
                    i++;
                }
                out.strayBytes += i - start;
                continue;
            }
            if (out.count == WelfTokens.MAX_PAIRS) {
                out.strayBytes += to - i;
                break;
            }
            int n = out.count++;
            out.keyStart[n] = i;
            out.keyEnd[n] = keyEnd;
            out.flags[n] = 0;
            i = keyEnd + 1;
            if (i < to && b[i] == '"') {
                out.flags[n] |= WelfTokens.QUOTED;
                int start = i + 1;
                int close = closingQuote(b, start, to, out, n);
                out.valueStart[n] = start;
                if (close < 0) {
                    out.valueEnd[n] = to;
                    out.flags[n] |= WelfTokens.UNTERMINATED;
                    out.truncated = true;
                    i = to;
                } else {
                    out.valueEnd[n] = close;
                    i = close + 1;
                }
            } else {
                out.valueStart[n] = i;
                int end = unquotedEnd(b, i, to, out);
                out.valueEnd[n] = end;
                i = end;
            }
        }
    }

    /** Index of the {@code =} ending a key that starts at {@code i}, or -1. */
    public static int keyEndAt(byte[] b, int i, int to) {
        int j = i;
        while (j < to && isKeyByte(b[j])) {
            j++;
        }
        return j > i && j < to && b[j] == '=' && j - i <= MAX_KEY ? j : -1;
    }

    /** The closing quote of a quoted value starting at {@code i}, or -1 when it never closes. */
    private static int closingQuote(byte[] b, int i, int to, WelfTokens out, int n) {
        for (int j = ByteSearch.indexOf(b, (byte) '"', i, to); j >= 0; j = ByteSearch.indexOf(b, (byte) '"', j + 1, to)) {
            if (atBoundary(b, j + 1, to, out)) {
                return j;
            }
            if (j > i && b[j - 1] == '\\') {
                out.flags[n] |= WelfTokens.ESCAPED;
            }
        }
        return -1;
    }

    /** True when {@code p} is the end of the line, or white space then a key, or only white space. */
    private static boolean atBoundary(byte[] b, int p, int to, WelfTokens out) {
        if (p >= to) {
            return true;
        }
        if (!WelfTokens.isSpace(b[p])) {
            return false;
        }
        while (p < to && WelfTokens.isSpace(b[p])) {
            p++;
        }
        if (p >= to) {
            return true;
        }
        int eq = keyEndAt(b, p, to);
        if (eq < 0) {
            return false;
        }
        out.nextKeyStart = p;
        out.nextKeyEq = eq;
        return true;
    }

    /**
     * End of an unquoted value starting at {@code i}: before the white space that precedes the
     * next key. Rather than testing every space for a following key, it jumps from {@code =} to
     * {@code =} and walks back over the key, so each byte is looked at about once.
     */
    private static int unquotedEnd(byte[] b, int i, int to, WelfTokens out) {
        for (int eq = ByteSearch.indexOf(b, (byte) '=', i, to); eq >= 0; eq = ByteSearch.indexOf(b, (byte) '=', eq + 1, to)) {
            int ks = eq;
            while (ks > i && isKeyByte(b[ks - 1])) {
                ks--;
            }
            if (ks < eq && ks > i && eq - ks <= MAX_KEY && WelfTokens.isSpace(b[ks - 1])) {
                int end = ks - 1;
                while (end > i && WelfTokens.isSpace(b[end - 1])) {
                    end--;
                }
                out.nextKeyStart = ks;
                out.nextKeyEq = eq;
                return end;
            }
        }
        // No key follows: the value runs to the end, less trailing white space.
        int end = to;
        while (end > i && WelfTokens.isSpace(b[end - 1])) {
            end--;
        }
        return end;
    }

    /** Key bytes as a table: this runs for every byte of every key and of every unquoted value. */
    private static final boolean[] KEY_BYTE = new boolean[256];

    static {
        for (int c = 0; c < 256; c++) {
            KEY_BYTE[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '.' || c == '-';
        }
    }

    private static boolean isKeyByte(byte c) {
        return KEY_BYTE[c & 0xff];
    }
}
