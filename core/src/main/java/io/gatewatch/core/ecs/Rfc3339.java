package io.gatewatch.core.ecs;

/**
 * Formats epoch milliseconds as RFC 3339 UTC ({@code 2021-01-28T13:46:08Z}), the form the
 * reference parser emits: second precision, and milliseconds only when they are not zero.
 * Hand-written because it runs once per event on the hot path.
 */
public final class Rfc3339 {
    private Rfc3339() {}

    public static String formatUtc(long epochMillis) {
        JsonOutput out = new JsonOutput(32);
        appendUtc(epochMillis, out);
        return out.toString();
    }

    static void appendUtc(long epochMillis, JsonOutput out) {
        long secs = Math.floorDiv(epochMillis, 1000);
        int millis = (int) Math.floorMod(epochMillis, 1000);
        long days = Math.floorDiv(secs, 86_400);
        int secOfDay = (int) Math.floorMod(secs, 86_400);
        // Civil-from-days (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms").
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long y = yoe + era * 400;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int d = (int) (doy - (153 * mp + 2) / 5 + 1);
        int m = (int) (mp < 10 ? mp + 3 : mp - 9);
        if (m <= 2) {
            y++;
        }
        if (y < 0 || y > 9999) {
            // Out of the four-digit range RFC 3339 allows: clamp rather than emit an invalid date.
            y = y < 0 ? 0 : 9999;
        }
        digits(out, (int) y, 4);
        out.raw((byte) '-');
        digits(out, m, 2);
        out.raw((byte) '-');
        digits(out, d, 2);
        out.raw((byte) 'T');
        digits(out, secOfDay / 3600, 2);
        out.raw((byte) ':');
        digits(out, (secOfDay / 60) % 60, 2);
        out.raw((byte) ':');
        digits(out, secOfDay % 60, 2);
        if (millis != 0) {
            out.raw((byte) '.');
            digits(out, millis, 3);
        }
        out.raw((byte) 'Z');
    }

    private static void digits(JsonOutput out, int v, int width) {
        int div = 1;
        for (int i = 1; i < width; i++) {
            div *= 10;
        }
        for (; div > 0; div /= 10) {
            out.raw((byte) ('0' + (v / div) % 10));
        }
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (days-from-civil, same source). */
    public static long daysFromCivil(int year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long mp = month > 2 ? month - 3 : month + 9;
        long doy = (153 * mp + 2) / 5 + day - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }
}
