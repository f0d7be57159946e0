package io.gatewatch.detect.correlation;

import io.gatewatch.core.ecs.EcsEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code temporal} and {@code temporal_ordered}: which of the referred rules matched in the
 * group's window, and for the ordered type whether they matched in the listed order.
 *
 * <p>Unordered needs only the last match time per rule. Ordered keeps the last
 * {@code maxOrderedHits} times per rule and looks for times t1 ≤ t2 ≤ ... ≤ tn, all in the
 * window, rule i matching at ti: taking for the last rule its latest time, then for each earlier
 * rule its latest time not after the next one's, finds such a chain whenever one exists (a later
 * pick never rules out a chain that an earlier pick allows). Equal times count as in order.
 */
final class TemporalCorrelator extends Correlator<TemporalCorrelator.TemporalGroup> {
    static final class TemporalGroup extends Correlator.Group {
        /** Per referred rule, its match times in the window; null until it matches. */
        final SortedLongs[] hits;
        /** Per referred rule, its last matched event and that event's time (samples). */
        EcsEvent[] lastEvents;
        long[] lastTimes;

        TemporalGroup(int rules) {
            hits = new SortedLongs[rules];
        }
    }

    private final boolean ordered;
    private final int keep;

    TemporalCorrelator(CorrelationRule rule, CorrelationLimits limits) {
        super(rule, limits);
        this.ordered = rule.type() == CorrelationRule.Type.TEMPORAL_ORDERED;
        this.keep = ordered ? limits.maxOrderedHits() : 1;
    }

    int keep() {
        return keep;
    }

    @Override
    TemporalGroup newGroup() {
        return new TemporalGroup(rule.rules().size());
    }

    @Override
    boolean add(TemporalGroup g, int ruleIndex, String value, EcsEvent event, long t, long cutoff) {
        SortedLongs h = g.hits[ruleIndex];
        if (h == null) {
            h = g.hits[ruleIndex] = new SortedLongs();
        }
        h.add(t, keep);
        // The last match to arrive per rule (not the latest in time), so the trigger is shown.
        if (limits.sampleEvents() > 0) {
            if (g.lastTimes == null) {
                g.lastTimes = new long[g.hits.length];
                g.lastEvents = new EcsEvent[g.hits.length];
                Arrays.fill(g.lastTimes, Long.MIN_VALUE);
            }
            g.lastTimes[ruleIndex] = t;
            g.lastEvents[ruleIndex] = event;
        }
        int matched = 0;
        for (SortedLongs s : g.hits) {
            if (s != null) {
                s.dropUpTo(cutoff);
                if (s.size() > 0) {
                    matched++;
                }
            }
        }
        if (!rule.condition().test(matched)) {
            return false;
        }
        return !ordered || inOrder(g, cutoff);
    }

    private static boolean inOrder(TemporalGroup g, long cutoff) {
        long next = Long.MAX_VALUE;
        for (int i = g.hits.length - 1; i >= 0; i--) {
            SortedLongs s = g.hits[i];
            long t = s == null ? Long.MIN_VALUE : s.latestAtOrBefore(next);
            if (t <= cutoff) {
                return false;
            }
            next = t;
        }
        return true;
    }

    @Override
    List<EcsEvent> events(TemporalGroup g, long cutoff, EcsEvent trigger) {
        if (g.lastTimes == null) {
            return List.of(trigger);
        }
        List<long[]> picks = new ArrayList<>();
        for (int i = 0; i < g.lastTimes.length; i++) {
            if (g.lastTimes[i] > cutoff) {
                picks.add(new long[] {g.lastTimes[i], i});
            }
        }
        picks.sort((x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]));
        List<EcsEvent> out = new ArrayList<>();
        for (long[] p : picks.subList(Math.max(0, picks.size() - limits.sampleEvents()), picks.size())) {
            EcsEvent e = g.lastEvents[(int) p[1]];
            if (!out.contains(e)) {
                out.add(e);
            }
        }
        return out;
    }

    @Override
    void fired(TemporalGroup g) {
        Arrays.fill(g.hits, null);
        g.lastEvents = null;
        g.lastTimes = null;
        restartWindow(g);
    }
}
