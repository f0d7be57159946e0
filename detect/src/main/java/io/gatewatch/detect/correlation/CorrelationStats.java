package io.gatewatch.detect.correlation;

/**
 * Counters of a correlation engine since it started (a restore does not bring them back), summed
 * over its correlations.
 *
 * @param groups groups tracked now
 * @param matches matches offered to correlations (one match referred by two correlations counts twice)
 * @param alerts correlations that fired, generated or not
 * @param late matches too old for their group's window, or from a window that already fired
 * @param ungrouped matches without a value for a group-by field (or value_count's or value_first_seen's field)
 * @param evicted groups dropped because a correlation had too many
 * @param expired groups dropped because their window had passed
 * @param forgotten values a value_first_seen group forgot before their time because it was full
 */
public record CorrelationStats(long groups, long matches, long alerts, long late, long ungrouped, long evicted,
        long expired, long forgotten) {}
