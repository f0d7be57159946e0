package io.gatewatch.cli.loadgen;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One run of the load generator: its connections, each on a thread of its own, a progress line
 * every few seconds, and the summary. The messages are rendered before the clock starts.
 */
final class LoadRun {
    private final LoadPlan plan;
    private final PrintStream out;

    LoadRun(LoadPlan plan, PrintStream out) {
        this.plan = plan;
        this.out = out;
    }

    /** Sends, reports; returns 0 when every event went through (and was acknowledged), else 1. */
    int call() throws InterruptedException {
        EventPool pool = switch (plan.protocol()) {
            case TCP -> EventPool.syslog(plan.key(), plan.framing());
            case RELP -> EventPool.syslog(plan.key(), EventPool.Framing.NONE);
            case HTTP -> EventPool.plainLines();
        };
        SequenceNumbers numbers = new SequenceNumbers(plan.count() > 0 ? plan.count() : Long.MAX_VALUE);
        Counters counters = new Counters();
        List<Sender> senders = new ArrayList<>();
        for (int i = 0; i < plan.connections(); i++) {
            senders.add(sender(pool, numbers, new Pacer((double) plan.rate() / plan.connections()), counters));
        }
        out.println(new JsonLine().text("event", "started").text("protocol", plan.protocol().toString())
                .text("target", target()).number("connections", plan.connections()));

        CountDownLatch finished = new CountDownLatch(senders.size());
        long start = System.nanoTime();
        for (int i = 0; i < senders.size(); i++) {
            Sender s = senders.get(i);
            Thread.ofPlatform().name("loadgen-" + plan.protocol() + "-" + i).start(() -> {
                try {
                    s.run();
                } finally {
                    finished.countDown();
                }
            });
        }
        long deadline = plan.count() > 0 ? Long.MAX_VALUE : start + plan.duration().toNanos();
        long every = plan.reportEvery().toNanos();
        long nextReport = start + every;
        long lastSent = 0;
        long lastReport = start;
        while (!finished.await(Math.max(0, Math.min(nextReport, deadline) - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            long now = System.nanoTime();
            if (now >= deadline) {
                numbers.stop(); // each connection finishes its block, then its session
                deadline = Long.MAX_VALUE;
            }
            if (now >= nextReport) {
                long sent = counters.sent.sum();
                JsonLine line = new JsonLine().text("event", "progress").number("elapsed_s", seconds(now - start), 1)
                        .number("sent", sent);
                if (plan.protocol().acknowledges()) {
                    line.number("acked", counters.acked.sum());
                }
                out.println(line.number("errors", counters.errors.sum())
                        .number("events_per_second", Math.round((sent - lastSent) / seconds(now - lastReport))));
                lastSent = sent;
                lastReport = now;
                nextReport += every;
            }
        }
        long elapsed = System.nanoTime() - start;
        return summary(senders, counters, elapsed);
    }

    private Sender sender(EventPool pool, SequenceNumbers numbers, Pacer pacer, Counters counters) {
        InetSocketAddress address = new InetSocketAddress(plan.host(), plan.port());
        return switch (plan.protocol()) {
            case TCP -> new TcpSender(address, pool, numbers, pacer, counters);
            case RELP -> new RelpSender(address, pool, numbers, pacer, counters, plan.window());
            case HTTP -> new HttpSender(URI.create(target() + "/plain/batch"), plan.key(), pool, numbers, pacer, counters,
                    plan.batch());
        };
    }

    private String target() {
        String host = plan.host().contains(":") ? "[" + plan.host() + "]" : plan.host();
        return (plan.protocol() == Protocol.HTTP ? "http://" : plan.protocol() + "://") + host + ":" + plan.port();
    }

    private int summary(List<Sender> senders, Counters counters, long elapsedNanos) {
        long sent = counters.sent.sum();
        long acked = counters.acked.sum();
        long errors = counters.errors.sum();
        double seconds = seconds(elapsedNanos);
        JsonLine line = new JsonLine().text("event", "summary").text("protocol", plan.protocol().toString())
                .number("connections", plan.connections()).number("sent", sent);
        if (plan.protocol().acknowledges()) {
            line.number("acked", acked);
        }
        line.number("errors", errors);
        if (plan.protocol() == Protocol.HTTP) {
            line.number("retries", counters.retries.sum());
        }
        line.number("elapsed_s", seconds, 3)
                .number("events_per_second", Math.round(sent / seconds))
                .number("mb_per_second", counters.bytes.sum() / seconds / 1e6, 1);
        if (plan.protocol().acknowledges()) {
            LatencyHistogram all = new LatencyHistogram();
            senders.forEach(s -> all.add(s.latencies()));
            line.object("latency_ms")
                    .number("p50", all.percentileMicros(0.50) / 1000.0, 2)
                    .number("p90", all.percentileMicros(0.90) / 1000.0, 2)
                    .number("p99", all.percentileMicros(0.99) / 1000.0, 2)
                    .number("p999", all.percentileMicros(0.999) / 1000.0, 2)
                    .number("max", all.maxMicros() / 1000.0, 2)
                    .end();
        }
        double cpu = cpuSeconds();
        if (cpu >= 0) {
            line.number("cpu_s", cpu, 1);
        }
        line.text("error", counters.firstError());
        out.println(line);
        boolean complete = plan.count() == 0 || sent == plan.count();
        boolean acknowledged = !plan.protocol().acknowledges() || acked == sent;
        return errors == 0 && complete && acknowledged ? 0 : 1;
    }

    /** CPU time of this process (every thread), to show what the generator itself costs; -1 when unknown. */
    private static double cpuSeconds() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long nanos = os.getProcessCpuTime();
            return nanos < 0 ? -1 : nanos / 1e9;
        }
        return -1;
    }

    private static double seconds(long nanos) {
        return Math.max(nanos, 1) / 1e9;
    }
}
