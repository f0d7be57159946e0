package io.gatewatch.server.ingest;

import io.gatewatch.core.journal.JournalRecord;
import io.gatewatch.core.syslog.SyslogEnvelope;
import io.gatewatch.core.syslog.SyslogEnvelopeParser;
import io.gatewatch.server.metrics.ServerMetrics;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;

/**
 * One received event's way into the journal: find its intake, then queue it. The intake comes
 * from the RFC 5424 structured data ({@code [SEKOIA@53288 intake_key="…"]}, in any SD element
 * order, whatever the MSGID); without a key, from the listener's own intake. An unknown key is
 * refused and counted: an event is never stored under another intake than its key's.
 *
 * <p>Never blocks: whether the journal is behind is {@link #backpressure()}'s to say, and each
 * listener's to act on as its protocol allows.
 */
public final class Ingest {
    public static final String SD_ID = "SEKOIA@53288";
    public static final String SD_PARAM = "intake_key";

    /** What happened to one event. */
    public enum Outcome {
        QUEUED,
        /** An unknown key, or no key and the listener's intake no longer exists. */
        UNKNOWN_KEY,
        /** A resend of an event the journal already holds (see {@link ResendFilter}): acknowledge it, it is durable. */
        ALREADY_STORED
    }

    private final IntakeResolver intakes;
    private final JournalWriter writer;
    private final ServerMetrics metrics;
    private final ResendFilter resends;
    private final LongAdder received = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder deduplicated = new LongAdder();

    public Ingest(IntakeResolver intakes, JournalWriter writer, ServerMetrics metrics, ResendFilter resends) {
        this.intakes = intakes;
        this.writer = writer;
        this.metrics = metrics;
        this.resends = resends;
    }

    /**
     * Takes one frame (copied: the caller's buffer may be reused).
     *
     * @param listenerIntake the intake of events without a key, by the listener's configuration
     * @param listener the listener's name, for the metrics
     * @param durable completed with the record's offset once it is on disk; null for protocols
     *     without acknowledgements. With it, the sender is taken to resend whatever it got no
     *     acknowledgement for, and a resend of an event stored before a restart is
     *     {@link Outcome#ALREADY_STORED}, not stored again
     */
    public Outcome accept(byte[] bytes, int offset, int length, String listenerIntake, String listener,
            CompletableFuture<Long> durable) {
        long now = System.nanoTime();
        received.increment();
        SyslogEnvelope envelope = SyslogEnvelopeParser.parse(bytes, offset, offset + length);
        String intake = listenerIntake;
        Map<String, String> sd = envelope.structuredData().get(SD_ID);
        if (sd != null && sd.containsKey(SD_PARAM)) {
            intake = intakes.intakeOf(sd.get(SD_PARAM));
            if (intake == null) {
                refused.increment();
                metrics.refused("unknown_key", listener);
                return Outcome.UNKNOWN_KEY;
            }
        } else if (!intakes.exists(intake)) {
            // The listener's own intake was removed while the server runs: its events have nowhere to go.
            refused.increment();
            metrics.refused("unknown_intake", listener);
            return Outcome.UNKNOWN_KEY;
        }
        metrics.received(intake, listener, length);
        if (durable != null && resends.isResend(intake, bytes, offset, length)) {
            deduplicated.increment();
            metrics.resendDeduplicated(intake, listener);
            return Outcome.ALREADY_STORED;
        }
        byte[] payload = Arrays.copyOfRange(bytes, offset, offset + length);
        CompletableFuture<Long> done = writer.submit(JournalRecord.of(System.currentTimeMillis(), intake, payload),
                metrics.durable(intake, listener), now);
        if (durable != null) {
            done.whenComplete((o, e) -> {
                if (e != null) {
                    durable.completeExceptionally(e);
                } else {
                    durable.complete(o);
                }
            });
        }
        return Outcome.QUEUED;
    }

    /**
     * Takes one event whose intake is already known (the HTTP API authenticates the key itself);
     * the caller has checked that the journal is not {@linkplain Backpressure#behind() behind}.
     *
     * @param eventTimeMillis the date the sender pushed for it, or {@link JournalRecord#NO_EVENT_TIME}
     * @param receivedNanos when the request came in ({@link System#nanoTime()})
     * @return the future of its offset once durable
     */
    public CompletableFuture<Long> submit(String intake, byte[] payload, long eventTimeMillis, long receivedNanos) {
        received.increment();
        metrics.received(intake, "http", payload.length);
        return writer.submit(JournalRecord.of(System.currentTimeMillis(), eventTimeMillis, intake, payload),
                metrics.durable(intake, "http"), receivedNanos);
    }

    /** Whether the journal is behind: listeners hold back (see {@link Backpressure}). */
    public Backpressure backpressure() {
        return writer.backpressure();
    }

    /** The intake a key belongs to, or null. */
    public String intakeOf(String key) {
        return key == null ? null : intakes.intakeOf(key);
    }

    /** Counts an event refused for its key. */
    public void refusedKey() {
        refused.increment();
        metrics.refused("unknown_key", "http");
    }

    public ServerMetrics metrics() {
        return metrics;
    }

    public long received() {
        return received.sum();
    }

    public long refused() {
        return refused.sum();
    }

    /** Resends acknowledged without being stored again. */
    public long deduplicated() {
        return deduplicated.sum();
    }
}
