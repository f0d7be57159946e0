package io.gatewatch.detect.correlation;

import io.gatewatch.core.ecs.EcsEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * {@code value_first_seen}, a gatewatch extension: per group, the values of the field seen
 * within the timespan, each with the time it was last seen. A match whose value the group does
 * not hold raises an alert, once the group has been observed for the learning period (so that a
 * fresh start does not flag every value already in use). Where it departs from the window types:
 *
 * <ul>
 *   <li>Firing does not restart anything: the new value is remembered like any other, so it
 *       raises one alert, and the next new value raises the next.
 *   <li>The alert carries the match's own time and the match as its only event.
 *   <li>A value is forgotten once the group's newest match is a timespan after its last sighting
 *       (the window's cutoff of the other types). A group that has forgotten every value learns
 *       again from its next match, as a new group would: after a quiet timespan nothing it knew is
 *       left to tell new from known. Expiry (two timespans, as for the other types) then only
 *       frees memory, and whether it ran never changes an alert for matches less than a timespan
 *       late.
 *   <li>Out of order: a value counts as known when it was seen within a timespan before the group's
 *       newest match, in either order, so a value raises its alert on the first of its matches to
 *       arrive. A match a timespan or more older than the group's newest is late, as for the
 *       other types, and ignored. The learning period runs from the earliest match accepted (since
 *       the group last forgot everything), so a late match can end it earlier, never later.
 * </ul>
 *
 * Values sit in a hash map (a group may hold {@code maxSeenValues}, and every match looks one up); the
 * oldest sighting is tracked so that forgetting scans the map only when something is due.
 */
final class FirstSeenCorrelator extends Correlator<FirstSeenCorrelator.SeenGroup> {
    static final class SeenGroup extends Correlator.Group {
        /** The earliest match time accepted: learning ends a learning period after it. */
        long since = Long.MAX_VALUE;
        /** Value → the latest time it was seen; null until the first value. */
        HashMap<String, Long> seen;
        /** No value was last seen before this: the common case needs no scan to forget old ones. */
        long oldest = Long.MAX_VALUE;

        int size() {
            return seen == null ? 0 : seen.size();
        }

        /** The values with their last sighting, oldest first (ties by value): a stable order for the snapshot. */
        List<Map.Entry<String, Long>> byLastSeen() {
            List<Map.Entry<String, Long>> out = seen == null ? new ArrayList<>() : new ArrayList<>(seen.entrySet());
            out.sort(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()));
            return out;
        }
    }

    private final long learning;
    private final int maxValues;

    FirstSeenCorrelator(CorrelationRule rule, CorrelationLimits limits) {
        super(rule, limits, Math.min(limits.maxGroupsPerRule(), limits.maxSeenGroups()));
        this.learning = rule.learningMillis();
        this.maxValues = limits.maxSeenValues();
    }

    @Override
    SeenGroup newGroup() {
        return new SeenGroup();
    }

    @Override
    boolean add(SeenGroup g, int ruleIndex, String value, EcsEvent event, long t, long cutoff) {
        forget(g, cutoff);
        if (g.size() == 0 || t < g.since) {
            g.since = t; // a new group, or one that forgot everything: learning (re)starts
        }
        boolean known = g.seen != null && g.seen.containsKey(value);
        see(g, value, t);
        return !known && minus(t, learning) >= g.since;
    }

    /** Records that {@code value} was seen at {@code t}, forgetting the value seen longest ago when full. */
    void see(SeenGroup g, String value, long t) {
        if (g.seen == null) {
            g.seen = new HashMap<>(4);
        }
        Long last = g.seen.get(value);
        if (last != null) {
            if (t > last) {
                g.seen.put(value, t);
            }
            return;
        }
        if (g.seen.size() >= maxValues) {
            String eldest = null;
            long eldestTime = Long.MAX_VALUE;
            for (Map.Entry<String, Long> e : g.seen.entrySet()) {
                if (e.getValue() < eldestTime) {
                    eldest = e.getKey();
                    eldestTime = e.getValue();
                }
            }
            forgotten++;
            if (t <= eldestTime) {
                return; // older than every value held: it would be the first to go
            }
            g.seen.remove(eldest);
        }
        g.seen.put(value, t);
        g.oldest = Math.min(g.oldest, t);
    }

    /** Forgets the values last seen at or before {@code cutoff}. */
    private static void forget(SeenGroup g, long cutoff) {
        if (g.seen == null || g.oldest > cutoff) {
            return;
        }
        long oldest = Long.MAX_VALUE;
        for (Iterator<Long> it = g.seen.values().iterator(); it.hasNext(); ) {
            long s = it.next();
            if (s <= cutoff) {
                it.remove();
            } else {
                oldest = Math.min(oldest, s);
            }
        }
        g.oldest = oldest;
    }

    @Override
    List<EcsEvent> events(SeenGroup g, long cutoff, EcsEvent trigger) {
        return List.of(trigger);
    }

    @Override
    long alertTime(SeenGroup g, long t) {
        return t;
    }

    @Override
    void fired(SeenGroup g) {
        // Nothing to restart: add() already remembered the value, which is what stops a second alert.
    }
}
