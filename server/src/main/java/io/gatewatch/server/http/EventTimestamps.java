package io.gatewatch.server.http;

import io.gatewatch.core.journal.JournalRecord;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The event date a client pushes with its events ({@code X-SEKOIAIO-EVENT-TIMESTAMP}, the root
 * route's {@code @timestamp}, {@code /array}'s {@code timestamp}): an RFC 3339 date with its
 * offset ({@code 2021-04-05T21:33:31+02:00}, {@code 2021-04-05T19:33:31.123Z}, as Logstash's
 * {@code %{@timestamp}} gives it), or a number of seconds or milliseconds since the epoch.
 *
 * <p>Epoch numbers: up to 10¹¹ they are seconds (until the year 5138), above, milliseconds; a
 * fraction of a second is kept to the millisecond. A date without an offset is refused: it names
 * no instant, and guessing a zone would file the event hours away.
 */
final class EventTimestamps {
    /** 9999-12-31T23:59:59.999Z: the last instant RFC 3339 can write. */
    private static final long MAX_MILLIS = 253_402_300_799_999L;
    private static final double SECONDS_UNTIL = 1e11;

    private EventTimestamps() {}

    /**
     * Epoch milliseconds of {@code value}, or {@link JournalRecord#NO_EVENT_TIME} when it is null.
     *
     * @param source where the value came from, to name it in the error
     * @throws HttpError 400 naming the source and the accepted forms
     */
    static long parse(String value, String source) throws HttpError {
        if (value == null) {
            return JournalRecord.NO_EVENT_TIME;
        }
        String v = value.strip();
        long millis;
        try {
            millis = isNumber(v) ? epochMillis(v) : rfc3339Millis(v);
        } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
            throw bad(value, source, "");
        }
        if (millis < 0 || millis > MAX_MILLIS) {
            throw bad(value, source, " between 1970 and 9999");
        }
        return millis;
    }

    private static HttpError bad(String value, String source, String range) {
        String shown = value.length() > 64 ? value.substring(0, 64) + "…" : value;
        return new HttpError(400, source + ": '" + shown + "' is not an event date" + range
                + ": send an RFC 3339 date with its offset (2021-04-05T21:33:31+02:00) or seconds or milliseconds since 1970");
    }

    private static boolean isNumber(String v) {
        if (v.isEmpty()) {
            return false;
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if ((c < '0' || c > '9') && c != '.') {
                return false;
            }
        }
        return true;
    }

    private static long epochMillis(String v) {
        int dot = v.indexOf('.');
        String whole = dot < 0 ? v : v.substring(0, dot);
        if (whole.isEmpty() || whole.length() > 16) {
            throw new NumberFormatException(v);
        }
        long n = Long.parseLong(whole);
        if (n > SECONDS_UNTIL) {
            if (dot >= 0) {
                throw new NumberFormatException("milliseconds with a fraction: " + v);
            }
            return n;
        }
        long fraction = 0;
        if (dot >= 0) {
            String f = (v.substring(dot + 1) + "000").substring(0, 3);
            fraction = Long.parseLong(f);
        }
        return Math.addExact(Math.multiplyExact(n, 1000), fraction);
    }

    private static long rfc3339Millis(String v) {
        // RFC 3339 also allows a space for the T, and lower-case t and z.
        String iso = v.toUpperCase(Locale.ROOT);
        if (iso.length() > 10 && iso.charAt(10) == ' ') {
            iso = iso.substring(0, 10) + 'T' + iso.substring(11);
        }
        return Instant.from(DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(iso)).toEpochMilli();
    }
}
