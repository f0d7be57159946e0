package io.gatewatch.cli.loadgen;

import io.gatewatch.cli.Main;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code gatewatch loadgen}: a load generator for a running {@code gatewatch serve}, and the check of what it stored. */
@Command(
        name = "loadgen",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {
            "Sends realistic Pulse Secure / Ivanti Connect Secure events (WELF mostly, some Standard and JSON)"
                + " to a running 'gatewatch serve', each numbered in its payload (loadgen_seq=N, N from 0), and"
                + " prints JSON lines: one every few seconds (sent, acknowledged, errors, events/s) and a summary"
                + " at the end (with, over RELP and HTTP, the latency of the acknowledgements).",
            "tcp: syslog over TCP, RFC 5424 with the key in [SEKOIA@53288 intake_key=\"...\"], octet-counted or"
                + " LF-terminated. relp: as rsyslog's omrelp sends it, with a window of unanswered transactions."
                + " http: POST /plain/batch with the key in X-SEKOIAIO-INTAKE-KEY.",
            "--verify-data DIR sends nothing: it reads the journal in DIR (of a stopped server, for a final"
                + " count) and checks that it holds the numbers 0 to N-1 (N: --count, else the highest found + 1)"
                + " exactly once each, and nothing else; with --key, among the records of that key's intake only.",
            "Exit codes: 0 every event went through (and was acknowledged), or the journal matches; 1 errors or"
                + " a mismatch; 2 bad options."
        })
public final class LoadgenCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--protocol", paramLabel = "PROTOCOL", defaultValue = "tcp",
            description = "tcp, relp or http (default: ${DEFAULT-VALUE}).")
    Protocol protocol;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "The server (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", paramLabel = "PORT",
            description = "The server's port (default: serve's for the protocol: 1514 tcp, 2514 relp, 8080 http).")
    Integer port;

    @Option(names = "--key", paramLabel = "KEY",
            description = "Intake key; required over HTTP. Without it, syslog carries no structured data and goes to"
                    + " the listener's intake.")
    String key;

    @Option(names = "--framing", paramLabel = "FRAMING", defaultValue = "octet",
            description = "TCP only: octet (RFC 6587 octet counting, as rsyslog forwards) or lf (default: ${DEFAULT-VALUE}).")
    String framing;

    @Option(names = "--window", paramLabel = "N", defaultValue = "128",
            description = "RELP only: transactions unanswered at most, per connection (default: ${DEFAULT-VALUE}, as omrelp).")
    int window;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "1000",
            description = "HTTP only: events per request, 1 to 10000 (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--rate", paramLabel = "N", defaultValue = "0",
            description = "Events per second over all connections; 0 for as fast as possible (default: ${DEFAULT-VALUE}).")
    long rate;

    @Option(names = "--duration", paramLabel = "TIME", converter = DurationConverter.class,
            description = "How long to send: 90s, 5m, 1h (default: 60s unless --count is given).")
    Duration duration;

    @Option(names = "--count", paramLabel = "N",
            description = "Send exactly N events, then stop; with --verify-data, the N expected.")
    Long count;

    @Option(names = "--connections", paramLabel = "N", defaultValue = "1",
            description = "Connections sending at once (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--report-every", paramLabel = "TIME", defaultValue = "5s", converter = DurationConverter.class,
            description = "How often to print a progress line (default: ${DEFAULT-VALUE}).")
    Duration reportEvery;

    @Option(names = "--verify-data", paramLabel = "DIR",
            description = "Send nothing: check the sequence numbers in the journal of the data directory DIR.")
    Path verifyData;

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (count != null && (count < 1 || count > SequenceMarker.MAX + 1)) {
            throw usage("--count must be between 1 and " + (SequenceMarker.MAX + 1));
        }
        if (verifyData != null) {
            return verify();
        }
        LoadPlan plan = plan();
        return new LoadRun(plan, out).call();
    }

    private int verify() throws IOException {
        JournalCheck.Result result;
        try {
            result = JournalCheck.run(verifyData, key, count == null ? -1 : count);
        } catch (IllegalArgumentException e) {
            System.err.println("gatewatch loadgen: " + e.getMessage());
            return 1;
        }
        out.println(result.json());
        return result.ok() ? 0 : 1;
    }

    private LoadPlan plan() {
        if (count != null && duration != null) {
            throw usage("--count and --duration go alone: give one of them");
        }
        Duration time = count == null ? (duration == null ? Duration.ofSeconds(60) : duration) : null;
        if (time != null && (time.isZero() || time.isNegative())) {
            throw usage("--duration must be positive");
        }
        if (reportEvery.toMillis() < 100) {
            throw usage("--report-every must be at least 100ms");
        }
        if (connections < 1 || connections > 1024) {
            throw usage("--connections must be between 1 and 1024");
        }
        if (rate < 0) {
            throw usage("--rate must not be negative");
        }
        if (window < 1 || window > 1_000_000) {
            throw usage("--window must be between 1 and 1000000");
        }
        if (batch < 1 || batch > 10_000) {
            throw usage("--batch must be between 1 and 10000");
        }
        int p = port == null ? protocol.defaultPort : port;
        if (p < 1 || p > 65_535) {
            throw usage("--port must be between 1 and 65535");
        }
        EventPool.Framing frames = switch (framing.toLowerCase(Locale.ROOT)) {
            case "octet" -> EventPool.Framing.OCTET;
            case "lf" -> EventPool.Framing.LF;
            default -> throw usage("--framing takes octet or lf, not '" + framing + "'");
        };
        if (protocol == Protocol.HTTP && (key == null || key.isBlank())) {
            throw usage("--key is required over HTTP");
        }
        return new LoadPlan(protocol, host, p, key, frames, window, batch, rate, count == null ? 0 : count, time,
                connections, reportEvery);
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
