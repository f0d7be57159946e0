package io.gatewatch.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The server's counters, gauges and latency histograms, exposed in Prometheus' text format on
 * {@code GET /metrics}. Meters are cached per tag combination: looking one up is a map read, not a
 * registry walk.
 *
 * <p>Latencies are Prometheus histograms ({@code _bucket} series), not client-side percentiles,
 * so that they can be aggregated across servers and over time; their buckets span 100 µs to 30 s.
 */
public final class ServerMetrics {
    private static final Duration SHORTEST = Duration.ofNanos(100_000);
    private static final Duration LONGEST = Duration.ofSeconds(30);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ConcurrentHashMap<String, Counter> counters = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Timer> timers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Durable> durables = new ConcurrentHashMap<>();

    /** An event of {@code bytes} bytes taken in by {@code listener} for {@code intake}. */
    public void received(String intake, String listener, int bytes) {
        counter("gatewatch_events_received", "intake", intake, "listener", listener).increment();
        counter("gatewatch_received_bytes", "intake", intake, "listener", listener).increment(bytes);
    }

    /**
     * What to update once an event of {@code intake} received by {@code listener} is durable in
     * the journal: the moment an acknowledging protocol (RELP, HTTP) may answer.
     */
    public Durable durable(String intake, String listener) {
        String key = intake + "\u0000" + listener;
        Durable d = durables.get(key);
        if (d == null) {
            d = durables.computeIfAbsent(key, k -> new Durable(durableLatency(listener),
                    counter("gatewatch_events_acknowledged", "intake", intake, "listener", listener)));
        }
        return d;
    }

    /**
     * The meters of one intake and listener that the journal writer updates per durable event.
     *
     * @param latency reception to durable, per listener
     * @param events events made durable, hence acknowledged where the protocol acknowledges
     */
    public record Durable(Timer latency, Counter events) {}

    /**
     * An event parsed from the journal for the store: {@code unparsed} when no format of the
     * appliance matched and it was kept as a pipeline error. Counted again when a restart replays it.
     */
    public void parsed(String intake, boolean unparsed) {
        counter(unparsed ? "gatewatch_events_unparsed" : "gatewatch_events_parsed", "intake", intake).increment();
    }

    /** An event refused: {@code unknown_key}, or {@code unknown_intake} when the listener's intake was removed. */
    public void refused(String reason, String listener) {
        counter("gatewatch_events_refused", "reason", reason, "listener", listener).increment();
    }

    /** A TCP connection closed at once: all listeners together had {@code limits.max_connections} open. */
    public void connectionRefused(String listener) {
        counter("gatewatch_connections_refused", "listener", listener).increment();
    }

    /** Bytes dropped for their framing or size. */
    public void rejectedFrame(String listener) {
        counter("gatewatch_frames_rejected", "listener", listener).increment();
    }

    public void httpStatus(int status) {
        counter("gatewatch_http_responses", "status", Integer.toString(status)).increment();
    }

    /** A UDP datagram dropped: {@code queue_full}, {@code oversized} or {@code empty}. */
    public void udpDropped(String reason) {
        counter("gatewatch_udp_dropped", "reason", reason).increment();
    }

    /** A connection of {@code listener} stopped reading because the journal is behind. */
    public void paused(String listener) {
        counter("gatewatch_backpressure_pauses", "listener", listener).increment();
    }

    /** A rule raised an alert (rule ids are bounded by the loaded rule set, so are the series). */
    public void alert(String ruleId, String level) {
        counter("gatewatch_alerts", "rule", ruleId, "level", level == null ? "none" : level).increment();
    }

    /** A RELP event the sender resent after a restart, already in the journal: acknowledged, not stored again. */
    public void resendDeduplicated(String intake, String listener) {
        counter("gatewatch_resends_deduplicated", "intake", intake, "listener", listener).increment();
    }

    /** A scheduled poll of the TAXII feed of {@code source} ended: {@code ok}, or failed (it is retried next interval). */
    public void taxiiPoll(String source, boolean ok) {
        counter("gatewatch_taxii_polls", "source", source, "outcome", ok ? "ok" : "failed").increment();
    }

    /**
     * From an event's reception to the moment it is durable in the journal, which is when an
     * acknowledging protocol (RELP, HTTP) may answer; per listener.
     */
    private Timer durableLatency(String listener) {
        return timer("gatewatch_event_durable", "reception to durable in the journal (acknowledgement)", "listener", listener);
    }

    /** One group commit: the append and the fsync of a group of events. */
    public Timer journalSync() {
        return timer("gatewatch_journal_sync", "append and fsync of one group of events");
    }

    /** One request to the HTTP intake API, from its first byte read to its answer, by route and status. */
    public void httpRequest(String route, int status, long nanos) {
        timer("gatewatch_http_request", "HTTP intake API request", "route", route, "status", Integer.toString(status))
                .record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /** A value read when scraped (journal offsets, queue depth). */
    public void gauge(String name, String description, LongSupplier value) {
        Gauge.builder(name, () -> (double) value.getAsLong()).description(description).register(registry);
    }

    /** A count kept elsewhere (the kernel's), read when scraped; it only grows. */
    public void functionCounter(String name, String description, LongSupplier value) {
        FunctionCounter.builder(name, value, v -> (double) v.getAsLong()).description(description).register(registry);
    }

    private Timer timer(String name, String description, String... tags) {
        String key = name + String.join("\u0000", tags);
        Timer t = timers.get(key);
        if (t == null) {
            t = timers.computeIfAbsent(key, k -> Timer.builder(name).description(description).tags(tags)
                    .publishPercentileHistogram().minimumExpectedValue(SHORTEST).maximumExpectedValue(LONGEST)
                    .register(registry));
        }
        return t;
    }

    private Counter counter(String name, String... tags) {
        String key = name + String.join("\u0000", tags);
        Counter c = counters.get(key);
        if (c == null) {
            c = counters.computeIfAbsent(key, k -> Counter.builder(name).tags(tags).register(registry));
        }
        return c;
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }
}
