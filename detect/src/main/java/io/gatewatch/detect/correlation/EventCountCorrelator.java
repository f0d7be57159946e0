package io.gatewatch.detect.correlation;

import io.gatewatch.core.ecs.EcsEvent;
import java.util.List;

/**
 * {@code event_count}: the number of matches in the group's window. A group holds the timestamps
 * of its window, at most as many as the lowest count that fires: a count only grows one match
 * at a time and the condition is checked at each, so it fires (and the window restarts) on
 * reaching that count and never needs to go past it. Holding more happens only when a restore
 * meets a lowered threshold, and then the oldest go.
 */
final class EventCountCorrelator extends Correlator<EventCountCorrelator.CountGroup> {
    static final class CountGroup extends Correlator.Group {
        final SortedLongs times = new SortedLongs();
    }

    private final int cap;
    private final long lowestFiring;

    EventCountCorrelator(CorrelationRule rule, CorrelationLimits limits) {
        super(rule, limits);
        this.lowestFiring = rule.condition().lowestFiring();
        this.cap = (int) lowestFiring;
    }

    int cap() {
        return cap;
    }

    @Override
    CountGroup newGroup() {
        return new CountGroup();
    }

    @Override
    boolean add(CountGroup g, int ruleIndex, String value, EcsEvent event, long t, long cutoff) {
        g.times.dropUpTo(cutoff);
        g.times.add(t, cap);
        int count = g.times.size();
        sample(g, count, lowestFiring, event, t);
        return rule.condition().test(count);
    }

    @Override
    List<EcsEvent> events(CountGroup g, long cutoff, EcsEvent trigger) {
        return sampled(g, cutoff, trigger);
    }

    @Override
    void fired(CountGroup g) {
        g.times.clear();
        restartWindow(g);
    }
}
