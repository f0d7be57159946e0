package io.gatewatch.bench;

import io.gatewatch.detect.sigma.Detector;
import io.gatewatch.detect.sigma.RuleSet;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Detection throughput in events per second, single thread, on already parsed events of the mixed
 * corpus ({@link DetectWorkload}; one operation is one event, the corpus is cycled through).
 *
 * <ul>
 *   <li>{@code rules}: the built-in pack ({@code builtin}: its single-event rules and its
 *       correlations), or 10, 100 or 1,000 rules of {@link SigmaRuleGenerator}, loaded through
 *       {@link RuleSet} like any rule directory.</li>
 *   <li>{@code impl=engine}: {@link Detector#evaluate}, what {@code gatewatch detect} and
 *       {@code serve} call per event: compiled matching, alerts, correlations.</li>
 *   <li>{@code impl=naive}: {@link NaiveDetector}, every rule's condition tree walked on every
 *       event with {@code String} operations and regexes; same alerts, same correlation engine.</li>
 * </ul>
 *
 * <pre>{@code
 * ./mvnw -o -q -pl bench package -DskipTests
 * java -jar bench/target/benchmarks.jar DetectBench -wi 3 -i 5 -f 1 -prof gc -prof io.gatewatch.bench.CpuTimeProfiler
 * java -cp bench/target/benchmarks.jar io.gatewatch.bench.DetectWorkloadReport   # what the rule sets do to the corpus
 * }</pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
@State(Scope.Thread)
public class DetectBench {
    @Param({"builtin", "10", "100", "1000"})
    public String rules;

    @Param({"engine", "naive"})
    public String impl;

    private DetectWorkload workload;
    private boolean engine;
    private Detector detector;
    private NaiveDetector naive;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        workload = new DetectWorkload();
        RuleSet set = DetectWorkload.rules(rules);
        if (!set.errors().isEmpty()) {
            throw new IllegalStateException("rules did not load: " + set.errors());
        }
        engine = switch (impl) {
            case "engine" -> true;
            case "naive" -> false;
            default -> throw new IllegalArgumentException("impl: engine or naive, not " + impl);
        };
        // Events all carry a time; the clock would only date those that do not.
        detector = set.newDetector(() -> 0L);
        naive = new NaiveDetector(set);
    }

    @Benchmark
    public int detect() {
        int i = next;
        next = i + 1 == workload.size() ? 0 : i + 1;
        return engine ? detector.evaluate(workload.event(i)).size() : naive.evaluate(workload.event(i)).size();
    }
}
