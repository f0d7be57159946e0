package io.gatewatch.bench.store;

import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.core.ecs.EcsField;
import io.gatewatch.core.intake.Intake;
import io.gatewatch.core.intake.IntakeParsers;
import io.gatewatch.core.intake.IntakeRegistry;
import io.gatewatch.core.journal.JournalRecord;
import io.gatewatch.store.IndexedEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Raw lines to the events the store indexes, the way the server's store feeder decodes journal
 * records ({@link IntakeParsers}, for an intake registered in a data directory), with the event
 * time then set from the {@link TimeLayout}: line {@code i} is journal offset {@code i}.
 *
 * <p>Not thread-safe, as the parsers it holds.
 */
final class BenchEvents {
    /** The intake every event of the bench arrives on. */
    static final String INTAKE = "pulse";

    private final IntakeParsers parsers;
    private final TimeLayout layout;

    private BenchEvents(IntakeParsers parsers, TimeLayout layout) {
        this.parsers = parsers;
        this.layout = layout;
    }

    /** Registers the bench's intake in {@code dataDir} (once) and parses for it. */
    static BenchEvents open(Path dataDir, TimeLayout layout) throws IOException {
        registerIntake(dataDir);
        return new BenchEvents(new IntakeParsers(dataDir), layout);
    }

    /** A data directory with the bench's intake registered, as a server's would have. */
    static void registerIntake(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        IntakeRegistry registry = new IntakeRegistry(dataDir);
        if (registry.list().stream().noneMatch(i -> i.name().equals(INTAKE))) {
            registry.add(new Intake(INTAKE, IntakeRegistry.generateKey(), "auto", "UTC", System.currentTimeMillis()));
        }
    }

    /** The first lines of the raw log, parsed into memory: line {@code i} is offset {@code i}. */
    List<IndexedEvent> decodeAll(List<byte[]> lines) {
        List<IndexedEvent> events = new ArrayList<>(lines.size());
        for (byte[] line : lines) {
            events.add(decode(events.size(), line));
        }
        return events;
    }

    /** Line {@code offset} of the raw log, parsed, with its time from the layout. */
    IndexedEvent decode(long offset, byte[] line) {
        long receivedAt = layout.receivedAtOf(offset);
        EcsEvent event = parsers.parse(new JournalRecord(offset, receivedAt, INTAKE, line));
        event.setLong(EcsField.TIMESTAMP, layout.timestampOf(offset));
        return new IndexedEvent(offset, INTAKE, receivedAt, event);
    }
}
