package io.gatewatch.core.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentedJournalTest {
    @TempDir
    Path dir;

    private static JournalRecord rec(int i) {
        return JournalRecord.of(1_700_000_000_000L + i, i % 2 == 0 ? "default" : "vpn-prod",
                ("<134>1 - host PulseSecure: - - - id=firewall msg=\"AUT22673: Logout " + i + "\"").getBytes(StandardCharsets.UTF_8));
    }

    private static List<JournalRecord> recs(int from, int to) {
        List<JournalRecord> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(rec(i));
        }
        return out;
    }

    private static void assertRecords(List<JournalRecord> got, int from, int to) {
        assertThat(got).hasSize(to - from);
        for (int i = 0; i < got.size(); i++) {
            JournalRecord expected = rec(from + i);
            JournalRecord r = got.get(i);
            assertThat(r.offset()).isEqualTo(from + i);
            assertThat(r.intake()).isEqualTo(expected.intake());
            assertThat(r.receivedAtMillis()).isEqualTo(expected.receivedAtMillis());
            assertThat(r.payload()).isEqualTo(expected.payload());
        }
    }

    private List<Path> segmentFiles() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".seg")).sorted().toList();
        }
    }

    @Test
    void appendedRecords_readBackInOrder_withOffsetsAndIds() throws IOException {
        try (SegmentedJournal j = SegmentedJournal.open(dir, SegmentedJournal.DEFAULT_SEGMENT_BYTES)) {
            assertThat(j.append(recs(0, 100))).isZero();
            assertThat(j.append(recs(100, 150))).isEqualTo(100);
            assertThat(j.sync()).isEqualTo(150);
            assertRecords(j.read(0, 1000), 0, 150);
            assertRecords(j.read(140, 5), 140, 145);
            assertThat(j.read(150, 10)).isEmpty();
            assertThat(j.read(7, 1).get(0).eventId()).isEqualTo("00000000-0000-8000-8000-000000000007");
        }
    }

    @Test
    void readers_seeOnlyWhatIsDurable() throws IOException {
        try (SegmentedJournal j = SegmentedJournal.open(dir, SegmentedJournal.DEFAULT_SEGMENT_BYTES)) {
            j.append(recs(0, 10));
            assertThat(j.durableOffset()).isZero();
            assertThat(j.read(0, 100)).isEmpty();
            j.sync();
            assertRecords(j.read(0, 100), 0, 10);
        }
    }

    @Test
    void reopening_keepsRecords_andContinuesOffsets() throws IOException {
        try (SegmentedJournal j = SegmentedJournal.open(dir, 4096)) {
            j.append(recs(0, 200));
            j.sync();
        }
        assertThat(segmentFiles()).hasSizeGreaterThan(3);
        try (SegmentedJournal j = SegmentedJournal.open(dir, 4096)) {
            assertThat(j.endOffset()).isEqualTo(200);
            assertThat(j.append(recs(200, 210))).isEqualTo(200);
            j.sync();
            assertRecords(j.read(0, 1000), 0, 210);
            assertRecords(j.read(123, 3), 123, 126);
        }
    }

    @Test
    void aTornLastRecord_isCutOnOpen_atEveryPossibleCutPoint() throws IOException {
        try (SegmentedJournal j = SegmentedJournal.open(dir, SegmentedJournal.DEFAULT_SEGMENT_BYTES)) {
            j.append(recs(0, 5));
            j.sync();
        }
        Path seg = segmentFiles().get(0);
        byte[] whole = Files.readAllBytes(seg);
        // Where each record ends: the cut may fall anywhere in the last two records.
        int fourth = findEndOfRecords(whole, 3);
        for (int cut = fourth; cut < whole.length; cut++) {
            Files.write(seg, java.util.Arrays.copyOf(whole, cut));
            try (SegmentedJournal j = SegmentedJournal.open(dir, SegmentedJournal.DEFAULT_SEGMENT_BYTES)) {
                long kept = j.endOffset();
                assertThat(kept).as("cut at %d", cut).isBetween(3L, 4L);
                assertRecords(j.read(0, 100), 0, (int) kept);
                assertThat(Files.size(seg)).as("torn bytes are truncated").isLessThanOrEqualTo(cut);
                // The journal goes on from the cut.
                j.append(List.of(rec((int) kept)));
                j.sync();
                assertRecords(j.read(0, 100), 0, (int) kept + 1);
            }
        }
    }

    private static int findEndOfRecords(byte[] file, int records) {
        ByteBuffer b = ByteBuffer.wrap(file).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int p = Segment.HEADER_BYTES;
        for (int i = 0; i < records; i++) {
            p += Segment.FRAME_BYTES + b.getInt(p);
        }
        return p;
    }

    @Test
    void garbageOrACorruptRecord_atTheEnd_isCutNotRead() throws IOException {
        try (SegmentedJournal j = SegmentedJournal.open(dir, SegmentedJournal.DEFAULT_SEGMENT_BYTES)) {
            j.append(recs(0, 20));
            j.sync();
        }
        Path seg = segmentFiles().get(0);
        byte[] junk = new byte[300];
        new Random(7).nextBytes(junk);
        Files.write(seg, junk, StandardOpenOption.APPEND);
        try (SegmentedJournal j = SegmentedJournal.open(dir, SegmentedJournal.DEFAULT_SEGMENT_BYTES)) {
            assertThat(j.endOffset()).isEqualTo(20);
            assertRecords(j.read(0, 100), 0, 20);
        }
        // Flip a payload byte of record 15: it and everything after it are cut on open.
        byte[] whole = Files.readAllBytes(seg);
        int at = findEndOfRecords(whole, 15) + Segment.FRAME_BYTES + Segment.BODY_FIXED_BYTES + 10;
        whole[at] ^= 0x40;
        Files.write(seg, whole);
        try (SegmentedJournal j = SegmentedJournal.open(dir, SegmentedJournal.DEFAULT_SEGMENT_BYTES)) {
            assertThat(j.endOffset()).isEqualTo(15);
            assertRecords(j.read(0, 100), 0, 15);
        }
    }

    @Test
    void corruptionInASealedSegment_isReportedOnRead() throws IOException {
        try (SegmentedJournal j = SegmentedJournal.open(dir, 4096)) {
            j.append(recs(0, 100));
            j.sync();
        }
        Path first = segmentFiles().get(0);
        byte[] whole = Files.readAllBytes(first);
        whole[findEndOfRecords(whole, 2) + Segment.FRAME_BYTES + Segment.BODY_FIXED_BYTES + 12] ^= 0x01;
        Files.write(first, whole);
        try (SegmentedJournal j = SegmentedJournal.open(dir, 4096)) {
            assertThatThrownBy(() -> j.read(0, 10)).isInstanceOf(IOException.class).hasMessageContaining("corrupt");
        }
    }

    @Test
    void aSegmentOfAnotherFormat_isRefused() throws IOException {
        Files.write(dir.resolve(Segment.fileName(0)), "GWJ9 not a journal segment at all".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> SegmentedJournal.open(dir, SegmentedJournal.DEFAULT_SEGMENT_BYTES))
                .isInstanceOf(IOException.class).hasMessageContaining("not a journal segment of version 1 to 2");
    }

    @Test
    void eventTimes_roundTrip_andRecordsWithoutOne_costOneByte() throws IOException {
        byte[] line = "<134>1 - host PulseSecure: - - - no time here".getBytes(StandardCharsets.UTF_8);
        try (SegmentedJournal j = SegmentedJournal.open(dir, SegmentedJournal.DEFAULT_SEGMENT_BYTES)) {
            j.append(List.of(JournalRecord.of(1_000, 1_617_651_211_123L, "vpn", line), JournalRecord.of(2_000, "vpn", line),
                    JournalRecord.of(3_000, 0, "vpn", line)));
            j.sync();
            List<JournalRecord> got = j.read(0, 10);
            assertThat(got).extracting(JournalRecord::eventTimeMillis)
                    .containsExactly(1_617_651_211_123L, JournalRecord.NO_EVENT_TIME, 0L);
            assertThat(got).extracting(JournalRecord::fallbackTimeMillis).containsExactly(1_617_651_211_123L, 2_000L, 0L);
            assertThat(got.get(1).hasEventTime()).isFalse();
            assertThat(got.get(1).payload()).isEqualTo(line);
        }
        byte[] seg = Files.readAllBytes(segmentFiles().get(0));
        int first = findEndOfRecords(seg, 1) - Segment.HEADER_BYTES;
        int second = findEndOfRecords(seg, 2) - findEndOfRecords(seg, 1);
        assertThat(first - second).as("the event time's 8 bytes").isEqualTo(8);
        assertThat(second).isEqualTo(Segment.FRAME_BYTES + Segment.V1_BODY_FIXED_BYTES + 1 + 3 + line.length);
    }

    /** A segment as the first journal format wrote it: no flags, no event time. */
    private static byte[] version1Segment(long base, List<JournalRecord> records) {
        ByteBuffer b = ByteBuffer.allocate(1 << 20).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put("GWJ1".getBytes(StandardCharsets.US_ASCII)).putInt(1).putLong(base);
        long offset = base;
        for (JournalRecord r : records) {
            byte[] intake = r.intake().getBytes(StandardCharsets.UTF_8);
            int length = 17 + intake.length + r.payload().length;
            int start = b.position();
            b.putInt(length).putInt(0);
            b.putLong(offset++).putLong(r.receivedAtMillis()).put((byte) intake.length).put(intake).put(r.payload());
            java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
            crc.update(b.array(), start + 8, length);
            b.putInt(start + 4, (int) crc.getValue());
        }
        return java.util.Arrays.copyOf(b.array(), b.position());
    }

    @Test
    void aJournalOfTheFirstFormat_opens_isRead_andGoesOnInTheCurrentFormat() throws IOException {
        Files.write(dir.resolve(Segment.fileName(0)), version1Segment(0, recs(0, 40)));
        Files.write(dir.resolve(Segment.fileName(40)), version1Segment(40, recs(40, 50)));
        try (SegmentedJournal j = SegmentedJournal.open(dir, SegmentedJournal.DEFAULT_SEGMENT_BYTES)) {
            assertThat(j.endOffset()).isEqualTo(50);
            assertRecords(j.read(0, 100), 0, 50);
            assertThat(j.read(0, 100)).noneMatch(JournalRecord::hasEventTime);
            j.append(List.of(JournalRecord.of(7, 8, "vpn", new byte[] {'x'})));
            j.sync();
            assertThat(j.read(50, 1).get(0).eventTimeMillis()).isEqualTo(8);
        }
        assertThat(segmentFiles()).as("the old last segment is sealed, a current one follows").hasSize(3);
        try (SegmentedJournal j = SegmentedJournal.open(dir, SegmentedJournal.DEFAULT_SEGMENT_BYTES)) {
            assertRecords(j.read(0, 50), 0, 50);
            assertThat(j.read(50, 10)).singleElement().extracting(JournalRecord::eventTimeMillis).isEqualTo(8L);
        }
    }

    @Test
    void anEmptyLastSegmentOfTheFirstFormat_isReplaced() throws IOException {
        Files.write(dir.resolve(Segment.fileName(0)), version1Segment(0, recs(0, 3)));
        Files.write(dir.resolve(Segment.fileName(3)), version1Segment(3, List.of()));
        try (SegmentedJournal j = SegmentedJournal.open(dir, SegmentedJournal.DEFAULT_SEGMENT_BYTES)) {
            j.append(recs(3, 5));
            j.sync();
            assertRecords(j.read(0, 10), 0, 5);
        }
        assertThat(segmentFiles()).hasSize(2);
        assertThat(ByteBuffer.wrap(Files.readAllBytes(segmentFiles().get(1))).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .getInt(4)).isEqualTo(Segment.VERSION);
    }

    @Test
    void aSecondWriter_isRefused_whileReadersReadWhatIsDurable_andCutNothing() throws IOException {
        try (SegmentedJournal j = SegmentedJournal.open(dir, SegmentedJournal.DEFAULT_SEGMENT_BYTES)) {
            j.append(recs(0, 10));
            j.sync();
            assertThatThrownBy(() -> SegmentedJournal.open(dir, SegmentedJournal.DEFAULT_SEGMENT_BYTES))
                    .isInstanceOf(IOException.class).hasMessageContaining("already open for writing");
            // A record half-way to disk, as a reader in another process may find it.
            Path seg = segmentFiles().get(0);
            byte[] half = java.util.Arrays.copyOf(Files.readAllBytes(seg), findEndOfRecords(Files.readAllBytes(seg), 1));
            long size = Files.size(seg);
            Files.write(seg, java.util.Arrays.copyOfRange(half, Segment.HEADER_BYTES, half.length - 5), StandardOpenOption.APPEND);
            try (SegmentedJournal reader = SegmentedJournal.openReadOnly(dir)) {
                assertRecords(reader.read(0, 100), 0, 10);
                assertThatThrownBy(() -> reader.append(recs(10, 11))).isInstanceOf(IllegalStateException.class);
            }
            assertThat(Files.size(seg)).as("the reader cut nothing").isGreaterThan(size);
        }
        try (SegmentedJournal reopened = SegmentedJournal.open(dir, SegmentedJournal.DEFAULT_SEGMENT_BYTES)) {
            assertThat(reopened.endOffset()).as("the writer's next open cuts the torn tail").isEqualTo(10);
        }
    }

    @Test
    void readingAnEmptyDirectory_createsNothing() throws IOException {
        try (SegmentedJournal reader = SegmentedJournal.openReadOnly(dir)) {
            assertThat(reader.read(0, 10)).isEmpty();
            assertThat(reader.endOffset()).isZero();
        }
        assertThat(segmentFiles()).isEmpty();
    }

    @Test
    void recordsLargerThanTheWriteBuffer_roundTrip() throws IOException {
        byte[] big = new byte[3 << 20];
        new Random(1).nextBytes(big);
        try (SegmentedJournal j = SegmentedJournal.open(dir, SegmentedJournal.DEFAULT_SEGMENT_BYTES)) {
            j.append(List.of(rec(0), JournalRecord.of(5, "default", big), rec(2)));
            j.sync();
            List<JournalRecord> got = j.read(0, 10);
            assertThat(got).hasSize(3);
            assertThat(got.get(1).payload()).isEqualTo(big);
            assertThat(got.get(2).offset()).isEqualTo(2);
        }
    }

    @Test
    void retention_deletesWholeOldSegments_bySizeAndAge_neverTheActiveOne() throws IOException {
        try (SegmentedJournal j = SegmentedJournal.open(dir, 4096)) {
            j.append(recs(0, 300));
            j.sync();
            int before = segmentFiles().size();
            assertThat(j.retain(Long.MAX_VALUE, Long.MAX_VALUE, System.currentTimeMillis())).isZero();
            // By size: keep at most ~3 segments' worth.
            int deleted = j.retain(3 * 4096, Long.MAX_VALUE, System.currentTimeMillis());
            assertThat(deleted).isPositive();
            assertThat(segmentFiles()).hasSize(before - deleted);
            long start = j.startOffset();
            assertThat(start).isPositive();
            assertRecords(j.read(start, 1000), (int) start, 300);
            assertThatThrownBy(() -> j.read(0, 1)).isInstanceOf(IOException.class).hasMessageContaining("no longer in the journal");
            // By age: segments last written a day ago go, the active one stays.
            for (Path p : segmentFiles()) {
                Files.setLastModifiedTime(p, FileTime.fromMillis(System.currentTimeMillis() - 86_400_000L));
            }
            j.retain(Long.MAX_VALUE, 3_600_000L, System.currentTimeMillis());
            assertThat(segmentFiles()).hasSize(1);
            j.append(recs(300, 301));
            j.sync();
            assertThat(j.read(300, 1)).hasSize(1);
        }
    }

    @Test
    void retention_keepsWhatAConsumerHasStillToRead() throws IOException {
        try (SegmentedJournal j = SegmentedJournal.open(dir, 4096)) {
            j.append(recs(0, 300));
            j.sync();
            // Everything is over age and size, but a consumer is at offset 120.
            j.retain(0, 0, System.currentTimeMillis() + 1000, 120);
            assertThat(j.startOffset()).isPositive().isLessThanOrEqualTo(120);
            assertRecords(j.read(120, 1000), 120, 300);
            j.retain(0, 0, System.currentTimeMillis() + 1000, 300);
            assertThat(segmentFiles()).hasSize(1);
        }
    }

    @Test
    void aReaderRunningBesideTheWriter_seesEveryRecordOnceInOrder() throws Exception {
        int total = 20_000;
        try (SegmentedJournal j = SegmentedJournal.open(dir, 64 * 1024)) {
            AtomicReference<Throwable> failure = new AtomicReference<>();
            List<JournalRecord> seen = new ArrayList<>();
            Thread reader = Thread.ofPlatform().start(() -> {
                try {
                    long next = 0;
                    long deadline = System.nanoTime() + 60_000_000_000L;
                    while (next < total && System.nanoTime() < deadline) {
                        List<JournalRecord> batch = j.read(next, 500);
                        seen.addAll(batch);
                        next += batch.size();
                        if (batch.isEmpty()) {
                            Thread.onSpinWait();
                        }
                    }
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            for (int i = 0; i < total; i += 250) {
                j.append(recs(i, i + 250));
                j.sync();
            }
            reader.join();
            assertThat(failure.get()).isNull();
            assertRecords(seen, 0, total);
        }
    }

    @Test
    void badArguments_areRefusedWithTheReason() throws IOException {
        assertThatThrownBy(() -> SegmentedJournal.open(dir, 10)).hasMessageContaining("segment size");
        try (SegmentedJournal j = SegmentedJournal.open(dir, SegmentedJournal.DEFAULT_SEGMENT_BYTES)) {
            assertThatThrownBy(() -> j.append(List.of(JournalRecord.of(0, "x".repeat(300), new byte[0]))))
                    .hasMessageContaining("intake name longer than 255 bytes");
        }
        assertThatThrownBy(() -> JournalRecord.of(0, "i", new byte[0]).eventId()).isInstanceOf(IllegalStateException.class);
    }
}
