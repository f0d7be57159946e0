package io.gatewatch.store.retention;

import io.gatewatch.store.EventStore;
import io.gatewatch.store.index.PartitionId;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How many days of events each intake keeps. Whole partitions (one intake, one reception day)
 * are dropped once all their events are older than that, so retention costs a directory delete.
 *
 * @param defaultDays days kept for intakes without their own setting (≥ 1)
 * @param daysByIntake per-intake settings
 */
public record RetentionPolicy(int defaultDays, Map<String, Integer> daysByIntake) {
    public static final int DEFAULT_DAYS = 30;

    public RetentionPolicy {
        daysByIntake = Map.copyOf(daysByIntake);
        if (defaultDays < 1) {
            throw new IllegalArgumentException("retention.days must be at least 1, not " + defaultDays);
        }
        daysByIntake.forEach((intake, days) -> {
            if (days < 1) {
                throw new IllegalArgumentException("retention of intake " + intake + " must be at least 1 day, not " + days);
            }
        });
    }

    public static RetentionPolicy days(int days) {
        return new RetentionPolicy(days, Map.of());
    }

    public int daysFor(String intake) {
        return daysByIntake.getOrDefault(intake, defaultDays);
    }

    /**
     * True when the partition is past retention at {@code nowMillis}: with {@code days = 1} only
     * today's partition is kept; with 30, today's and the 29 before it.
     */
    public boolean expired(PartitionId partition, long nowMillis) {
        LocalDate today = LocalDate.ofEpochDay(Math.floorDiv(nowMillis, 86_400_000L));
        return partition.day().isBefore(today.minusDays(daysFor(partition.intake()) - 1L));
    }

    /** Drops the expired partitions of {@code store}; returns those dropped. */
    public List<PartitionId> apply(EventStore store, long nowMillis) throws IOException {
        List<PartitionId> dropped = new ArrayList<>();
        for (PartitionId p : store.partitions()) {
            if (expired(p, nowMillis) && store.drop(p)) {
                dropped.add(p);
            }
        }
        return dropped;
    }

    @Override
    public String toString() {
        return defaultDays + " days" + (daysByIntake.isEmpty() ? "" : ", " + daysByIntake);
    }
}
