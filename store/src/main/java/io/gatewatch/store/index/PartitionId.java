package io.gatewatch.store.index;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One partition of the store: the events of one intake received on one UTC day. Partitioning by
 * reception day (not event time) makes retention drop whole directories and keeps an appliance
 * with a wrong clock from writing into partitions that retention has already dropped; the time
 * window of a search still prunes cheaply, on each segment's {@code @timestamp} bounds.
 */
public record PartitionId(String intake, LocalDate day) implements Comparable<PartitionId> {
    /** Intake names as the registry allows them: safe as directory names. */
    private static final Pattern SAFE_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    /** Where events of an intake whose name is not a safe directory name go. */
    static final String OTHER = "_other";

    public PartitionId {
        Objects.requireNonNull(intake, "intake");
        Objects.requireNonNull(day, "day");
    }

    /** The partition an event received at {@code receivedAtMillis} on {@code intake} belongs to. */
    public static PartitionId of(String intake, long receivedAtMillis) {
        String name = intake != null && SAFE_NAME.matcher(intake).matches() ? intake : OTHER;
        return new PartitionId(name, LocalDate.ofEpochDay(Math.floorDiv(receivedAtMillis, 86_400_000L)));
    }

    /** The partition's directory under the store's root: {@code ROOT/intake/yyyy-mm-dd}. */
    public Path dir(Path root) {
        return root.resolve(intake).resolve(day.toString());
    }

    /** First millisecond of the day, UTC. */
    public long dayStartMillis() {
        return day.atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    @Override
    public int compareTo(PartitionId o) {
        int c = day.compareTo(o.day);
        return c != 0 ? c : intake.compareTo(o.intake);
    }

    @Override
    public String toString() {
        return intake + "/" + day;
    }
}
