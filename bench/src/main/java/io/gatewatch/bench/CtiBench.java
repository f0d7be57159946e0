package io.gatewatch.bench;

import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.core.ecs.EcsField;
import io.gatewatch.detect.cti.Atom;
import io.gatewatch.detect.cti.CtiIndex;
import io.gatewatch.detect.cti.CtiMatcher;
import io.gatewatch.detect.cti.Indicator;
import java.util.HashSet;
import java.util.Set;
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
 * Threat-intelligence matching in events per second, single thread, with {@code indicators}
 * loaded ({@link CtiWorkload}: IPv4 addresses and networks, domains). One operation is one event
 * matched on {@code source.ip}, {@code destination.ip}, {@code destination.domain} (with its
 * parents) and {@code user.name}.
 *
 * <ul>
 *   <li>{@code impl=index}: {@link CtiMatcher#match}, what {@code serve} runs per event: CIDRs,
 *       parent domains, validity at event time, C2-destination rule.</li>
 *   <li>{@code impl=hashset}: the floor: one {@code HashSet<String>} probe per field, exact values
 *       only (no networks, no parent domains, no validity).</li>
 * </ul>
 *
 * <pre>{@code
 * ./mvnw -o -q -pl bench package -DskipTests
 * java -jar bench/target/benchmarks.jar CtiBench -prof gc
 * java -cp bench/target/benchmarks.jar io.gatewatch.bench.CtiMemory   # heap bytes per indicator
 * }</pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx3g"})
@Threads(1)
@State(Scope.Thread)
public class CtiBench {
    @Param({"1000000"})
    public int indicators;

    @Param({"index", "hashset"})
    public String impl;

    private EcsEvent[] events;
    private CtiMatcher matcher;
    private Set<String> exact;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        CtiWorkload w = new CtiWorkload(indicators, 8192);
        events = w.events;
        if (impl.equals("index")) {
            matcher = new CtiMatcher(CtiIndex.build(w.indicators), () -> CtiWorkload.NOW);
        } else {
            exact = new HashSet<>();
            for (Indicator i : w.indicators) {
                for (Atom a : i.atoms()) {
                    exact.add(a.value());
                }
            }
        }
    }

    @Benchmark
    public int match() {
        EcsEvent e = events[next];
        next = (next + 1) & (events.length - 1);
        if (matcher != null) {
            return matcher.match(e).size();
        }
        int hits = 0;
        hits += exact.contains(e.getString(EcsField.SOURCE_IP)) ? 1 : 0;
        hits += exact.contains(e.getString(EcsField.DESTINATION_IP)) ? 1 : 0;
        hits += exact.contains(e.getString(EcsField.DESTINATION_DOMAIN)) ? 1 : 0;
        hits += exact.contains(e.getString(EcsField.USER_NAME)) ? 1 : 0;
        return hits;
    }
}
