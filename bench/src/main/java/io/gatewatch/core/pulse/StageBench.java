package io.gatewatch.core.pulse;

import io.gatewatch.cli.loadgen.Corpus;
import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.core.syslog.SyslogEnvelope;
import io.gatewatch.core.syslog.SyslogEnvelopeParser;
import io.gatewatch.core.welf.WelfLexer;
import io.gatewatch.core.welf.WelfTokens;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Where the parser's time goes, stage by stage, on the WELF corpus: each benchmark does one more
 * stage than the one before, so the differences are the stages' costs. In the parser's own
 * package, to reach its package-private stages.
 *
 * <pre>{@code
 * ./mvnw -q -B -DskipTests package -pl bench -am
 * java -jar bench/target/benchmarks.jar StageBench
 * }</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class StageBench {
    private static final int LINES = 10_000;

    private byte[][] lines;
    private final WelfTokens tokens = new WelfTokens();
    private final WelfReader reader = new WelfReader();
    private final PulseRecord record = new PulseRecord();
    private final PulseNormalizer normalizer = new PulseNormalizer(MessageCatalog.defaultCatalog());
    private final PulseParser parser = new PulseParser();
    private PulseNormalizer noTemplates;
    private EcsEvent[] events;
    private final io.gatewatch.core.ecs.JsonOutput json = new io.gatewatch.core.ecs.JsonOutput(1 << 16);

    @Setup
    public void setUp() {
        List<byte[]> welf = Corpus.welf(LINES);
        lines = welf.toArray(new byte[0][]);
        events = new EcsEvent[lines.length];
        for (int i = 0; i < lines.length; i++) {
            events[i] = parser.parse(lines[i], 0, lines[i].length);
        }
        try (var in = MessageCatalog.class.getResourceAsStream("catalog.txt")) {
            String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            StringBuilder codesOnly = new StringBuilder();
            for (String line : text.split("\n")) {
                if (!line.strip().startsWith("=") && !line.strip().startsWith("+")) {
                    codesOnly.append(line).append('\n');
                }
            }
            noTemplates = new PulseNormalizer(MessageCatalog.parse(
                    new java.io.BufferedReader(new java.io.StringReader(codesOnly.toString())), "no-templates"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public void a_envelope(Blackhole bh) {
        for (byte[] l : lines) {
            bh.consume(SyslogEnvelopeParser.parse(l, 0, l.length));
        }
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public void b_lex(Blackhole bh) {
        for (byte[] l : lines) {
            SyslogEnvelope env = SyslogEnvelopeParser.parse(l, 0, l.length);
            WelfLexer.lex(l, env.bodyStart(), l.length, tokens);
            bh.consume(tokens.size());
        }
    }

    /** Envelope, lexing and reading of one line into {@link #record}; the event it starts. */
    private EcsEvent read(byte[] l, SyslogEnvelope env) {
        EcsEvent e = new EcsEvent();
        record.reset(LogFormat.WELF);
        reader.read(l, env.bodyStart(), l.length, record, e);
        return e;
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public void c_read(Blackhole bh) {
        for (byte[] l : lines) {
            bh.consume(read(l, SyslogEnvelopeParser.parse(l, 0, l.length)));
            bh.consume(record.rest);
        }
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public void d_normalize(Blackhole bh) {
        normalizeAll(normalizer, bh);
    }

    /** d_normalize with a catalog stripped of its templates: the difference is template matching. */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public void d2_normalizeWithoutTemplates(Blackhole bh) {
        normalizeAll(noTemplates, bh);
    }

    private void normalizeAll(PulseNormalizer n, Blackhole bh) {
        for (byte[] l : lines) {
            SyslogEnvelope env = SyslogEnvelopeParser.parse(l, 0, l.length);
            EcsEvent e = read(l, env);
            n.normalize(record, env, TimePolicy.utc(), e);
            bh.consume(e);
        }
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public void e_parse(Blackhole bh) {
        for (byte[] l : lines) {
            bh.consume(parser.parse(l, 0, l.length));
        }
    }

    /** JSON writing alone, of events parsed once in the set-up. */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public void f_writeJson(Blackhole bh) {
        for (EcsEvent e : events) {
            json.reset();
            io.gatewatch.core.ecs.EcsJsonWriter.write(e, json);
            bh.consume(json.length());
        }
    }
}
