package io.gatewatch.detect.correlation;

import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.detect.Alert;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state of one correlation rule: its groups, each with its window, in least recently updated
 * order. This class owns what every type shares (grouping, lateness, firing, eviction, expiry); a
 * subclass per type owns what a window holds, when it holds and what is left after it fired.
 * The rules of the game are in the package documentation.
 */
abstract class Correlator<G extends Correlator.Group> {
    /** What every group has; subclasses add their window. */
    abstract static class Group {
        /** The latest match time accepted: the window is {@code (newest - timespan, newest]}. */
        long newest = Long.MIN_VALUE;
        /** The end of the window that last fired: matches at or before it are not counted again. */
        long floor = Long.MIN_VALUE;
        /** The last events, held only once the group is close to firing. */
        Samples samples;
    }

    final CorrelationRule rule;
    final long span;
    final CorrelationLimits limits;
    final GroupKeys keys;
    /** The alert's level; Sigma makes it optional and inner correlations of a chain have none. */
    private final String level;
    /** Set by the engine: the correlation is referred to only by correlations that do not generate. */
    boolean suppressed;

    private final LinkedHashMap<String, G> groups;
    /**
     * The newest match of the head group when it was last found live. Until the horizon passes
     * it the head is not looked at again (no iterator per match); a group that became the head
     * meanwhile may so expire a little late, never early, which only keeps it longer.
     */
    private long headNewest = Long.MIN_VALUE;
    long matches;
    long alerts;
    long late;
    long ungrouped;
    long evicted;
    long expired;
    /** Values dropped from full groups (value_first_seen). */
    long forgotten;

    Correlator(CorrelationRule rule, CorrelationLimits limits) {
        this(rule, limits, limits.maxGroupsPerRule());
    }

    /** @param cap groups kept at most (a type whose groups hold more state may keep fewer) */
    Correlator(CorrelationRule rule, CorrelationLimits limits, int cap) {
        this.rule = rule;
        this.span = rule.timespanMillis();
        this.limits = limits;
        this.keys = new GroupKeys(rule, limits.maxValueChars());
        this.level = rule.level() != null ? rule.level() : "medium";
        // Access order: a group moves to the end when it is touched, so the head is the least
        // recently updated group, the first to evict and (time flowing forward) the first to expire.
        this.groups = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, G> eldest) {
                if (size() > cap) {
                    evicted++;
                    return true;
                }
                return false;
            }
        };
    }

    abstract G newGroup();

    /**
     * Adds an accepted match at {@code t} to the window {@code (cutoff, g.newest]}, after dropping
     * what the window left behind, and says whether the correlation now holds for the group.
     */
    abstract boolean add(G g, int ruleIndex, String value, EcsEvent event, long t, long cutoff);

    /** The events the alert shows, oldest first; always includes {@code trigger}. */
    abstract List<EcsEvent> events(G g, long cutoff, EcsEvent trigger);

    /**
     * What a group keeps once it fired. The window types empty the window (see
     * {@link #restartWindow}); value_first_seen keeps what it learned.
     */
    abstract void fired(G g);

    /** The time an alert carries: the end of the group's window. */
    long alertTime(G g, long t) {
        return g.newest;
    }

    /** Fired: the next alert for this group needs a new window of matches after this one. */
    final void restartWindow(G g) {
        g.samples = null;
        g.floor = g.newest;
    }

    /**
     * Offers a match of the referred rule at {@code ruleIndex}; returns the alert when it makes
     * the correlation hold for its group, else null.
     */
    final Alert offer(int ruleIndex, String ruleId, String ruleName, EcsEvent event, long t) {
        matches++;
        String key = keys.key(ruleIndex, ruleId, ruleName, event);
        String value = key == null ? null : keys.counted(ruleIndex, ruleId, ruleName, event);
        if (value == null) {
            ungrouped++;
            return null;
        }
        G g = groups.get(key);
        if (g == null) {
            g = newGroup();
            groups.put(key, g);
        } else if (t <= g.floor || t <= minus(g.newest, span)) {
            late++;
            return null;
        }
        if (t > g.newest) {
            g.newest = t;
        }
        long cutoff = Math.max(g.floor, minus(g.newest, span));
        if (!add(g, ruleIndex, value, event, t, cutoff)) {
            return null;
        }
        alerts++;
        Alert alert = new Alert(rule.key(), rule.title(), level, rule.tags(), alertTime(g, t),
                events(g, cutoff, event), keys.group(key), rule.type().sigmaName());
        fired(g);
        return alert;
    }

    /**
     * Keeps the event as a sample once the group is within {@code sampleEvents} of firing: the
     * alert shows the last events before it fired, and a group far from its threshold (most of
     * them) holds no event at all.
     */
    final void sample(G g, long count, long lowestFiring, EcsEvent event, long t) {
        int n = limits.sampleEvents();
        if (n > 0 && count > lowestFiring - n) {
            if (g.samples == null) {
                g.samples = new Samples(n);
            }
            g.samples.add(t, event);
        }
    }

    /** Sample events after {@code cutoff}, the trigger included. */
    final List<EcsEvent> sampled(G g, long cutoff, EcsEvent trigger) {
        if (g.samples == null) {
            return List.of(trigger);
        }
        return g.samples.after(cutoff);
    }

    /**
     * Drops groups from the least recently updated end while their newest match is at or before
     * {@code horizon}; stops at the first live one (cheap enough for every match).
     */
    final int expireHead(long horizon) {
        if (horizon < headNewest || groups.isEmpty()) {
            return 0;
        }
        int n = 0;
        headNewest = Long.MIN_VALUE;
        for (Iterator<G> it = groups.values().iterator(); it.hasNext(); ) {
            G g = it.next();
            if (g.newest > horizon) {
                headNewest = g.newest;
                break;
            }
            it.remove();
            n++;
        }
        expired += n;
        return n;
    }

    /** Drops every group whose newest match is at or before {@code horizon}. */
    final int expireAll(long horizon) {
        headNewest = Long.MIN_VALUE;
        int n = 0;
        for (Iterator<G> it = groups.values().iterator(); it.hasNext(); ) {
            if (it.next().newest <= horizon) {
                it.remove();
                n++;
            }
        }
        expired += n;
        return n;
    }

    /** Expiry horizon for a time {@code now}: a timespan of grace after the window, for late matches. */
    final long horizon(long now) {
        return minus(minus(now, span), span);
    }

    int size() {
        return groups.size();
    }

    /** Groups in least recently updated order, for the snapshot. */
    Iterable<Map.Entry<String, G>> entries() {
        return groups.entrySet();
    }

    void clearAll() {
        groups.clear();
        headNewest = Long.MIN_VALUE;
    }

    /** Puts a restored group at the recently updated end (evicting past the cap, as always). */
    void restore(String key, G g) {
        groups.put(key, g);
    }

    /** {@code a - b} without wrapping below Long.MIN_VALUE (timestamps come from events). */
    static long minus(long a, long b) {
        long r = a - b;
        return r > a ? Long.MIN_VALUE : r;
    }
}
