package io.gatewatch.detect.correlation;

import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.detect.Alert;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs correlation rules over the matches of single-event rules, as they arrive: the detector
 * calls {@link #onMatch} for every single-event match and emits the alerts it returns. How
 * windows, firing, lateness, chaining and expiry behave is in the package documentation.
 *
 * <p>The rule set is fixed at construction. Rules that cannot run together (an id or name used
 * twice, correlations referring to each other in a cycle) are left out and listed by
 * {@link #errors()}; the others run.
 *
 * <p>Thread-safe by a lock: the detection thread calls {@link #onMatch}, another thread may take
 * {@link #snapshot} or call {@link #expire} meanwhile.
 */
public final class CorrelationEngine {
    /** Where a rule id or name is referred to: by a correlation, at a position of its rules. */
    private record Ref(Correlator<?> correlator, int index) {}

    private final List<CorrelationRule> rules;
    private final List<String> errors;
    private final List<Correlator<?>> correlators;
    private final Map<String, Ref[]> refs = new HashMap<>();
    /** Ids and names referred to by some correlation. */
    private final Set<String> referred = new HashSet<>();
    /** Ids and names referred to by some correlation that generates them. */
    private final Set<String> generated = new HashSet<>();
    /** Ids and names of the correlations, to tell chained references from single-event ones. */
    private final Set<String> correlationNames = new HashSet<>();
    /** The latest match time seen: windows expire relative to it. */
    private long watermark = Long.MIN_VALUE;

    public CorrelationEngine(List<CorrelationRule> rules) {
        this(rules, CorrelationLimits.DEFAULTS);
    }

    public CorrelationEngine(List<CorrelationRule> rules, CorrelationLimits limits) {
        List<String> problems = new ArrayList<>();
        this.rules = RuleGraph.runnable(rules, problems);
        this.errors = List.copyOf(problems);
        List<Correlator<?>> built = new ArrayList<>();
        Map<String, List<Ref>> where = new HashMap<>();
        for (CorrelationRule r : this.rules) {
            Correlator<?> c = switch (r.type()) {
                case EVENT_COUNT -> new EventCountCorrelator(r, limits);
                case VALUE_COUNT -> new ValueCountCorrelator(r, limits);
                case TEMPORAL, TEMPORAL_ORDERED -> new TemporalCorrelator(r, limits);
                case VALUE_FIRST_SEEN -> new FirstSeenCorrelator(r, limits);
            };
            built.add(c);
            for (int i = 0; i < r.rules().size(); i++) {
                String ref = r.rules().get(i);
                where.computeIfAbsent(ref, k -> new ArrayList<>()).add(new Ref(c, i));
                referred.add(ref);
                if (r.generate()) {
                    generated.add(ref);
                }
            }
            if (r.id() != null) {
                correlationNames.add(r.id());
            }
            if (r.name() != null) {
                correlationNames.add(r.name());
            }
        }
        where.forEach((k, v) -> refs.put(k, v.toArray(Ref[]::new)));
        for (Correlator<?> c : built) {
            c.suppressed = suppressed(c.rule.id(), c.rule.name());
        }
        this.correlators = List.copyOf(built);
    }

    /** The rules that run (those given, less the ones {@link #errors()} names). */
    public List<CorrelationRule> rules() {
        return rules;
    }

    /** Why rules were left out, one message each, naming the file and the line. */
    public List<String> errors() {
        return errors;
    }

    /**
     * The ids and names referred to that are not correlations: the single-event rules this rule
     * set needs, for the loader to check they exist.
     */
    public Set<String> references() {
        Set<String> out = new LinkedHashSet<>();
        for (CorrelationRule r : rules) {
            for (String ref : r.rules()) {
                if (!correlationNames.contains(ref)) {
                    out.add(ref);
                }
            }
        }
        return out;
    }

    /**
     * Whether the rule with this id or name must raise no alert of its own: some correlation
     * refers to it and none of those that do sets {@code generate: true} (Sigma's default: only
     * the correlation is generated). Alerts of suppressed correlations in a chain are already
     * withheld by {@link #onMatch}.
     */
    public boolean suppressed(String ruleIdOrName) {
        return suppressed(ruleIdOrName, null);
    }

    /** {@link #suppressed(String)} for a rule known by both its id and its name (either may be null). */
    public boolean suppressed(String ruleId, String ruleName) {
        boolean isReferred = (ruleId != null && referred.contains(ruleId))
                || (ruleName != null && referred.contains(ruleName));
        boolean isGenerated = (ruleId != null && generated.contains(ruleId))
                || (ruleName != null && generated.contains(ruleName));
        return isReferred && !isGenerated;
    }

    /**
     * A single-event rule matched: returns the correlation alerts this completes (usually none).
     *
     * @param ruleId the matching rule's id
     * @param ruleName its name (may be null)
     * @param event the matched event
     * @param timestampMillis the event's time (its {@code @timestamp})
     */
    public synchronized List<Alert> onMatch(String ruleId, String ruleName, EcsEvent event, long timestampMillis) {
        if (timestampMillis > watermark) {
            watermark = timestampMillis;
        }
        List<Alert> out = dispatch(ruleId, ruleName, event, timestampMillis, null, 0);
        return out == null ? List.of() : out;
    }

    /**
     * Offers a match to every correlation referring to its rule, then the alerts that fire to
     * the correlations referring to those (chaining; the graph has no cycle, so this ends).
     */
    private List<Alert> dispatch(String ruleId, String ruleName, EcsEvent event, long t, List<Alert> out,
            int depth) {
        if (depth > correlators.size()) {
            throw new IllegalStateException("correlation chain deeper than the number of correlations: a cycle?");
        }
        Ref[] byId = ruleId == null ? null : refs.get(ruleId);
        Ref[] byName = ruleName == null || ruleName.equals(ruleId) ? null : refs.get(ruleName);
        if (byId != null) {
            for (Ref r : byId) {
                out = offer(r, ruleId, ruleName, event, t, out, depth);
            }
        }
        if (byName != null) {
            for (Ref r : byName) {
                if (!refersAlready(byId, r.correlator())) {
                    out = offer(r, ruleId, ruleName, event, t, out, depth);
                }
            }
        }
        return out;
    }

    private List<Alert> offer(Ref r, String ruleId, String ruleName, EcsEvent event, long t, List<Alert> out,
            int depth) {
        Correlator<?> c = r.correlator();
        c.expireHead(c.horizon(watermark));
        Alert alert = c.offer(r.index(), ruleId, ruleName, event, t);
        if (alert == null) {
            return out;
        }
        if (!c.suppressed) {
            if (out == null) {
                out = new ArrayList<>(2);
            }
            out.add(alert);
        }
        // A correlation's alert is a match of that correlation, at the end of its window.
        return dispatch(c.rule.id(), c.rule.name(), event, alert.timestampMillis(), out, depth + 1);
    }

    /** One match counts once per correlation, even one listing its rule by id and by name. */
    private static boolean refersAlready(Ref[] refs, Correlator<?> c) {
        if (refs != null) {
            for (Ref x : refs) {
                if (x.correlator() == c) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Drops the groups whose windows have passed by wall-clock time {@code nowMillis} (newest
     * match more than two timespans before it: one for the window, one of grace for late
     * matches). For a running server, where quiet periods leave no match to move event time on;
     * not for a replay of old logs, whose event time is not now.
     *
     * @return the groups dropped
     */
    public synchronized int expire(long nowMillis) {
        int n = 0;
        for (Correlator<?> c : correlators) {
            n += c.expireAll(c.horizon(nowMillis));
        }
        return n;
    }

    /** The latest match time seen ({@code Long.MIN_VALUE} before any). */
    public synchronized long watermark() {
        return watermark;
    }

    public synchronized CorrelationStats stats() {
        long groups = 0, matches = 0, alerts = 0, late = 0, ungrouped = 0, evicted = 0, expired = 0, forgotten = 0;
        for (Correlator<?> c : correlators) {
            groups += c.size();
            matches += c.matches;
            alerts += c.alerts;
            late += c.late;
            ungrouped += c.ungrouped;
            evicted += c.evicted;
            expired += c.expired;
            forgotten += c.forgotten;
        }
        return new CorrelationStats(groups, matches, alerts, late, ungrouped, evicted, expired, forgotten);
    }

    /**
     * Writes the state (every group's window, samples included) in a versioned binary format
     * with a checksum. The caller makes the write atomic (temporary file, then rename).
     */
    public synchronized void snapshot(OutputStream out) throws IOException {
        StateFormat.write(out, watermark, correlators);
    }

    /**
     * Replaces the state with a snapshot's. State of correlations that no longer exist, or whose
     * grouping or window changed (type, rules, group-by, aliases, timespan, counted field), is
     * dropped; a changed threshold or level keeps it. Nothing changes when the snapshot is
     * unreadable.
     *
     * @throws IOException when the snapshot is not one, is of a later version, or is damaged
     */
    public synchronized RestoreResult restore(InputStream in) throws IOException {
        StateFormat.Restored r = StateFormat.read(in, correlators);
        watermark = r.watermark();
        return r.result();
    }

    /**
     * What a restore brought back.
     *
     * @param restored correlations whose state came back
     * @param dropped correlations of the snapshot whose state was dropped (gone or changed)
     * @param groups groups restored
     */
    public record RestoreResult(int restored, int dropped, long groups) {}
}
