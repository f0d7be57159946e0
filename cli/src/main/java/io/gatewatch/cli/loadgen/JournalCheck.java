package io.gatewatch.cli.loadgen;

import io.gatewatch.core.intake.Intake;
import io.gatewatch.core.intake.IntakeRegistry;
import io.gatewatch.core.journal.JournalRecord;
import io.gatewatch.core.journal.SegmentedJournal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;

/**
 * Reads a data directory's journal back and checks the load generator's sequence numbers in it:
 * that {@code 0} to {@code expected - 1} are each there exactly once, and nothing else. It reads
 * what is durable when it starts, so it is safe while a server writes; a count is only final once
 * that server has stopped (or every event was acknowledged).
 */
final class JournalCheck {
    /**
     * What the journal holds.
     *
     * @param records records read (of the intake, when one was named)
     * @param otherIntakes records of other intakes, skipped
     * @param unnumbered records without a sequence number
     * @param distinct distinct sequence numbers below {@code expected}
     * @param duplicates records whose number was already seen
     * @param unexpected records numbered {@code expected} or more
     * @param missing numbers below {@code expected} not found
     * @param firstMissing the smallest of them, or -1
     */
    record Result(String intake, long expected, long records, long otherIntakes, long unnumbered, long distinct,
            long duplicates, long unexpected, long missing, long firstMissing) {
        boolean ok() {
            return unnumbered == 0 && duplicates == 0 && unexpected == 0 && missing == 0;
        }

        JsonLine json() {
            return new JsonLine().text("event", "verify").text("intake", intake).number("expected", expected)
                    .number("records", records).number("other_intakes", otherIntakes).number("unnumbered", unnumbered)
                    .number("distinct", distinct).number("duplicates", duplicates).number("unexpected", unexpected)
                    .number("missing", missing).number("first_missing", firstMissing).text("result", ok() ? "ok" : "mismatch");
        }
    }

    private static final int READ_BATCH = 8192;

    private JournalCheck() {}

    /**
     * @param key only the records of this key's intake; null for all
     * @param expected how many events were sent; -1 for as many as the highest number found says
     * @throws IllegalArgumentException when the directory has no journal or no intake with this key
     */
    static Result run(Path dataDir, String key, long expected) throws IOException {
        Path dir = dataDir.resolve("journal");
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("no journal in " + dataDir);
        }
        String intake = key == null ? null : intakeOf(dataDir, key);
        BitSet seen = new BitSet();
        long records = 0;
        long others = 0;
        long unnumbered = 0;
        long duplicates = 0;
        long unexpected = 0;
        long highest = -1;
        try (SegmentedJournal journal = SegmentedJournal.openReadOnly(dir)) {
            long offset = journal.startOffset();
            for (List<JournalRecord> batch; !(batch = journal.read(offset, READ_BATCH)).isEmpty(); ) {
                offset += batch.size();
                for (JournalRecord r : batch) {
                    if (intake != null && !intake.equals(r.intake())) {
                        others++;
                        continue;
                    }
                    records++;
                    byte[] p = r.payload();
                    int at = SequenceMarker.find(p, 0, p.length);
                    if (at < 0) {
                        unnumbered++;
                        continue;
                    }
                    long seq = SequenceMarker.read(p, at);
                    if (expected >= 0 && seq >= expected || seq > Integer.MAX_VALUE) {
                        unexpected++;
                    } else if (seen.get((int) seq)) {
                        duplicates++;
                    } else {
                        seen.set((int) seq);
                        highest = Math.max(highest, seq);
                    }
                }
            }
        }
        long target = expected >= 0 ? expected : highest + 1;
        long distinct = seen.cardinality();
        int firstMissing = seen.nextClearBit(0);
        return new Result(intake, target, records, others, unnumbered, distinct, duplicates, unexpected,
                target - distinct, firstMissing < target ? firstMissing : -1);
    }

    private static String intakeOf(Path dataDir, String key) throws IOException {
        for (Intake i : new IntakeRegistry(dataDir).list()) {
            if (i.key().equals(key)) {
                return i.name();
            }
        }
        throw new IllegalArgumentException("no intake of " + dataDir + " has this key");
    }
}
