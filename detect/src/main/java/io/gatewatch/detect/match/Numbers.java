package io.gatewatch.detect.match;

/**
 * Reads decimal numbers from event values without exceptions: a malformed value is simply not a
 * number (NaN), not a thrown and caught error per event.
 */
final class Numbers {
    private static final int MAX_CHARS = 40;

    private Numbers() {}

    /** The value of {@code [-+]digits[.digits]}, or NaN. */
    static double parse(String s) {
        int n = s.length();
        if (n == 0 || n > MAX_CHARS) {
            return Double.NaN;
        }
        int i = 0;
        boolean negative = false;
        if (s.charAt(0) == '-' || s.charAt(0) == '+') {
            negative = s.charAt(0) == '-';
            i = 1;
        }
        long whole = 0;
        int digits = 0;
        boolean fraction = false;
        for (int j = i; j < n; j++) {
            char c = s.charAt(j);
            if (c >= '0' && c <= '9') {
                digits++;
                if (!fraction) {
                    whole = whole * 10 + (c - '0');
                }
            } else if (c == '.' && !fraction) {
                fraction = true;
            } else {
                return Double.NaN;
            }
        }
        if (digits == 0) {
            return Double.NaN;
        }
        if (!fraction && n - i <= 18) {
            return negative ? -whole : whole;
        }
        // Rare: decimals and very long numbers; the text is known to be well-formed here.
        return Double.parseDouble(s);
    }
}
