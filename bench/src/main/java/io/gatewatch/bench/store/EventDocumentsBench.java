package io.gatewatch.bench.store;

import io.gatewatch.cli.loadgen.Corpus;
import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.core.ecs.EcsField;
import io.gatewatch.core.journal.JournalRecord;
import io.gatewatch.core.pulse.PulseParser;
import io.gatewatch.store.index.EventDocuments;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The store's own share of indexing an event: {@link EventDocuments#toDocument}, an ECS event of
 * the mixed corpus to its Lucene document (fields, IP points, doc values, the JSON source), before
 * Lucene's {@code addDocument}. One operation is one event.
 *
 * <pre>{@code
 * java -jar bench/target/benchmarks.jar EventDocumentsBench -prof gc
 * }</pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class EventDocumentsBench {
    public static final int EVENTS = 10_000;

    private EcsEvent[] events;
    private EventDocuments documents;

    @Setup(Level.Trial)
    public void setUp() {
        List<byte[]> lines = Corpus.mixed(EVENTS);
        PulseParser parser = new PulseParser();
        long now = System.currentTimeMillis();
        events = new EcsEvent[EVENTS];
        for (int i = 0; i < EVENTS; i++) {
            // What the store adds before building the document.
            events[i] = parser.parse(lines.get(i))
                    .set(EcsField.EVENT_ID, JournalRecord.eventId(i))
                    .set(EcsField.GATEWATCH_INTAKE, BenchEvents.INTAKE)
                    .setLong(EcsField.EVENT_INGESTED, now + i);
        }
        documents = new EventDocuments();
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void toDocument(Blackhole bh) {
        for (int i = 0; i < EVENTS; i++) {
            bh.consume(documents.toDocument(events[i], i));
        }
    }
}
