package io.gatewatch.detect.correlation;

import io.gatewatch.core.ecs.EcsEvent;
import java.util.Arrays;
import java.util.List;

/**
 * {@code value_count}: the number of distinct values of the condition's field among the matches
 * in the group's window. A group holds each distinct value once, with the time it was last
 * seen: a value is in the window as long as its last sighting is. As for event_count, a group
 * never needs more values than the lowest count that fires (the count grows one value at a
 * time and fires on reaching it); past that, the value seen longest ago, the first to leave
 * the window, is forgotten.
 *
 * <p>Values sit in two parallel arrays, searched linearly: a group holds at most that many
 * values, thresholds are tens, not thousands, and most groups hold one value (so the arrays
 * start with one slot).
 */
final class ValueCountCorrelator extends Correlator<ValueCountCorrelator.ValueGroup> {
    static final class ValueGroup extends Correlator.Group {
        String[] values;
        long[] seen;
        int size;
        /** No value was last seen before this: the common case needs no scan to drop old ones. */
        long oldest = Long.MAX_VALUE;
    }

    private final int cap;
    private final long lowestFiring;

    ValueCountCorrelator(CorrelationRule rule, CorrelationLimits limits) {
        super(rule, limits);
        this.lowestFiring = rule.condition().lowestFiring();
        this.cap = (int) lowestFiring;
    }

    int cap() {
        return cap;
    }

    @Override
    ValueGroup newGroup() {
        return new ValueGroup();
    }

    @Override
    boolean add(ValueGroup g, int ruleIndex, String value, EcsEvent event, long t, long cutoff) {
        drop(g, cutoff);
        put(g, value, t);
        sample(g, g.size, lowestFiring, event, t);
        return rule.condition().test(g.size);
    }

    /** Records that {@code value} was seen at {@code t}. */
    void put(ValueGroup g, String value, long t) {
        for (int i = 0; i < g.size; i++) {
            if (g.values[i].equals(value)) {
                if (t > g.seen[i]) {
                    g.seen[i] = t;
                }
                return;
            }
        }
        if (g.size == cap) {
            int oldest = 0;
            for (int i = 1; i < g.size; i++) {
                if (g.seen[i] < g.seen[oldest]) {
                    oldest = i;
                }
            }
            if (t <= g.seen[oldest]) {
                return; // older than every value held: it would be the first to go
            }
            remove(g, oldest);
        }
        if (g.values == null || g.size == g.values.length) {
            int n = Math.min(cap, g.values == null ? 1 : g.values.length * 2);
            g.values = g.values == null ? new String[n] : Arrays.copyOf(g.values, n);
            g.seen = g.seen == null ? new long[n] : Arrays.copyOf(g.seen, n);
        }
        g.values[g.size] = value;
        g.seen[g.size] = t;
        g.size++;
        g.oldest = Math.min(g.oldest, t);
    }

    private static void drop(ValueGroup g, long cutoff) {
        if (g.oldest > cutoff) {
            return;
        }
        // Backwards: remove() fills slot i with the last entry, which was already checked.
        long oldest = Long.MAX_VALUE;
        for (int i = g.size - 1; i >= 0; i--) {
            if (g.seen[i] <= cutoff) {
                remove(g, i);
            } else {
                oldest = Math.min(oldest, g.seen[i]);
            }
        }
        g.oldest = oldest;
    }

    /** Moves the last entry into slot {@code i}. */
    private static void remove(ValueGroup g, int i) {
        int last = g.size - 1;
        g.values[i] = g.values[last];
        g.seen[i] = g.seen[last];
        g.values[last] = null;
        g.size--;
    }

    @Override
    List<EcsEvent> events(ValueGroup g, long cutoff, EcsEvent trigger) {
        return sampled(g, cutoff, trigger);
    }

    @Override
    void fired(ValueGroup g) {
        g.values = null;
        g.seen = null;
        g.size = 0;
        g.oldest = Long.MAX_VALUE;
        restartWindow(g);
    }
}
