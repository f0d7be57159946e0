package io.gatewatch.bench.store;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** What the bench runs on, and how busy it is: the figures of a shared machine need both. */
final class Machine {
    private static final OperatingSystemMXBean OS = ManagementFactory.getOperatingSystemMXBean();

    private Machine() {}

    /** CPU time of this process (all its threads: merges and GC too); -1 when unknown. */
    static long processCpuNanos() {
        return OS instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : -1;
    }

    /**
     * Bytes this process has written so far ({@code wchar} of {@code /proc/self/io}: every write
     * call, including to files deleted before they reach the disk), or -1 where that is not
     * available: merges rewrite what indexing wrote, and this counts both.
     */
    static long processWriteBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/io"))) {
                if (line.startsWith("wchar:")) {
                    return Long.parseLong(line.substring("wchar:".length()).strip());
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or not allowed: the figure is left out
        }
        return -1;
    }

    /** The one-minute load average of the whole machine, other users' work included. */
    static double loadAverage() {
        return OS.getSystemLoadAverage();
    }

    static String describe() {
        Runtime rt = Runtime.getRuntime();
        return String.format(Locale.ROOT, "%d CPUs, Java %s (%s), max heap %d MiB, %s %s",
                rt.availableProcessors(), System.getProperty("java.version"), System.getProperty("java.vm.name"),
                rt.maxMemory() >> 20, System.getProperty("os.name"), System.getProperty("os.arch"));
    }
}
