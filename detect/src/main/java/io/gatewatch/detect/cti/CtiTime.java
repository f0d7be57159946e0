package io.gatewatch.detect.cti;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** STIX timestamps ({@code 2024-01-31T12:00:00.000Z}, RFC 3339 in UTC) to epoch milliseconds. */
final class CtiTime {
    private CtiTime() {}

    /** Epoch milliseconds, or {@link Long#MIN_VALUE} when the text is not a UTC timestamp. */
    static long parseOrMin(String text) {
        if (text == null || text.length() < 20 || text.length() > 40 || !text.endsWith("Z") || text.charAt(10) != 'T') {
            return Long.MIN_VALUE;
        }
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            return Long.MIN_VALUE;
        }
    }
}
