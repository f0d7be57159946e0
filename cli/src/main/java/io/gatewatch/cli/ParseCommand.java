package io.gatewatch.cli;

import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.core.ecs.EcsField;
import io.gatewatch.core.ecs.EcsJsonWriter;
import io.gatewatch.core.ecs.JsonOutput;
import io.gatewatch.core.pulse.PulseParser;
import io.gatewatch.core.pulse.TimePolicy;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.zip.GZIPInputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gatewatch parse}: log lines in, one ECS JSON object per line out. */
@Command(
        name = "parse",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {
            "Parses Pulse Secure / Ivanti Connect Secure log lines (WELF, Standard or JSON format, with or",
            "without a syslog header) into ECS: one JSON object per non-empty input line, in input order, on",
            "standard output. A summary goes to standard error as one JSON line.",
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
    public Integer call() throws IOException {
        TimePolicy policy;
        try {
            policy = TimePolicy.parse(timezone);
        } catch (IllegalArgumentException e) {
            err.println("gatewatch parse: " + e.getMessage());
            return 2;
        }
        PulseParser parser = new PulseParser(policy);
        JsonOutput json = new JsonOutput(4096);
        long startNanos = System.nanoTime();
        int exit = 0;
        OutputStream out = new BufferedOutputStream(stdout, 1 << 16);
        List<Path> inputs = files.isEmpty() ? List.of(Path.of("-")) : files;
        for (Path file : inputs) {
            try (InputStream in = open(file)) {
                LineReader reader = new LineReader(in);
                while (reader.next()) {
                    if (reader.blank()) {
                        continue;
                    }
                    EcsEvent e = parser.parse(reader.buffer(), reader.lineStart(), reader.lineLength());
                    count(e);
                    json.reset();
                    if (pretty) {
                        EcsJsonWriter.writePretty(e, json);
                    } else {
                        EcsJsonWriter.write(e, json);
                    }
                    json.raw((byte) '\n');
                    json.writeTo(out);
                }
            } catch (NoSuchFileException | FileNotFoundException e) {
                err.println("gatewatch parse: cannot read " + file + ": no such file");
                exit = 1;
            } catch (AccessDeniedException e) {
                err.println("gatewatch parse: cannot read " + file + ": permission denied");
                exit = 1;
            } catch (IOException e) {
                err.println("gatewatch parse: cannot read " + file + ": " + e.getMessage());
                exit = 1;
            }
        }
        out.flush();
        if (!noSummary) {
            summary(System.nanoTime() - startNanos);
        }
        return exit;
    }

    private InputStream open(Path file) throws IOException {
        if (file.toString().equals("-")) {
            return new BufferedInputStream(stdin, 1 << 16) {
                @Override
                public void close() {
                    // Standard input stays open for whoever else reads it.
                }
            };
        }
        if (Files.isDirectory(file)) {
            throw new IOException("is a directory");
        }
        InputStream in = Files.newInputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) {
            return new GZIPInputStream(in, 1 << 16);
        }
        return in;
    }

    private void count(EcsEvent e) {
        lines++;
        if (PulseParser.isUnparsed(e)) {
            unparsed++;
        }
        String format = e.getString(EcsField.PULSE_FORMAT);
        byFormat.merge(format == null ? "unknown" : format, 1L, Long::sum);
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
