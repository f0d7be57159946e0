package io.gatewatch.detect.correlation;

/**
 * How much state the correlation engine may keep. Matches are attacker-driven (one failed login
 * per forged user name), so every dimension has a cap.
 *
 * @param maxGroupsPerRule groups tracked per correlation; past it the least recently updated
 *     group is evicted (counted)
 * @param sampleEvents events an alert carries at most (the last ones of the window)
 * @param maxValueChars group-by and counted values longer than this are cut and suffixed with a
 *     hash of the whole value, so distinct long values stay distinct
 * @param maxOrderedHits timestamps kept per referred rule and group for temporal_ordered (the
 *     latest ones; the order check needs more than the last)
 * @param maxSeenGroups groups tracked per value_first_seen correlation (at most
 *     {@code maxGroupsPerRule}): its groups live for weeks and hold many values, so fewer are
 *     kept; past it the least recently updated group is evicted, and learns again if it returns
 * @param maxSeenValues values remembered per value_first_seen group; past it the value seen
 *     longest ago is forgotten (counted), and raises an alert again if it comes back
 */
public record CorrelationLimits(int maxGroupsPerRule, int sampleEvents, int maxValueChars, int maxOrderedHits,
        int maxSeenGroups, int maxSeenValues) {
    /** Worst case for one value_first_seen correlation: 10,000 groups of 100 values, about 100 MB. */
    public static final CorrelationLimits DEFAULTS = new CorrelationLimits(1_000_000, 10, 256, 16, 10_000, 100);
    /** Bounds a damaged count in a state file, as the threshold bounds the count types'. */
    static final int MAX_SEEN_VALUES = 100_000;

    public CorrelationLimits {
        if (maxGroupsPerRule < 1) {
            throw new IllegalArgumentException("maxGroupsPerRule must be at least 1: " + maxGroupsPerRule);
        }
        if (sampleEvents < 0 || sampleEvents > 1000) {
            throw new IllegalArgumentException("sampleEvents must be 0 to 1000: " + sampleEvents);
        }
        if (maxValueChars < 32 || maxValueChars > 4096) {
            throw new IllegalArgumentException("maxValueChars must be 32 to 4096: " + maxValueChars);
        }
        if (maxOrderedHits < 1 || maxOrderedHits > 1024) {
            throw new IllegalArgumentException("maxOrderedHits must be 1 to 1024: " + maxOrderedHits);
        }
        if (maxSeenGroups < 1) {
            throw new IllegalArgumentException("maxSeenGroups must be at least 1: " + maxSeenGroups);
        }
        if (maxSeenValues < 1 || maxSeenValues > MAX_SEEN_VALUES) {
            throw new IllegalArgumentException("maxSeenValues must be 1 to " + MAX_SEEN_VALUES + ": " + maxSeenValues);
        }
    }

    public CorrelationLimits withMaxGroupsPerRule(int n) {
        return new CorrelationLimits(n, sampleEvents, maxValueChars, maxOrderedHits, maxSeenGroups, maxSeenValues);
    }

    public CorrelationLimits withSampleEvents(int n) {
        return new CorrelationLimits(maxGroupsPerRule, n, maxValueChars, maxOrderedHits, maxSeenGroups, maxSeenValues);
    }

    public CorrelationLimits withMaxSeen(int groups, int values) {
        return new CorrelationLimits(maxGroupsPerRule, sampleEvents, maxValueChars, maxOrderedHits, groups, values);
    }
}
