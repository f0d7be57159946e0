package io.gatewatch.bench;

import io.gatewatch.detect.cti.CtiIndex;
import io.gatewatch.detect.cti.Indicator;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * Heap held by {@code N} indicators (default 1,000,000 of {@link CtiWorkload}): the indicators
 * themselves, then the index built over them, in bytes per indicator, measured as used heap after
 * full collections.
 *
 * <pre>{@code java -Xmx3g -cp bench/target/benchmarks.jar io.gatewatch.bench.CtiMemory [N]}</pre>
 */
public final class CtiMemory {
    private CtiMemory() {}

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        long base = used();
        CtiWorkload w = new CtiWorkload(n, 1);
        w.events[0] = null;
        List<Indicator> indicators = w.indicators;
        long afterIndicators = used();
        long t0 = System.nanoTime();
        CtiIndex index = CtiIndex.build(indicators);
        long buildMs = (System.nanoTime() - t0) / 1_000_000;
        long afterIndex = used();
        System.out.printf("indicators=%d indexed=%d build_ms=%d%n", n, index.size(), buildMs);
        System.out.printf("indicator records: %.0f bytes/indicator%n", (afterIndicators - base) / (double) n);
        System.out.printf("index over them:   %.0f bytes/indicator%n", (afterIndex - afterIndicators) / (double) n);
        System.out.printf("total:             %.0f bytes/indicator (%.0f MiB)%n", (afterIndex - base) / (double) n,
                (afterIndex - base) / 1048576.0);
        if (index.size() == 0 || indicators.isEmpty()) {
            throw new AssertionError("keep both alive");
        }
    }

    private static long used() {
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
