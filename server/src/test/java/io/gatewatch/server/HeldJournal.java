package io.gatewatch.server;

import io.gatewatch.core.journal.Journal;
import io.gatewatch.core.journal.JournalRecord;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;

/**
 * The real journal behind a gate that a test closes and opens: while closed, appends wait, as
 * they would on a stalled disk, so the server's queue fills up. For {@link Server#start(ServerConfig,
 * java.util.function.UnaryOperator)}.
 */
public final class HeldJournal implements Journal {
    private final Journal journal;
    private boolean held;

    public HeldJournal(Journal journal, boolean held) {
        this.journal = journal;
        this.held = held;
    }

    public synchronized void hold() {
        held = true;
    }

    public synchronized void release() {
        held = false;
        notifyAll();
    }

    @Override
    public long append(List<JournalRecord> records) throws IOException {
        synchronized (this) {
            while (held) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while held");
                }
            }
        }
        return journal.append(records);
    }

    @Override
    public long sync() throws IOException {
        return journal.sync();
    }

    @Override
    public long endOffset() {
        return journal.endOffset();
    }

    @Override
    public long durableOffset() {
        return journal.durableOffset();
    }

    @Override
    public long startOffset() {
        return journal.startOffset();
    }

    @Override
    public List<JournalRecord> read(long offset, int max) throws IOException {
        return journal.read(offset, max);
    }

    @Override
    public void close() throws IOException {
        journal.close();
    }
}
