package io.gatewatch.store.query;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Objects;

/**
 * Dates as users type them in queries and time windows, to epoch milliseconds:
 *
 * <ul>
 *   <li>ISO 8601 / RFC 3339, from the year down to the nanosecond: {@code 2026}, {@code 2026-11},
 *       {@code 2026-11-23}, {@code 2026-11-23T10}, {@code 2026-11-23T10:00},
 *       {@code 2026-11-23T10:00:00.250Z}, {@code 2026-11-23 10:00:00+01:00}; the offset is
 *       {@code Z}, {@code ±hh:mm}, {@code ±hhmm} or {@code ±hh}, and a time without one is UTC;
 *   <li>epoch milliseconds: digits only (except exactly four digits, which are a year);
 *   <li>date math: {@code now} or {@code <date>||}, then any of {@code +N<unit>},
 *       {@code -N<unit>} and {@code /<unit>} (round), with units {@code y M w d h H m s}
 *       ({@code H} is {@code h}). Arithmetic and rounding are in UTC; weeks start on Monday.
 * </ul>
 *
 * <p>{@code roundUp} says which end of an imprecise date is wanted, as Elasticsearch does: with
 * it, {@code 2026-11-23} is its last millisecond and {@code now/d} the end of today; without, their
 * first. Upper bounds of ranges that include their end ask for it, and so do lower bounds that
 * exclude theirs. Dates with math after {@code ||} are not rounded up before the math; only the
 * {@code /unit} rounding then is.
 */
public final class DateMath {
    private static final String NOW = "now";
    private static final String UNITS = "use y, M, w, d, h, H, m or s";

    private DateMath() {}

    /**
     * The epoch milliseconds of {@code expr}.
     *
     * @param now the instant {@code now} stands for
     * @param roundUp whether an imprecise date means its last millisecond rather than its first
     * @throws QuerySyntaxException if {@code expr} is not a date; its position is within {@code expr}
     */
    public static long parse(String expr, Instant now, boolean roundUp) {
        Objects.requireNonNull(now, "now");
        if (expr == null || expr.isEmpty()) {
            throw new QuerySyntaxException(0, "empty date");
        }
        if (expr.length() > QueryLimits.MAX_DATE_CHARS) {
            throw new QuerySyntaxException(QueryLimits.MAX_DATE_CHARS, "date longer than "
                    + QueryLimits.MAX_DATE_CHARS + " characters");
        }
        if (expr.startsWith(NOW)) {
            return math(expr, NOW.length(), now.toEpochMilli(), roundUp);
        }
        int bars = expr.indexOf("||");
        if (bars < 0) {
            return anchor(expr, expr.length(), roundUp);
        }
        return math(expr, bars + 2, anchor(expr, bars, false), roundUp);
    }

