package io.gatewatch.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatewatch.core.journal.JournalRecord;
import org.junit.jupiter.api.Test;

class EventTimestampsTest {
    private static final long T = 1_617_651_211_000L; // 2021-04-05T19:33:31Z

    private static long parse(String v) throws HttpError {
        return EventTimestamps.parse(v, "X-SEKOIAIO-EVENT-TIMESTAMP");
    }

    @Test
    void rfc3339Dates_withAnyOffsetAndFraction() throws HttpError {
        assertThat(parse("2021-04-05T21:33:31+02:00")).isEqualTo(T);
        assertThat(parse("2021-04-05T19:33:31Z")).isEqualTo(T);
        assertThat(parse("2021-04-05T19:33:31.123Z")).isEqualTo(T + 123);
        assertThat(parse("2021-04-05t19:33:31.123456789z")).isEqualTo(T + 123);
        assertThat(parse("2021-04-05 14:33:31-05:00")).isEqualTo(T);
        assertThat(parse(" 2021-04-05T19:33:31Z ")).isEqualTo(T);
    }

    @Test
    void epochSecondsOrMilliseconds() throws HttpError {
        assertThat(parse("1617651211")).isEqualTo(T);
        assertThat(parse("1617651211.5")).isEqualTo(T + 500);
        assertThat(parse("1617651211000")).isEqualTo(T);
        assertThat(parse("0")).isZero();
    }

    @Test
    void noValue_isNoEventTime() throws HttpError {
        assertThat(parse(null)).isEqualTo(JournalRecord.NO_EVENT_TIME);
    }

    @Test
    void anythingElse_is400_namingTheSourceAndTheForms() {
        for (String bad : new String[] {"", "yesterday", "2021-04-05T19:33:31", "2021-04-05", "2021-13-05T19:33:31Z",
                "-5", "1617651211000.5", "1.2.3", "99999999999999999999", "12345678901234567"}) {
            assertThatThrownBy(() -> parse(bad)).as(bad).isInstanceOfSatisfying(HttpError.class, e -> {
                assertThat(e.status).isEqualTo(400);
                assertThat(e.getMessage()).startsWith("X-SEKOIAIO-EVENT-TIMESTAMP: '").contains("RFC 3339");
            });
        }
    }
}
