package io.gatewatch.cli;

import io.gatewatch.core.pulse.TimePolicy;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gatewatch parse}: log lines in, one ECS JSON object per line out. */
@Command(
        name = "parse",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {
            "Parses Pulse Secure / Ivanti Connect Secure log lines (WELF, Standard or JSON format, with or"
                + " without a syslog header) into ECS: one JSON object per non-empty input line, in input"
                + " order, on standard output. A summary goes to standard error as one JSON line.",
            "Exit codes: 0 all input read; 1 an input could not be read; 2 bad options."
        })
final class ParseCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", arity = "0..*",
            description = "Log files, plain or gzip (.gz); '-' or none reads standard input.")
    List<Path> files = List.of();

    @Option(names = "--pretty", description = "Indent the JSON output for people.")
    boolean pretty;

    @Option(names = "--timezone", paramLabel = "TZ", defaultValue = "UTC",
            description = "How to read the appliance's zone-less times: UTC (default, as the reference parser does), "
                    + "auto (the offset of the line's RFC 5424 header), or a zone such as Europe/Paris.")
    String timezone;

    @Option(names = "--no-summary", description = "Do not print the summary on standard error.")
    boolean noSummary;

    @Option(names = "--threads", paramLabel = "N", description = "Parser threads; output order is kept "
            + "(default: the number of processors, ${DEFAULT-VALUE}).")
    int threads = Runtime.getRuntime().availableProcessors();

    private final PrintStream err;
    private final OutputStream stdout;
    private final InputStream stdin;

    ParseCommand() {
        this(System.out, System.in, System.err);
    }

    ParseCommand(OutputStream stdout, InputStream stdin, PrintStream err) {
        this.stdout = stdout;
        this.stdin = stdin;
        this.err = err;
    }

    private long lines;
    private long unparsed;
    private final TreeMap<String, Long> byFormat = new TreeMap<>();

    @Override
    public Integer call() throws IOException, InterruptedException {
        TimePolicy policy;
        try {
            policy = TimePolicy.parse(timezone);
        } catch (IllegalArgumentException e) {
            err.println("gatewatch parse: " + e.getMessage());
            return 2;
        }
        if (threads < 1 || threads > 256) {
            err.println("gatewatch parse: --threads must be between 1 and 256, not " + threads);
            return 2;
        }
        long startNanos = System.nanoTime();
        int exit = 0;
        OutputStream out = new BufferedOutputStream(stdout, 1 << 16);
        try (Pipeline pipeline = new Pipeline(policy, out)) {
            exit = new LogInputs("parse", stdin, err).forEachLine(files, pipeline::add);
        }
        out.flush();
        if (!noSummary) {
            summary(System.nanoTime() - startNanos);
        }
        return exit;
    }

    /**
     * Lines in, JSON out, in input order. With one thread it parses in place; with more, batches
     * go to a pool and their results are written in submission order, with a bounded number in
     * flight so that memory stays flat whatever the input size.
     */
    private final class Pipeline implements AutoCloseable {
        private final OutputStream out;
        private final BatchParser inline;
        private final ExecutorService pool;
        private final ThreadLocal<BatchParser> parsers;
        private final ArrayDeque<Future<BatchParser.Result>> inFlight = new ArrayDeque<>();
        private Batch batch = new Batch();

        Pipeline(TimePolicy policy, OutputStream out) {
            this.out = out;
            if (threads == 1) {
                inline = new BatchParser(policy, pretty);
                pool = null;
                parsers = null;
            } else {
                inline = null;
                pool = Executors.newFixedThreadPool(threads, r -> {
                    Thread t = new Thread(r, "gatewatch-parse");
                    t.setDaemon(true);
                    return t;
                });
                parsers = ThreadLocal.withInitial(() -> new BatchParser(policy, pretty));
            }
        }

        void add(byte[] b, int from, int length) throws IOException {
            batch.add(b, from, length);
            if (batch.full()) {
                flushBatch();
            }
        }

        private void flushBatch() throws IOException {
            if (batch.isEmpty()) {
                return;
            }
            Batch full = batch;
            batch = new Batch();
            if (pool == null) {
                write(inline.parse(full));
                return;
            }
            inFlight.add(pool.submit(() -> parsers.get().parse(full)));
            while (inFlight.size() > 2 * threads) {
                write(await(inFlight.poll()));
            }
        }

        private BatchParser.Result await(Future<BatchParser.Result> f) throws IOException {
            try {
                return f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("parser thread failed", e.getCause());
            }
        }

        private void write(BatchParser.Result r) throws IOException {
            out.write(r.json(), 0, r.length());
            lines += r.lines();
            unparsed += r.unparsed();
            r.formats().forEach((k, v) -> byFormat.merge(k, v, Long::sum));
        }

        @Override
        public void close() throws IOException {
            try {
                flushBatch();
                while (!inFlight.isEmpty()) {
                    write(await(inFlight.poll()));
                }
            } finally {
                if (pool != null) {
                    pool.shutdownNow();
                }
            }
        }
    }

    private void summary(long nanos) {
        StringBuilder sb = new StringBuilder(160);
        double seconds = nanos / 1e9;
        sb.append("{\"summary\":\"parse\",\"lines\":").append(lines)
                .append(",\"parsed\":").append(lines - unparsed)
                .append(",\"unparsed\":").append(unparsed)
                .append(",\"formats\":{");
        boolean first = true;
        for (var entry : byFormat.entrySet()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            sb.append('"').append(entry.getKey()).append("\":").append(entry.getValue());
        }
        sb.append("},\"seconds\":").append(String.format(java.util.Locale.ROOT, "%.3f", seconds))
                .append(",\"lines_per_second\":").append(seconds > 0 ? Math.round(lines / seconds) : 0)
                .append('}');
        err.println(sb);
    }
}
