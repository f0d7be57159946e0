package io.gatewatch.store.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.core.ecs.EcsField;
import io.gatewatch.store.schema.TextAnalysis;
import java.nio.file.Path;
import java.time.LocalDate;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A past day's partition whose writer goes idle is closed with its merges kept, not rolled back. */
class PartitionTest {
    private static final int SEGMENTS = 9;
    private static final int PER_SEGMENT = 3_000;

    @TempDir
    Path dir;

    @Test
    void anIdleWriter_closesOnlyOnceItsMergesAreDone_andKeepsThem() throws Exception {
        Path path = dir.resolve("default-2026-01-01");
        Partition p = Partition.open(new PartitionId("default", LocalDate.of(2026, 1, 1)), path, TextAnalysis.analyzer(),
                16, true);
        try {
            EventDocuments docs = new EventDocuments();
            long offset = 0;
            for (int s = 0; s < SEGMENTS; s++) {
                for (int i = 0; i < PER_SEGMENT; i++, offset++) {
                    p.addDocument(docs.toDocument(event(offset), offset));
                }
                p.added(offset);
                // A commit per batch flushes a small segment each time, as refreshes and commits do under a light load.
                p.commit();
            }
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (p.isWritable() && System.nanoTime() < deadline) {
                p.closeWriterIfIdle(0);
                Thread.sleep(20);
            }
            assertThat(p.isWritable()).as("closed once its merges were done").isFalse();
        } finally {
            p.close();
        }
        try (FSDirectory d = FSDirectory.open(path); DirectoryReader r = DirectoryReader.open(d)) {
            assertThat(r.numDocs()).isEqualTo(SEGMENTS * PER_SEGMENT);
            // Nine flushed segments, eight to a tier: what the partition keeps once closed is merged.
            assertThat(r.leaves().size()).isLessThan(SEGMENTS);
            assertThat(r.getIndexCommit().getUserData()).containsEntry(Partition.NEXT_OFFSET, Long.toString(offsetAfter()));
        }
    }

    private static long offsetAfter() {
        return (long) SEGMENTS * PER_SEGMENT;
    }

    private static EcsEvent event(long i) {
        return new EcsEvent()
                .setLong(EcsField.TIMESTAMP, 1_767_225_600_000L + i)
                .set(EcsField.MESSAGE, "Login succeeded for u" + i)
                .set(EcsField.USER_NAME, "u" + (i % 97))
                .set(EcsField.SOURCE_IP, "10.0." + (i % 250) + ".1")
                .set(EcsField.EVENT_ID, "id-" + i)
                .set(EcsField.GATEWATCH_INTAKE, "default")
                .setLong(EcsField.EVENT_INGESTED, 1_767_225_600_000L + i);
    }
}
