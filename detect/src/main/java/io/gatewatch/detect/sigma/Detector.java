package io.gatewatch.detect.sigma;

import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.core.ecs.EcsField;
import io.gatewatch.detect.Alert;
import io.gatewatch.detect.correlation.CorrelationEngine;
import io.gatewatch.detect.match.RuleMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Evaluates events against a {@link RuleSet}: the single-event rules through the compiled
 * matcher, then each match that correlations refer to through the correlation engine. Returns the
 * alerts of both. A rule used by correlations with {@code generate: false} (the default) raises
 * no alert of its own.
 *
 * <p>Events come from attackers: evaluation does not throw on odd events. Not thread-safe (it
 * holds per-event buffers and correlation state): one per thread.
 */
public final class Detector {
    private final RuleSet rules;
    private final RuleMatcher matcher;
    private final CorrelationEngine correlations;
    private final LongSupplier clock;
    /** Report matches of rules that only feed correlations too (rule examples). */
    private final boolean allMatches;
    private long events;
    private long failures;

    Detector(RuleSet rules, LongSupplier clock, boolean allMatches) {
        this.rules = rules;
        this.matcher = rules.compiled().newMatcher();
        this.correlations = rules.correlations().isEmpty() ? null : new CorrelationEngine(rules.correlations());
        this.clock = clock;
        this.allMatches = allMatches;
    }

    /** The alerts this event raises, in rule order, then those of the correlations it completes. */
    public List<Alert> evaluate(EcsEvent event) {
        events++;
        try {
            int[] matched = matcher.match(event);
            return matched.length == 0 ? List.of() : alerts(event, matched);
        } catch (RuntimeException | StackOverflowError e) {
            // A bug must not stop detection for the events that follow: counted, shown in summaries.
            failures++;
            return List.of();
        }
    }

    private List<Alert> alerts(EcsEvent event, int[] matched) {
        long time = event.has(EcsField.TIMESTAMP) ? event.getLong(EcsField.TIMESTAMP, 0) : clock.getAsLong();
        List<Alert> alerts = new ArrayList<>(matched.length);
        List<Alert> correlated = null;
        for (int r : matched) {
            SigmaRule rule = rules.rules().get(r);
            if (allMatches || rules.alerting(r)) {
                alerts.add(new Alert(rule.id(), rule.title(), rule.level(), rule.tags(), time, List.of(event), Map.of(),
                        null));
            }
            if (correlations != null && rules.correlated(r)) {
                List<Alert> more = correlations.onMatch(rule.id(), rule.name(), event, time);
                if (!more.isEmpty()) {
                    if (correlated == null) {
                        correlated = new ArrayList<>();
                    }
                    correlated.addAll(more);
                }
            }
        }
        if (correlated != null) {
            alerts.addAll(correlated);
        }
        return alerts;
    }

    /**
     * Writes the correlation state (windows of every group) for a restart; nothing when the rule
     * set has no correlations.
     */
    public void snapshotCorrelations(java.io.OutputStream out) throws java.io.IOException {
        if (correlations != null) {
            correlations.snapshot(out);
        }
    }

    /** Restores what {@link #snapshotCorrelations} wrote; state of rules no longer loaded is dropped. */
    public void restoreCorrelations(java.io.InputStream in) throws java.io.IOException {
        if (correlations != null) {
            correlations.restore(in);
        }
    }

    /** Events evaluated so far. */
    public long events() {
        return events;
    }

    /** Events whose evaluation failed on an internal error (none expected; reported, not thrown). */
    public long failures() {
        return failures;
    }
}
