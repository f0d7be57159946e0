package io.gatewatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatewatch.core.journal.JournalRecord;
import io.gatewatch.core.journal.SegmentedJournal;
import io.gatewatch.server.ingest.ResendFilter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The multiset of the journal's tail that recognises resends after a restart, and its bounds. */
class ResendFilterTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final Duration HOUR = Duration.ofHours(1);

    @TempDir
    Path dir;

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private SegmentedJournal journal(JournalRecord... records) throws Exception {
        SegmentedJournal j = SegmentedJournal.open(dir, SegmentedJournal.DEFAULT_SEGMENT_BYTES);
        j.append(List.of(records));
        j.sync();
        return j;
    }

    private static boolean resend(ResendFilter f, String intake, String line) {
        byte[] padded = b("##" + line + "##");
        return f.isResend(intake, padded, 2, padded.length - 4);
    }

    @Test
    void aLineIsRecognised_asManyTimesAsTheTailHoldsIt_underItsIntakeOnly() throws Exception {
        try (SegmentedJournal j = journal(JournalRecord.of(T0, "vpn", b("a")), JournalRecord.of(T0, "vpn", b("a")),
                JournalRecord.of(T0, "vpn", b("b")))) {
            ResendFilter f = ResendFilter.load(j, 100, HOUR, HOUR);
            assertThat(f.loaded()).isEqualTo(3);
            assertThat(resend(f, "lab", "a")).as("another intake").isFalse();
            assertThat(resend(f, "vpn", "a")).isTrue();
            assertThat(resend(f, "vpn", "a")).isTrue();
            assertThat(resend(f, "vpn", "a")).as("a third copy is new").isFalse();
            assertThat(resend(f, "vpn", "c")).isFalse();
            assertThat(f.remaining()).isEqualTo(1);
            assertThat(resend(f, "vpn", "b")).isTrue();
            assertThat(f.remaining()).isZero();
            assertThat(resend(f, "vpn", "b")).isFalse();
        }
    }

    @Test
    void theTail_isBoundedByCountAndByAgeBeforeTheLastRecord() throws Exception {
        List<JournalRecord> records = new ArrayList<>();
        records.add(JournalRecord.of(T0, "vpn", b("old")));
        for (int i = 0; i < 10; i++) {
            records.add(JournalRecord.of(T0 + Duration.ofMinutes(20).toMillis() + i, "vpn", b("line " + i)));
        }
        try (SegmentedJournal j = journal(records.toArray(JournalRecord[]::new))) {
            ResendFilter byCount = ResendFilter.load(j, 4, HOUR, HOUR);
            assertThat(byCount.loaded()).isEqualTo(4);
            assertThat(resend(byCount, "vpn", "line 5")).as("not among the last 4").isFalse();
            assertThat(resend(byCount, "vpn", "line 6")).isTrue();

            ResendFilter byAge = ResendFilter.load(j, 100, Duration.ofMinutes(5), HOUR);
            assertThat(byAge.loaded()).isEqualTo(10);
            assertThat(resend(byAge, "vpn", "old")).as("20 minutes before the last record").isFalse();
            assertThat(resend(byAge, "vpn", "line 0")).isTrue();
        }
    }

    @Test
    void afterItsWindow_orWhenOff_nothingIsRecognised() throws Exception {
        try (SegmentedJournal j = journal(JournalRecord.of(T0, "vpn", b("a")))) {
            ResendFilter over = ResendFilter.load(j, 100, HOUR, Duration.ZERO);
            assertThat(resend(over, "vpn", "a")).isFalse();
            assertThat(over.remaining()).as("memory freed").isZero();
        }
        assertThat(resend(ResendFilter.off(), "vpn", "a")).isFalse();
    }
}