    /**
     * A bound of a search time window: whatever {@link #parse} takes, plus a bare offset from now
     * such as {@code -24h} or {@code -7d/d} (meaning {@code now-24h}, {@code now-7d/d}).
     * Surrounding whitespace is ignored.
     *
     * @throws QuerySyntaxException if {@code expr} is not a date; its position is within {@code expr}
     */
    public static long parseWindowBound(String expr, Instant now, boolean roundUp) {
        if (expr == null) {
            throw new QuerySyntaxException(0, "empty date");
        }
        int lead = 0;
        while (lead < expr.length() && Character.isWhitespace(expr.charAt(lead))) {
            lead++;
        }
        String s = expr.strip();
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            try {
                return parse(NOW + s, now, roundUp);
            } catch (QuerySyntaxException e) {
                throw new QuerySyntaxException(Math.max(0, e.position() - NOW.length()) + lead, e.reason());
            }
        }
        try {
            return parse(s, now, roundUp);
        } catch (QuerySyntaxException e) {
            throw new QuerySyntaxException(e.position() + lead, e.reason());
        }
    }

    /** Applies the math in {@code expr} from {@code start} (for example {@code -7d/d}) to {@code millis}. */
    private static long math(String expr, int start, long millis, boolean roundUp) {
        int i = start;
        if (i >= expr.length()) {
            return millis;
        }
        LocalDateTime t;
        try {
            t = LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw new QuerySyntaxException(0, "date out of range");
        }
        while (i < expr.length()) {
            int opAt = i;
            char op = expr.charAt(i++);
            long amount = 0;
            if (op == '+' || op == '-') {
                int digits = i;
                while (i < expr.length() && isDigit(expr.charAt(i))) {
                    i++;
                }
                if (i == digits) {
                    throw new QuerySyntaxException(i, "expected a number after '" + op + "' in date math");
                }
                if (i - digits > 9) {
                    throw new QuerySyntaxException(digits, "number too large in date math");
                }
                amount = Long.parseLong(expr, digits, i, 10);
                if (op == '-') {
                    amount = -amount;
                }
            } else if (op != '/') {
                throw new QuerySyntaxException(opAt, "unexpected '" + op + "' in date math (expected +, - or /)");
            }
            if (i >= expr.length()) {
                throw new QuerySyntaxException(i, "missing unit after '" + expr.substring(opAt, i) + "' (" + UNITS + ")");
            }
            int unitAt = i;
            char unit = expr.charAt(i++);
            ChronoUnit chrono = switch (unit) {
                case 'y' -> ChronoUnit.YEARS;
                case 'M' -> ChronoUnit.MONTHS;
                case 'w' -> ChronoUnit.WEEKS;
                case 'd' -> ChronoUnit.DAYS;
                case 'h', 'H' -> ChronoUnit.HOURS;
                case 'm' -> ChronoUnit.MINUTES;
                case 's' -> ChronoUnit.SECONDS;
                default -> throw new QuerySyntaxException(unitAt, "unknown date-math unit '" + unit + "' (" + UNITS + ")");
            };
            try {
                t = op == '/' ? round(t, chrono, roundUp) : t.plus(amount, chrono);
            } catch (DateTimeException | ArithmeticException e) {
                throw new QuerySyntaxException(opAt, "date out of range");
            }
        }
        try {
            return t.toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeException | ArithmeticException e) {
            throw new QuerySyntaxException(0, "date out of range");
        }
    }

    private static LocalDateTime round(LocalDateTime t, ChronoUnit unit, boolean roundUp) {
        LocalDateTime start = switch (unit) {
            case YEARS -> t.toLocalDate().withDayOfYear(1).atStartOfDay();
            case MONTHS -> t.toLocalDate().withDayOfMonth(1).atStartOfDay();
            case WEEKS -> t.toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay();
            default -> t.truncatedTo(unit);
        };
        return roundUp ? start.plus(1, unit).minus(1, ChronoUnit.MILLIS) : start;
    }

    /** An explicit date: {@code expr[0, end)} in ISO 8601 or as epoch milliseconds. */
    private static long anchor(String expr, int end, boolean roundUp) {
        if (end == 0) {
            throw new QuerySyntaxException(0, "missing date before '||'");
        }
        boolean digitsOnly = true;
        for (int i = 0; i < end; i++) {
            if (!isDigit(expr.charAt(i))) {
                digitsOnly = false;
                break;
            }
        }
        if (digitsOnly && end != 4) {
            if (end > 18) {
                throw new QuerySyntaxException(0, "epoch milliseconds out of range");
            }
            return Long.parseLong(expr, 0, end, 10);
        }
        return new IsoDate(expr, end).parse(roundUp);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** A hand-written reader of one ISO 8601 date-time, reporting errors by position. */
    private static final class IsoDate {
        private final String s;
        private final int end;
        private int i;

        IsoDate(String s, int end) {
            this.s = s;
            this.end = end;
        }

        long parse(boolean roundUp) {
            int year = digits(4, "a four-digit year");
            int month = 1;
            int day = 1;
            int hour = 0;
            int minute = 0;
            int second = 0;
            int nanos = 0;
            // The unit of the last field given: rounding up adds one of it, less a millisecond.
            ChronoUnit precision = ChronoUnit.YEARS;
            long fractionUnitNanos = 0;
            if (accept('-')) {
                month = digits(2, "a two-digit month");
                check(month >= 1 && month <= 12, i - 2, "month " + month + " out of range");
                precision = ChronoUnit.MONTHS;
                if (accept('-')) {
                    day = digits(2, "a two-digit day");
                    int days = java.time.YearMonth.of(year, month).lengthOfMonth();
                    check(day >= 1 && day <= days, i - 2, "day " + day + " out of range for " + year + "-" + two(month));
                    precision = ChronoUnit.DAYS;
                    if (accept('T') || accept('t') || accept(' ')) {
                        hour = digits(2, "a two-digit hour");
                        check(hour <= 23, i - 2, "hour " + hour + " out of range");
                        precision = ChronoUnit.HOURS;
                        if (accept(':')) {
                            minute = digits(2, "two-digit minutes");
                            check(minute <= 59, i - 2, "minute " + minute + " out of range");
                            precision = ChronoUnit.MINUTES;
                            if (accept(':')) {
                                second = digits(2, "two-digit seconds");
                                check(second <= 59, i - 2, "second " + second + " out of range");
                                precision = ChronoUnit.SECONDS;
                                if (accept('.') || accept(',')) {
                                    int from = i;
                                    while (i < end && isDigit(s.charAt(i)) && i - from < 9) {
                                        i++;
                                    }
                                    check(i > from, i, "expected digits after the decimal point");
                                    int count = i - from;
                                    int value = Integer.parseInt(s, from, i, 10);
                                    long scale = 1;
                                    for (int k = count; k < 9; k++) {
                                        scale *= 10;
                                    }
                                    nanos = (int) (value * scale);
                                    precision = ChronoUnit.NANOS;
                                    fractionUnitNanos = scale;
                                }
                            }
                        }
                        int offsetSeconds = offset();
                        return toMillis(year, month, day, hour, minute, second, nanos, offsetSeconds, precision,
                                fractionUnitNanos, roundUp);
                    }
                }
            }
            if (i < end) {
                throw new QuerySyntaxException(i, "unexpected '" + s.charAt(i) + "' in date");
            }
            return toMillis(year, month, day, hour, minute, second, nanos, 0, precision, 0, roundUp);
        }

        /** The UTC offset at the end, in seconds; none means UTC. */
        private int offset() {
            if (i >= end) {
                return 0;
            }
            char c = s.charAt(i);
            if (c == 'Z' || c == 'z') {
                i++;
                expectEnd();
                return 0;
            }
            if (c != '+' && c != '-') {
                throw new QuerySyntaxException(i, "unexpected '" + c + "' in date (expected Z or an offset such as +01:00)");
            }
            i++;
            int hours = digits(2, "a two-digit offset hour");
            int minutes = 0;
            if (accept(':')) {
                minutes = digits(2, "two-digit offset minutes");
            } else if (i < end && isDigit(s.charAt(i))) {
                minutes = digits(2, "two-digit offset minutes");
            }
            check(hours <= 18 && minutes <= 59 && hours * 60 + minutes <= 18 * 60, i - 2, "offset out of range");
            expectEnd();
            int seconds = hours * 3600 + minutes * 60;
            return c == '-' ? -seconds : seconds;
        }

        private long toMillis(int year, int month, int day, int hour, int minute, int second, int nanos,
                int offsetSeconds, ChronoUnit precision, long fractionUnitNanos, boolean roundUp) {
            LocalDateTime local = LocalDateTime.of(year, month, day, hour, minute, second, nanos);
            if (roundUp) {
                LocalDateTime next = precision == ChronoUnit.NANOS
                        ? local.plusNanos(fractionUnitNanos)
                        : local.plus(1, precision);
                // The last millisecond of the period, unless the period is under a millisecond.
                local = fractionUnitNanos != 0 && fractionUnitNanos < 1_000_000 ? local : next.minus(1, ChronoUnit.MILLIS);
            }
            return local.toInstant(ZoneOffset.ofTotalSeconds(offsetSeconds)).toEpochMilli();
        }

        private int digits(int count, String what) {
            if (i + count > end) {
                throw new QuerySyntaxException(i, "expected " + what + " in date");
            }
            for (int k = i; k < i + count; k++) {
                if (!isDigit(s.charAt(k))) {
                    throw new QuerySyntaxException(k, "expected " + what + " in date");
                }
            }
            int value = Integer.parseInt(s, i, i + count, 10);
            i += count;
            return value;
        }

        private boolean accept(char c) {
            if (i < end && s.charAt(i) == c) {
                i++;
                return true;
            }
            return false;
        }

        private void expectEnd() {
            if (i < end) {
                throw new QuerySyntaxException(i, "unexpected '" + s.charAt(i) + "' in date");
            }
        }

        private static void check(boolean ok, int position, String reason) {
            if (!ok) {
                throw new QuerySyntaxException(position, reason);
            }
        }

        private static String two(int v) {
            return v < 10 ? "0" + v : String.valueOf(v);
        }
    }
}
