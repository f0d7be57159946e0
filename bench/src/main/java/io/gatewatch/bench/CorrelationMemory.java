package io.gatewatch.bench;

import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.core.ecs.EcsField;
import io.gatewatch.detect.correlation.CorrelationEngine;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.List;

/**
 * Heap per tracked correlation group: used heap after full collections, before and after
 * feeding one match to each of {@code N} distinct groups, divided by {@code N}. Keys, windows
 * and the map entries are all counted; the events are not (the engine keeps none for a group
 * far from its threshold). Same for {@link NaiveCorrelation}, the baseline.
 *
 * <pre>{@code
 * ./mvnw -o -q -pl detect install && ./mvnw -o -q -pl bench package -DskipTests
 * java -Xmx3g -cp bench/target/benchmarks.jar io.gatewatch.bench.CorrelationMemory [groups]
 * }</pre>
 */
public final class CorrelationMemory {
    private CorrelationMemory() {}

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        System.out.printf("%-12s %-7s %10s %14s%n", "rule", "impl", "groups", "bytes/group");
        for (String kind : List.of("brute_force", "spraying")) {
            for (String impl : List.of("engine", "naive")) {
                measure(kind, impl, n);
            }
        }
    }

    private static void measure(String kind, String impl, int n) {
        CorrelationWorkload w = new CorrelationWorkload(kind, 1);
        long before = usedAfterGc();
        CorrelationEngine engine = impl.equals("engine") ? new CorrelationEngine(List.of(w.rule)) : null;
        NaiveCorrelation naive = impl.equals("naive") ? new NaiveCorrelation(w.rule) : null;
        long t = 1_700_000_000_000L;
        for (int i = 0; i < n; i++) {
            // distinct users and addresses, as a distributed spraying campaign would bring
            EcsEvent e = new EcsEvent()
                    .set(EcsField.USER_NAME, "user" + i + "@corp.example")
                    .set(EcsField.SOURCE_IP, "10." + (i >>> 16 & 255) + "." + (i >>> 8 & 255) + "." + (i & 255));
            if (engine != null) {
                engine.onMatch("failed_login", null, e, t + i);
            } else {
                naive.onMatch(e, t + i);
            }
        }
        long after = usedAfterGc();
        long groups = engine != null ? engine.stats().groups() : naive.groups();
        System.out.printf("%-12s %-7s %10d %14.1f%n", kind, impl, groups, (after - before) / (double) groups);
        // keep both alive until measured
        if (engine != null && engine.stats().groups() < 0 || naive != null && naive.groups() < 0) {
            throw new AssertionError();
        }
    }

    private static long usedAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
