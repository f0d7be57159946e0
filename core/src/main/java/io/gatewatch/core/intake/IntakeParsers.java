package io.gatewatch.core.intake;

import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.core.ecs.EcsField;
import io.gatewatch.core.journal.JournalRecord;
import io.gatewatch.core.pulse.PulseParser;
import io.gatewatch.core.pulse.TimePolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;

/**
 * Parses journal records the way their intake says (its time zone), for every consumer of the
 * journal: the store, detection, {@code gatewatch journal}. Intakes added while running are picked
 * up when the registry file changes.
 *
 * <p>An event whose line carries no readable time gets the record's fallback time (the date the
 * sender pushed, else the reception date), so every stored event has an {@code @timestamp}.
 *
 * <p>Not thread-safe: one per consumer thread (parsers reuse buffers).
 */
public final class IntakeParsers {
    private final IntakeRegistry registry;
    private final Path registryFile;
    private final PulseParser fallback = new PulseParser();
    private Map<String, PulseParser> byIntake = Map.of();
    private FileTime loaded;

    public IntakeParsers(Path dataDir) {
        this.registry = new IntakeRegistry(dataDir);
        this.registryFile = dataDir.resolve(IntakeRegistry.FILE);
    }

    public EcsEvent parse(JournalRecord record) {
        reloadIfChanged();
        EcsEvent event = byIntake.getOrDefault(record.intake(), fallback).parse(record.payload());
        if (!event.has(EcsField.TIMESTAMP)) {
            event.setLong(EcsField.TIMESTAMP, record.fallbackTimeMillis());
        }
        return event;
    }

    private void reloadIfChanged() {
        FileTime modified;
        try {
            modified = Files.getLastModifiedTime(registryFile);
        } catch (IOException e) {
            return; // no registry (yet): every record gets the default parser
        }
        if (modified.equals(loaded)) {
            return;
        }
        try {
            Map<String, PulseParser> next = new HashMap<>();
            for (Intake i : registry.list()) {
                next.put(i.name(), new PulseParser(TimePolicy.parse(i.timezone())));
            }
            byIntake = next;
            loaded = modified;
        } catch (IOException | RuntimeException e) {
            // A registry being replaced is read again on the next record; the old parsers go on.
        }
    }
}
