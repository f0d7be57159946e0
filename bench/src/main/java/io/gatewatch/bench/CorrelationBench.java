package io.gatewatch.bench;

import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.detect.correlation.CorrelationEngine;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Correlation throughput in single-event matches per second (one operation is one match fed to
 * {@link CorrelationEngine#onMatch}), single thread, for the brute-force (event_count) and
 * spraying (value_count) correlations of {@link CorrelationWorkload}, over 10,000 or 1,000,000
 * groups. Event time moves on {@value CorrelationWorkload#STEP_MILLIS} ms per match, so with a
 * million groups windows keep expiring and groups keep being created.
 *
 * <p>Baseline in the same run: {@code impl=naive}, {@link NaiveCorrelation}. Memory per tracked
 * group is measured apart, by {@link CorrelationMemory}.
 *
 * <pre>{@code
 * ./mvnw -o -q -pl detect install && ./mvnw -o -q -pl bench package -DskipTests
 * java -jar bench/target/benchmarks.jar CorrelationBench
 * }</pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx3g"})
@State(Scope.Thread)
public class CorrelationBench {
    @Param({"brute_force", "spraying"})
    public String rule;

    @Param({"engine", "naive"})
    public String impl;

    @Param({"10000", "1000000"})
    public int groups;

    private CorrelationWorkload workload;
    private CorrelationEngine engine;
    private NaiveCorrelation naive;
    private long time;

    @Setup(Level.Trial)
    public void setUp() {
        workload = new CorrelationWorkload(rule, groups);
        engine = new CorrelationEngine(List.of(workload.rule));
        naive = new NaiveCorrelation(workload.rule);
        time = 1_700_000_000_000L;
    }

    @Benchmark
    public int match() {
        EcsEvent e = workload.next();
        time += CorrelationWorkload.STEP_MILLIS;
        if (impl.equals("engine")) {
            return engine.onMatch("failed_login", null, e, time).size();
        }
        return naive.onMatch(e, time);
    }
}
