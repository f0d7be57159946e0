package io.gatewatch.bench;

import io.gatewatch.cli.loadgen.Corpus;
import io.gatewatch.core.journal.JournalRecord;
import io.gatewatch.core.journal.SegmentedJournal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Durable appends to the journal: one group of {@code batch} records (400-byte lines) appended
 * and fsync'd per operation, on the machine's real disk. Records per second = ops/s × batch.
 *
 * <pre>{@code
 * ./mvnw -q -B -DskipTests package -pl bench -am
 * java -jar bench/target/benchmarks.jar JournalBench
 * }</pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(1)
@State(Scope.Thread)
public class JournalBench {
    @Param({"1", "100", "1000"})
    public int batch;

    private Path dir;
    private SegmentedJournal journal;
    private List<JournalRecord> records;

    @Setup(Level.Iteration)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("gatewatch-journal-bench");
        journal = SegmentedJournal.open(dir, SegmentedJournal.DEFAULT_SEGMENT_BYTES);
        List<byte[]> lines = Corpus.welf(batch);
        records = new ArrayList<>();
        for (byte[] line : lines) {
            records.add(JournalRecord.of(System.currentTimeMillis(), "default", line));
        }
    }

    @Benchmark
    public long appendAndSync() throws IOException {
        journal.append(records);
        return journal.sync();
    }

    @TearDown(Level.Iteration)
    public void tearDown() throws IOException {
        journal.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
