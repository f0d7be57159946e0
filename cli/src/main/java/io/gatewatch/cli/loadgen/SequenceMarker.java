package io.gatewatch.cli.loadgen;

import java.nio.charset.StandardCharsets;

/**
 * The sequence number each generated event carries, so that what arrived can be checked event by
 * event: {@code loadgen_seq} then {@code =} (WELF, and Standard's session id) or {@code ":"}
 * (JSON), then exactly {@value #DIGITS} decimal digits. A fixed width lets a pre-rendered line
 * take any number in place, without changing its length or its octet count.
 */
final class SequenceMarker {
    static final String NAME = "loadgen_seq";
    static final int DIGITS = 12;
    static final long MAX = 999_999_999_999L;
    /** The digits of a line before it is numbered. */
    static final String PLACEHOLDER = "0".repeat(DIGITS);

    private static final byte[] NAME_BYTES = NAME.getBytes(StandardCharsets.US_ASCII);

    private SequenceMarker() {}

    /** Where the digits start in {@code b[from, to)}, or -1 when it carries no sequence number. */
    static int find(byte[] b, int from, int to) {
        int last = to - NAME_BYTES.length - 1 - DIGITS;
        outer:
        for (int i = from; i <= last; i++) {
            for (int k = 0; k < NAME_BYTES.length; k++) {
                if (b[i + k] != NAME_BYTES[k]) {
                    continue outer;
                }
            }
            int at = i + NAME_BYTES.length;
            if (b[at] == '=') {
                at++;
            } else if (at + 3 <= to && b[at] == '"' && b[at + 1] == ':' && b[at + 2] == '"') {
                at += 3;
            } else {
                continue;
            }
            if (at + DIGITS <= to && allDigits(b, at)) {
                return at;
            }
        }
        return -1;
    }

    /** The number whose digits start at {@code at} (as {@link #find} gives it). */
    static long read(byte[] b, int at) {
        long v = 0;
        for (int i = at; i < at + DIGITS; i++) {
            v = v * 10 + (b[i] - '0');
        }
        return v;
    }

    /** Writes {@code value} as {@value #DIGITS} digits, zero-padded, at {@code at}. */
    static void write(byte[] b, int at, long value) {
        long v = value;
        for (int i = at + DIGITS - 1; i >= at; i--) {
            b[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
    }

    private static boolean allDigits(byte[] b, int at) {
        for (int i = at; i < at + DIGITS; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return false;
            }
        }
        return true;
    }
}
