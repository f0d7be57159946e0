package io.gatewatch.core.journal;

import java.io.IOException;
import java.util.List;

/**
 * The append-only log between intake and everything downstream. Small on purpose: a Kafka topic
 * can take its place later (append = produce, read = consume, offsets = committed offsets).
 *
 * <p>Appends are buffered; {@link #sync()} makes everything appended so far durable (group
 * commit), and only then may the intake acknowledge it. Readers see durable records only, so a
 * consumer never acts on an event that a crash could still take back.
 */
public interface Journal extends AutoCloseable {
    /** Appends records in order; returns the offset of the first. Not durable until {@link #sync()}. */
    long append(List<JournalRecord> records) throws IOException;

    /** Forces every appended record to disk; returns the durable end offset (exclusive). */
    long sync() throws IOException;

    /** Offset the next append will get. */
    long endOffset();

    /** Offset up to which (exclusive) records are durable and readable. */
    long durableOffset();

    /** Offset of the oldest record still kept (retention deletes older ones). */
    long startOffset();

    /** Reads durable records from {@code offset} on, at most {@code max} of them. */
    List<JournalRecord> read(long offset, int max) throws IOException;

    @Override
    void close() throws IOException;
}
