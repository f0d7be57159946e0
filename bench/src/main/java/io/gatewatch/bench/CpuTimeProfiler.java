package io.gatewatch.bench;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler for shared machines: per iteration, the operations per CPU-second the benchmark
 * process used ({@code cpu.ops}), and how much of one CPU it got ({@code cpu.share}, 1.0 = a
 * whole core for the whole iteration). Wall-clock throughput counts the time the benchmark waits
 * for a core other programs hold; CPU time does not, so on a loaded machine {@code cpu.ops} says
 * what the code costs and {@code cpu.share} says how loaded the machine was. Process CPU includes
 * the garbage collector (part of the cost) and the JIT compiler (idle once warmed up).
 *
 * <pre>{@code
 * java -jar bench/target/benchmarks.jar DetectBench -prof io.gatewatch.bench.CpuTimeProfiler
 * }</pre>
 */
public final class CpuTimeProfiler implements InternalProfiler {
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long cpuStart;
    private long wallStart;

    @Override
    public String getDescription() {
        return "operations per CPU-second of the benchmark process, and the share of a CPU it got";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmark, IterationParams iteration) {
        wallStart = System.nanoTime();
        cpuStart = os.getProcessCpuTime();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmark, IterationParams iteration,
            IterationResult result) {
        long cpu = os.getProcessCpuTime() - cpuStart;
        long wall = System.nanoTime() - wallStart;
        long ops = result.getMetadata().getMeasuredOps();
        if (cpu <= 0 || wall <= 0) {
            return List.of();
        }
        return List.of(
                new ScalarResult("cpu.ops", ops / (cpu / 1e9), "ops/cpu-s", AggregationPolicy.AVG),
                new ScalarResult("cpu.share", cpu / (double) wall, "cpus", AggregationPolicy.AVG));
    }
}
