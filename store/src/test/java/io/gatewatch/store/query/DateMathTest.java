package io.gatewatch.store.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DateMathTest {
    /** A Tuesday. */
    static final Instant NOW = Instant.parse("2026-11-24T09:30:15.250Z");

    static String down(String expr) {
        return Instant.ofEpochMilli(DateMath.parse(expr, NOW, false)).toString();
    }

    static String up(String expr) {
        return Instant.ofEpochMilli(DateMath.parse(expr, NOW, true)).toString();
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", textBlock = """
            2026                          => 2026-01-01T00:00:00Z     => 2026-12-31T23:59:59.999Z
            2024-02                       => 2024-02-01T00:00:00Z     => 2024-02-29T23:59:59.999Z
            2026-11-23                    => 2026-11-23T00:00:00Z     => 2026-11-23T23:59:59.999Z
            2026-11-23T10                 => 2026-11-23T10:00:00Z     => 2026-11-23T10:59:59.999Z
            2026-11-23T10:05              => 2026-11-23T10:05:00Z     => 2026-11-23T10:05:59.999Z
            2026-11-23T10:05:07           => 2026-11-23T10:05:07Z     => 2026-11-23T10:05:07.999Z
            2026-11-23T10:05:07Z          => 2026-11-23T10:05:07Z     => 2026-11-23T10:05:07.999Z
            2026-11-23t10:05:07z          => 2026-11-23T10:05:07Z     => 2026-11-23T10:05:07.999Z
            2026-11-23 10:05:07           => 2026-11-23T10:05:07Z     => 2026-11-23T10:05:07.999Z
            2026-11-23T10:05:07.5Z        => 2026-11-23T10:05:07.500Z => 2026-11-23T10:05:07.599Z
            2026-11-23T10:05:07.25Z       => 2026-11-23T10:05:07.250Z => 2026-11-23T10:05:07.259Z
            2026-11-23T10:05:07.123Z      => 2026-11-23T10:05:07.123Z => 2026-11-23T10:05:07.123Z
            2026-11-23T10:05:07,123456789 => 2026-11-23T10:05:07.123Z => 2026-11-23T10:05:07.123Z
            2026-11-23T10:05:07+01:00     => 2026-11-23T09:05:07Z     => 2026-11-23T09:05:07.999Z
            2026-11-23T10:05:07-0530      => 2026-11-23T15:35:07Z     => 2026-11-23T15:35:07.999Z
            2026-11-23T10:05:07+02        => 2026-11-23T08:05:07Z     => 2026-11-23T08:05:07.999Z
            2026-11-23T10:05+01:00        => 2026-11-23T09:05:00Z     => 2026-11-23T09:05:59.999Z
            1700000000000                 => 2023-11-14T22:13:20Z     => 2023-11-14T22:13:20Z
            0                             => 1970-01-01T00:00:00Z     => 1970-01-01T00:00:00Z
            now                           => 2026-11-24T09:30:15.250Z => 2026-11-24T09:30:15.250Z
            now-1h                        => 2026-11-24T08:30:15.250Z => 2026-11-24T08:30:15.250Z
            now+15m                       => 2026-11-24T09:45:15.250Z => 2026-11-24T09:45:15.250Z
            now-1H                        => 2026-11-24T08:30:15.250Z => 2026-11-24T08:30:15.250Z
            now-30s                       => 2026-11-24T09:29:45.250Z => 2026-11-24T09:29:45.250Z
            now-1y                        => 2025-11-24T09:30:15.250Z => 2025-11-24T09:30:15.250Z
            now-1M                        => 2026-10-24T09:30:15.250Z => 2026-10-24T09:30:15.250Z
            now-2w                        => 2026-11-10T09:30:15.250Z => 2026-11-10T09:30:15.250Z
            now-7d/d                      => 2026-11-17T00:00:00Z     => 2026-11-17T23:59:59.999Z
            now/d                         => 2026-11-24T00:00:00Z     => 2026-11-24T23:59:59.999Z
            now/h                         => 2026-11-24T09:00:00Z     => 2026-11-24T09:59:59.999Z
            now/H                         => 2026-11-24T09:00:00Z     => 2026-11-24T09:59:59.999Z
            now/m                         => 2026-11-24T09:30:00Z     => 2026-11-24T09:30:59.999Z
            now/s                         => 2026-11-24T09:30:15Z     => 2026-11-24T09:30:15.999Z
            now/w                         => 2026-11-23T00:00:00Z     => 2026-11-29T23:59:59.999Z
            now/M                         => 2026-11-01T00:00:00Z     => 2026-11-30T23:59:59.999Z
            now/y                         => 2026-01-01T00:00:00Z     => 2026-12-31T23:59:59.999Z
            now-1d/d+1h                   => 2026-11-23T01:00:00Z     => 2026-11-24T00:59:59.999Z
            2026-11-23||+1d               => 2026-11-24T00:00:00Z     => 2026-11-24T00:00:00Z
            2026-11-23T10:00:00Z||-1h/d   => 2026-11-23T00:00:00Z     => 2026-11-23T23:59:59.999Z
            2024-01-31||+1M               => 2024-02-29T00:00:00Z     => 2024-02-29T00:00:00Z
            """)
    void parsesDatesAndMath(String expr, String roundedDown, String roundedUp) {
        assertThat(down(expr)).isEqualTo(roundedDown);
        assertThat(up(expr)).isEqualTo(roundedUp);
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", textBlock = """
            -24h          => 2026-11-23T09:30:15.250Z
            -7d/d         => 2026-11-17T00:00:00Z
            '  -30d  '    => 2026-10-25T09:30:15.250Z
            +1h           => 2026-11-24T10:30:15.250Z
            now-24h       => 2026-11-23T09:30:15.250Z
            now           => 2026-11-24T09:30:15.250Z
            2026-11-23    => 2026-11-23T00:00:00Z
            1700000000000 => 2023-11-14T22:13:20Z
            """)
    void windowBoundsAcceptBareOffsets(String expr, String expected) {
        assertThat(Instant.ofEpochMilli(DateMath.parseWindowBound(expr, NOW, false))).hasToString(expected);
    }

    @Test
    void windowUpperBoundsRoundUp() {
        assertThat(Instant.ofEpochMilli(DateMath.parseWindowBound("2026-11-23", NOW, true)))
                .hasToString("2026-11-23T23:59:59.999Z");
        assertThat(Instant.ofEpochMilli(DateMath.parseWindowBound("-1d/d", NOW, true)))
                .hasToString("2026-11-23T23:59:59.999Z");
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", textBlock = """
            ''                             => 0  => empty date
            now-1x                         => 5  => unknown date-math unit 'x' (use y, M, w, d, h, H, m or s)
            now-1                          => 5  => missing unit after '-1'
            now/                           => 4  => missing unit after '/'
            now-d                          => 4  => expected a number after '-'
            now-1234567890d                => 4  => number too large in date math
            now*2                          => 3  => unexpected '*' in date math
            nowish                         => 3  => unexpected 'i' in date math
            yesterday                      => 0  => expected a four-digit year
            2026-1-01                      => 6  => expected a two-digit month
            2026-00-01                     => 5  => month 0 out of range
            2026-11-31                     => 8  => day 31 out of range for 2026-11
            2026-11-23T                    => 11 => expected a two-digit hour
            2026-11-23T25                  => 11 => hour 25 out of range
            2026-11-23T10:5                => 14 => expected two-digit minutes
            2026-11-23T10:00:60            => 17 => second 60 out of range
            2026-11-23T10:00:00.           => 20 => expected digits after the decimal point
            2026-11-23T10:00:00.1234567891 => 29 => unexpected '1' in date
            2026-11-23T10:00:00+1          => 20 => expected a two-digit offset hour
            2026-11-23T10:00:00+01:0       => 23 => expected two-digit offset minutes
            2026-11-23T10:00:00Zjunk       => 20 => unexpected 'j' in date
            2026-11-23x                    => 10 => unexpected 'x' in date
            ||+1d                          => 0  => missing date before '||'
            2026-11-23||                   => 12 => ''
            1234567890123456789            => 0  => epoch milliseconds out of range
            now+999999999y                 => 3  => date out of range
            """)
    void rejectsBadDates(String expr, int position, String reason) {
        QuerySyntaxException e = catchThrowableOfType(QuerySyntaxException.class, () -> DateMath.parse(expr, NOW, false));
        if (reason.isEmpty()) {
            // Nothing after '||' is no math at all.
            assertThat(e).isNull();
            return;
        }
        assertThat(e).as(expr).isNotNull();
        assertThat(e.reason()).contains(reason);
        assertThat(e.position()).as("%s: %s", expr, e.reason()).isEqualTo(position);
    }

    @Test
    void windowBoundErrorsPointIntoWhatTheUserTyped() {
        QuerySyntaxException e = catchThrowableOfType(QuerySyntaxException.class,
                () -> DateMath.parseWindowBound(" -24x", NOW, false));
        assertThat(e.reason()).startsWith("unknown date-math unit 'x'");
        assertThat(e.position()).isEqualTo(4);
        assertThat(catchThrowableOfType(QuerySyntaxException.class, () -> DateMath.parseWindowBound(null, NOW, false)))
                .isNotNull();
        assertThat(catchThrowableOfType(QuerySyntaxException.class, () -> DateMath.parseWindowBound("  ", NOW, false)))
                .isNotNull();
    }

    @Test
    void longExpressionsAreRefused() {
        String expr = "now" + "-1d".repeat(100);
        QuerySyntaxException e = catchThrowableOfType(QuerySyntaxException.class, () -> DateMath.parse(expr, NOW, false));
        assertThat(e.reason()).isEqualTo("date longer than 256 characters");
    }
}
