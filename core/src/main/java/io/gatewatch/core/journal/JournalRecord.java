package io.gatewatch.core.journal;

import java.util.Objects;

/**
 * One event as the intake received it: what the journal stores, and what its consumers read.
 *
 * @param offset the record's position in the journal: 0, 1, 2… without gaps; -1 before append
 * @param receivedAtMillis reception time, epoch milliseconds
 * @param eventTimeMillis the event's date as its sender pushed it (the HTTP API's
 *     {@code X-SEKOIAIO-EVENT-TIMESTAMP}), epoch milliseconds, or {@link #NO_EVENT_TIME}
 * @param intake the intake the event belongs to (its name)
 * @param payload the raw bytes of the event, as received; downstream re-parses them
 */
public record JournalRecord(long offset, long receivedAtMillis, long eventTimeMillis, String intake, byte[] payload) {
    /** Intake names are short identifiers; this bounds what one record header can hold. */
    public static final int MAX_INTAKE_BYTES = 255;
    /** {@link #eventTimeMillis()} when the sender gave no date: no real date is this far in the past. */
    public static final long NO_EVENT_TIME = Long.MIN_VALUE;

    public JournalRecord {
        Objects.requireNonNull(intake, "intake");
        Objects.requireNonNull(payload, "payload");
    }

    /** A record without a sender-given event date. */
    public JournalRecord(long offset, long receivedAtMillis, String intake, byte[] payload) {
        this(offset, receivedAtMillis, NO_EVENT_TIME, intake, payload);
    }

    /** A record to append; the journal gives it its offset. */
    public static JournalRecord of(long receivedAtMillis, String intake, byte[] payload) {
        return new JournalRecord(-1, receivedAtMillis, NO_EVENT_TIME, intake, payload);
    }

    /**
     * A record to append whose sender pushed its own event date ({@link #NO_EVENT_TIME}: none).
     */
    public static JournalRecord of(long receivedAtMillis, long eventTimeMillis, String intake, byte[] payload) {
        return new JournalRecord(-1, receivedAtMillis, eventTimeMillis, intake, payload);
    }

    public boolean hasEventTime() {
        return eventTimeMillis != NO_EVENT_TIME;
    }

    /**
     * The date of an event whose line gives none a parser can read: the date its sender pushed,
     * else the reception date (the reference intake API's rule: "fallback is to use the
     * reception's date"). A time written in the line itself always wins over this one, because
     * the sender's date is often only when it forwarded the line.
     */
    public long fallbackTimeMillis() {
        return hasEventTime() ? eventTimeMillis : receivedAtMillis;
    }

    /**
     * The event's id, derived from its journal position only, so that a consumer that replays the
     * journal after a crash produces the same ids, and a store keyed by them no duplicates.
     */
    public String eventId() {
        return eventId(offset);
    }

    /**
     * The id as a UUID (version 8 of RFC 9562, whose layout is the implementer's: here the journal
     * offset in the low bits), because clients of the reference's intake API expect UUIDs.
     */
    public static String eventId(long offset) {
        if (offset < 0) {
            throw new IllegalStateException("a record has an event id once it is in the journal");
        }
        return new java.util.UUID(0x0000_0000_0000_8000L, 0x8000_0000_0000_0000L | offset).toString();
    }
}
