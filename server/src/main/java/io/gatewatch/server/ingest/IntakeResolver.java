package io.gatewatch.server.ingest;

import io.gatewatch.core.intake.Intake;
import io.gatewatch.core.intake.IntakeRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Intake keys to intakes, from the data directory's {@code intakes.json}, re-read when the file
 * changes (checked at most once a second), so that {@code gatewatch intake add} takes effect
 * without a restart.
 */
public final class IntakeResolver {
    private static final Logger LOG = Logger.getLogger(IntakeResolver.class.getName());
    private static final long CHECK_EVERY_NANOS = 1_000_000_000L;

    private final IntakeRegistry registry;
    private final Path file;
    private volatile Map<String, String> byKey = Map.of();
    private volatile java.util.Set<String> names = java.util.Set.of();
    private volatile long lastModified = Long.MIN_VALUE;
    private volatile long nextCheck;

    public IntakeResolver(Path dataDir) {
        this.registry = new IntakeRegistry(dataDir);
        this.file = dataDir.resolve(IntakeRegistry.FILE);
        this.nextCheck = System.nanoTime();
        reload();
    }

    /** The name of the intake with this key, or null. */
    public String intakeOf(String key) {
        checkNow();
        return byKey.get(key);
    }

    /** Whether an intake of this name exists (a listener's own intake may have been removed since). */
    public boolean exists(String name) {
        checkNow();
        return names.contains(name);
    }

    private void checkNow() {
        long now = System.nanoTime();
        if (now - nextCheck >= 0) {
            nextCheck = now + CHECK_EVERY_NANOS;
            reloadIfChanged();
        }
    }

    /** Re-reads the intakes now (for callers that just changed them). */
    public synchronized void reload() {
        try {
            lastModified = modified();
            List<Intake> intakes = registry.list();
            Map<String, String> map = new HashMap<>();
            for (Intake i : intakes) {
                map.put(i.key(), i.name());
            }
            byKey = Map.copyOf(map);
            names = java.util.Set.copyOf(map.values());
        } catch (IOException e) {
            // Keep serving with the intakes we had: a half-edited file must not drop everything.
            LOG.log(Level.WARNING, "cannot read " + file + ", keeping the previous intakes: " + e.getMessage());
        }
    }

    private void reloadIfChanged() {
        try {
            if (modified() != lastModified) {
                reload();
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot check " + file + ": " + e.getMessage());
        }
    }

    private long modified() throws IOException {
        try {
            return Files.getLastModifiedTime(file).toMillis() ^ Files.size(file);
        } catch (NoSuchFileException e) {
            return 0;
        }
    }
}
