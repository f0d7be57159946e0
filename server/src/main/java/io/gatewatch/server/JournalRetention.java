package io.gatewatch.server;

/**
 * How much of the journal {@code serve} keeps: whole segments go once the journal is larger than
 * {@code maxBytes} or they are older than {@code maxAgeMillis}, but never records the store has
 * still to index. The store keeps events for searching; the journal is the buffer before it
 * (and the raw lines that {@code GET /api/v1/events/{id}} shows).
 */
public record JournalRetention(long maxBytes, long maxAgeMillis) {
    public static final long DEFAULT_MAX_BYTES = 20L << 30;
    public static final long DEFAULT_MAX_AGE_MILLIS = 7 * 86_400_000L;

    public JournalRetention {
        if (maxBytes < 1 << 20 || maxAgeMillis < 60_000) {
            throw new IllegalArgumentException("the journal keeps at least 1 MiB and one minute");
        }
    }

    public static JournalRetention defaults() {
        return new JournalRetention(DEFAULT_MAX_BYTES, DEFAULT_MAX_AGE_MILLIS);
    }
}
