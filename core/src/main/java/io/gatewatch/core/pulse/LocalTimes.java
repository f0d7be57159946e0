package io.gatewatch.core.pulse;

import io.gatewatch.core.ecs.Rfc3339;

/**
 * Parses the appliance's time stamps by hand: {@code YYYY-MM-DD HH:MM:SS}, with {@code T} instead
 * of the space, an optional fraction, and an optional {@code Z} or {@code ±hh:mm} offset.
 */
final class LocalTimes {
    /** Returned when the text is not a time. */
    static final long INVALID = Long.MIN_VALUE;
    /** Returned in {@link Parsed#offsetSeconds} when the text carries no offset. */
    static final int NO_OFFSET = Integer.MIN_VALUE;

    private LocalTimes() {}

    /** Result holder, reused by one parser. */
    static final class Parsed {
        long localEpochSecond;
        int millis;
        int offsetSeconds;
    }

    static boolean parse(String s, Parsed out) {
        if (s == null || s.length() < 19) {
            return false;
        }
        int y = num(s, 0, 4);
        int mo = num(s, 5, 2);
        int d = num(s, 8, 2);
        int h = num(s, 11, 2);
        int mi = num(s, 14, 2);
        int se = num(s, 17, 2);
        if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) || h < 0 || h > 23 || mi < 0 || mi > 59
                || se < 0 || se > 60 || s.charAt(4) != '-' || s.charAt(7) != '-'
                || (s.charAt(10) != ' ' && s.charAt(10) != 'T') || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return false;
        }
        int i = 19;
        int millis = 0;
        if (i < s.length() && (s.charAt(i) == '.' || s.charAt(i) == ',')) {
            i++;
            int digits = 0;
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                if (digits < 3) {
                    millis = millis * 10 + (s.charAt(i) - '0');
                }
                digits++;
                i++;
            }
            if (digits == 0) {
                return false;
            }
            for (int k = digits; k < 3; k++) {
                millis *= 10;
            }
        }
        int offset = NO_OFFSET;
        if (i < s.length()) {
            char c = s.charAt(i);
            if ((c == 'Z' || c == 'z') && i == s.length() - 1) {
                offset = 0;
            } else if ((c == '+' || c == '-') && s.length() - i == 6 && s.charAt(i + 3) == ':') {
                int oh = num(s, i + 1, 2);
                int om = num(s, i + 4, 2);
                if (oh < 0 || om < 0 || oh > 18 || om > 59) {
                    return false;
                }
                offset = (oh * 3600 + om * 60) * (c == '-' ? -1 : 1);
            } else {
                return false;
            }
        }
        out.localEpochSecond = Rfc3339.daysFromCivil(y, mo, d) * 86_400L + h * 3600L + mi * 60L + Math.min(se, 59);
        out.millis = millis;
        out.offsetSeconds = offset;
        return true;
    }

    private static int daysIn(int y, int m) {
        return switch (m) {
            case 2 -> (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    private static int num(String s, int from, int len) {
        int v = 0;
        for (int i = from; i < from + len; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
