package io.gatewatch.server.ingest;

import io.gatewatch.core.journal.Journal;
import io.gatewatch.core.journal.JournalRecord;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Recognises the events an acknowledging sender resends after gatewatch restarted, so that they
 * are acknowledged again without being stored twice.
 *
 * <p>Why: rsyslog's omrelp forgets an event only once it got the {@code rsp} for it. When
 * gatewatch dies (or stops) between making an event durable and sending its {@code rsp}, the
 * sender resends that event after reconnecting, although the journal already holds it.
 *
 * <p>How, bounded in memory and in time:
 * <ul>
 *   <li>at start-up, the journal's tail is loaded: the last {@code maxRecords} records at most,
 *       and of them only those received at most {@code maxAge} before the last one (the events
 *       whose acknowledgement the crash may have lost are the last ones received). Each becomes a
 *       key: its intake and a 128-bit hash of its bytes (the first half of SHA-256; two different
 *       events collide with a probability of about n² / 2¹²⁹, nil for n = 100,000);
 *   <li>the keys form a multiset: a line that is in the tail k times is recognised at most k
 *       times, and each recognition uses one copy up;
 *   <li>only for {@code window} after start-up: a sender resends as soon as it reconnects, and
 *       past that window a repeated line is a new event, not a resend. The filter then frees its
 *       memory and costs nothing more.
 * </ul>
 *
 * <p>The price: within the window, a line that legitimately arrives again, byte for byte (same
 * intake, same header timestamp, same text), while a copy of it is left in the tail, is taken
 * for a resend; at most as many times as it was in the tail. Lines carry their own timestamp,
 * usually to the second, which makes that rare; losing nothing acknowledged, and storing no
 * resend twice, is worth it.
 *
 * <p>Only acknowledged protocols use it (RELP): a plain TCP or UDP sender has no
 * acknowledgement to resend for, so a repeated line there is always a new event.
 */
public final class ResendFilter {
    public static final int DEFAULT_MAX_RECORDS = 100_000;
    public static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(5);
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);
    private static final int READ_BATCH = 4096;

    /** An event's identity: its intake, and 128 bits of the SHA-256 of its bytes. */
    private record Key(String intake, long high, long low) {}

    /** A tail record, reduced to what the filter needs (its payload goes once hashed). */
    private record Received(long atMillis, Key key) {}

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    });

    /** Copies left of each key; null once the window is over or every copy is used. */
    private volatile ConcurrentHashMap<Key, Integer> tail;
    private final long untilNanos;
    private final int loaded;

    private ResendFilter(ConcurrentHashMap<Key, Integer> tail, int loaded, long untilNanos) {
        this.tail = tail.isEmpty() ? null : tail;
        this.loaded = loaded;
        this.untilNanos = untilNanos;
    }

    /** A filter that recognises nothing. */
    public static ResendFilter off() {
        return new ResendFilter(new ConcurrentHashMap<>(), 0, System.nanoTime());
    }

    /**
     * Loads the tail of {@code journal} (see the class comment): at most {@code maxRecords}
     * records, received at most {@code maxAge} before the last one; recognised for {@code window}
     * from now.
     */
    public static ResendFilter load(Journal journal, int maxRecords, Duration maxAge, Duration window) throws IOException {
        long end = journal.durableOffset();
        long from = Math.max(journal.startOffset(), end - maxRecords);
        List<Received> received = new ArrayList<>((int) Math.max(0, end - from));
        for (long next = from; next < end; ) {
            List<JournalRecord> batch = journal.read(next, READ_BATCH);
            if (batch.isEmpty()) {
                break;
            }
            for (JournalRecord r : batch) {
                received.add(new Received(r.receivedAtMillis(), key(r.intake(), r.payload(), 0, r.payload().length)));
            }
            next += batch.size();
        }
        ConcurrentHashMap<Key, Integer> tail = new ConcurrentHashMap<>();
        int loaded = 0;
        if (!received.isEmpty()) {
            // Relative to the last event received, not to now: the restart may come long after the crash.
            long oldest = received.get(received.size() - 1).atMillis() - maxAge.toMillis();
            for (Received r : received) {
                if (r.atMillis() >= oldest) {
                    tail.merge(r.key(), 1, Integer::sum);
                    loaded++;
                }
            }
        }
        return new ResendFilter(tail, loaded, System.nanoTime() + window.toNanos());
    }

    /**
     * Whether this event, received now by an acknowledging listener, is the resend of one in
     * the tail; if it is, one copy of it is used up.
     */
    public boolean isResend(String intake, byte[] bytes, int offset, int length) {
        ConcurrentHashMap<Key, Integer> t = tail;
        if (t == null) {
            return false;
        }
        if (System.nanoTime() - untilNanos >= 0) {
            tail = null;
            return false;
        }
        boolean[] found = new boolean[1];
        t.computeIfPresent(key(intake, bytes, offset, length), (k, copies) -> {
            found[0] = true;
            return copies == 1 ? null : copies - 1;
        });
        if (found[0] && t.isEmpty()) {
            tail = null;
        }
        return found[0];
    }

    /** Records loaded from the journal's tail at start-up. */
    public int loaded() {
        return loaded;
    }

    /** Copies not yet recognised (0 once the window is over). */
    public int remaining() {
        ConcurrentHashMap<Key, Integer> t = tail;
        if (t == null) {
            return 0;
        }
        int n = 0;
        for (int copies : t.values()) {
            n += copies;
        }
        return n;
    }

    private static Key key(String intake, byte[] bytes, int offset, int length) {
        MessageDigest sha = SHA256.get();
        sha.update(bytes, offset, length);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(sha.digest());
        return new Key(intake, b.getLong(), b.getLong());
    }

    @Override
    public String toString() {
        return "ResendFilter[loaded=" + loaded + ", remaining=" + remaining() + "]";
    }
}
