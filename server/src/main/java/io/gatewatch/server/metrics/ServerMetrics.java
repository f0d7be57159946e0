package io.gatewatch.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The server's counters and gauges, exposed in Prometheus' text format on {@code GET /metrics}.
 * Counters are cached per tag combination: looking one up is a map read, not a registry walk.
 */
public final class ServerMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ConcurrentHashMap<String, Counter> counters = new ConcurrentHashMap<>();

    /** An event taken in by {@code listener} for {@code intake}. */
    public void received(String intake, String listener) {
        counter("gatewatch_events_received", "intake", intake, "listener", listener).increment();
    }

    /** An event refused for its unknown intake key. */
    public void refusedUnknownKey(String listener) {
        counter("gatewatch_events_refused", "reason", "unknown_key", "listener", listener).increment();
    }

    /** Bytes dropped for their framing or size. */
    public void rejectedFrame(String listener) {
        counter("gatewatch_frames_rejected", "listener", listener).increment();
    }

    public void httpStatus(int status) {
        counter("gatewatch_http_responses", "status", Integer.toString(status)).increment();
    }

    /** A value read when scraped (journal offsets, queue depth). */
    public void gauge(String name, String description, LongSupplier value) {
        Gauge.builder(name, () -> (double) value.getAsLong()).description(description).register(registry);
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
