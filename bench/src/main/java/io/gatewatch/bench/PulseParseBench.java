package io.gatewatch.bench;

import io.gatewatch.cli.loadgen.Corpus;
import io.gatewatch.core.ecs.EcsJsonWriter;
import io.gatewatch.core.ecs.JsonOutput;
import io.gatewatch.core.pulse.PulseParser;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Parser throughput in lines per second, single thread, over a pre-generated corpus of
 * {@value #LINES} lines ({@link Corpus}, fixed seed). One operation is one line.
 *
 * <ul>
 *   <li>{@code parse}: {@link PulseParser#parse(byte[], int, int)}, bytes to a normalized
 *       {@code EcsEvent}.</li>
 *   <li>{@code parseAndSerialize}: the same plus {@link EcsJsonWriter#write} into a reused
 *       {@link JsonOutput}: what {@code gatewatch parse} does per line, minus I/O.</li>
 *   <li>{@code referenceBaseline}: {@link ReferenceBaseline}, the reference parser rewritten with
 *       regex + grok + a {@code Map} + Jackson databind, bytes to JSON bytes. It reads WELF only, so
 *       it always runs on WELF lines: for {@code corpus=welf} the same lines as the other two; for
 *       {@code corpus=mixed}, the first {@value #LINES} WELF lines of the mixed stream (its WELF
 *       part, same header mix).</li>
 * </ul>
 *
 * <p>Run from the repository root:
 * <pre>{@code
 * ./mvnw -q -B -DskipTests package -pl bench -am
 * java -jar bench/target/benchmarks.jar PulseParseBench -prof gc
 * }</pre>
 * ({@code java} must be a JDK 21 or later; add {@code -p corpus=welf} for one corpus only.)
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
@State(Scope.Thread)
public class PulseParseBench {
    /** Lines per invocation: the size of the pre-generated corpus. */
    public static final int LINES = 10_000;

    @Param({"welf", "mixed"})
    public String corpus;

    private byte[][] lines;
    private byte[][] welfLines;
    private PulseParser parser;
    private JsonOutput out;
    private ReferenceBaseline baseline;

    @Setup(Level.Trial)
    public void setUp() {
        List<byte[]> l = switch (corpus) {
            case "welf" -> Corpus.welf(LINES);
            case "mixed" -> Corpus.mixed(LINES);
            default -> throw new IllegalArgumentException("corpus: welf or mixed, not " + corpus);
        };
        lines = l.toArray(new byte[0][]);
        welfLines = corpus.equals("welf") ? lines : Corpus.welfPartOfMixed(LINES).toArray(new byte[0][]);
        parser = new PulseParser();
        out = new JsonOutput(4096);
        baseline = new ReferenceBaseline();
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public void parse(Blackhole bh) {
        PulseParser p = parser;
        for (byte[] b : lines) {
            bh.consume(p.parse(b, 0, b.length));
        }
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public void parseAndSerialize(Blackhole bh) {
        PulseParser p = parser;
        JsonOutput o = out;
        for (byte[] b : lines) {
            o.reset();
            EcsJsonWriter.write(p.parse(b, 0, b.length), o);
            bh.consume(o.length());
        }
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public void referenceBaseline(Blackhole bh) {
        ReferenceBaseline r = baseline;
        for (byte[] b : welfLines) {
            bh.consume(r.process(b, 0, b.length));
        }
    }
}
