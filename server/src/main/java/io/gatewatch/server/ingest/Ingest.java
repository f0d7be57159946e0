package io.gatewatch.server.ingest;

import io.gatewatch.core.journal.JournalRecord;
import io.gatewatch.core.syslog.SyslogEnvelope;
import io.gatewatch.core.syslog.SyslogEnvelopeParser;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;

/**
 * One received event's way into the journal: find its intake, then queue it. The intake comes
 * from the RFC 5424 structured data ({@code [SEKOIA@53288 intake_key="…"]}, in any SD element
 * order, whatever the MSGID); without a key, from the listener's own intake. An unknown key is
 * refused and counted: an event is never stored under another intake than its key's.
 */
public final class Ingest {
    public static final String SD_ID = "SEKOIA@53288";
    public static final String SD_PARAM = "intake_key";

    /** What happened to one event. */
    public enum Outcome { QUEUED, UNKNOWN_KEY }

    private final IntakeResolver intakes;
    private final JournalWriter writer;
    private final io.gatewatch.server.metrics.ServerMetrics metrics;
    private final LongAdder received = new LongAdder();
    private final LongAdder refused = new LongAdder();

    public Ingest(IntakeResolver intakes, JournalWriter writer, io.gatewatch.server.metrics.ServerMetrics metrics) {
        this.intakes = intakes;
        this.writer = writer;
        this.metrics = metrics;
    }

    /**
     * Takes one frame (copied: the caller's buffer may be reused).
     *
     * @param listenerIntake the intake of events without a key, by the listener's configuration
     * @param listener the listener's name, for the metrics
     * @param durable completed with the record's offset once it is on disk; may be null
     */
    public Outcome accept(byte[] bytes, int offset, int length, String listenerIntake, String listener,
            CompletableFuture<Long> durable) throws InterruptedException {
        received.increment();
        SyslogEnvelope envelope = SyslogEnvelopeParser.parse(bytes, offset, offset + length);
        String intake = listenerIntake;
        Map<String, String> sd = envelope.structuredData().get(SD_ID);
        if (sd != null && sd.containsKey(SD_PARAM)) {
            intake = intakes.intakeOf(sd.get(SD_PARAM));
            if (intake == null) {
                refused.increment();
                metrics.refusedUnknownKey(listener);
                return Outcome.UNKNOWN_KEY;
            }
        }
        metrics.received(intake, listener);
        byte[] payload = Arrays.copyOfRange(bytes, offset, offset + length);
        CompletableFuture<Long> done = writer.write(JournalRecord.of(System.currentTimeMillis(), intake, payload));
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
     * Takes one event whose intake is already known (the HTTP API authenticates the key itself).
     * Returns the future of its offset once durable, or null when the journal is too far behind.
     */
    public CompletableFuture<Long> submit(String intake, byte[] payload, long waitMillis) throws InterruptedException {
        received.increment();
        metrics.received(intake, "http");
        return writer.tryWrite(JournalRecord.of(System.currentTimeMillis(), intake, payload), waitMillis);
    }

    /** The intake a key belongs to, or null. */
    public String intakeOf(String key) {
        return key == null ? null : intakes.intakeOf(key);
    }

    /** Counts an event refused for its key. */
    public void refusedKey() {
        refused.increment();
        metrics.refusedUnknownKey("http");
    }

    public io.gatewatch.server.metrics.ServerMetrics metrics() {
        return metrics;
    }

    public long received() {
        return received.sum();
    }

    public long refused() {
        return refused.sum();
    }
}
