package io.gatewatch.bench;

import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.detect.correlation.CorrelationRule;
import io.gatewatch.detect.event.EventFields;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The baseline: correlation as one would first write it. A {@code HashMap} from the joined
 * group-by values to an {@code ArrayDeque} of (time, value) entry objects (the value only for
 * value_count, whose distinct values are recounted with a {@code HashSet} on every match, as
 * some open-source engines do); old entries popped from the front; no cap on groups
 * and no expiry of quiet ones. Same rule semantics as the engine for in-order matches.
 */
final class NaiveCorrelation {
    private record Entry(long time, String value) {}

    private final CorrelationRule rule;
    private final Map<String, ArrayDeque<Entry>> windows = new HashMap<>();

    NaiveCorrelation(CorrelationRule rule) {
        this.rule = rule;
    }

    int groups() {
        return windows.size();
    }

    /** Returns 1 when the correlation fires for the match's group. */
    int onMatch(EcsEvent e, long t) {
        StringBuilder key = new StringBuilder();
        for (String field : rule.groupBy()) {
            String v = EventFields.first(e, field);
            if (v == null) {
                return 0;
            }
            key.append(v).append('|');
        }
        String value = null;
        if (rule.condition().field() != null) {
            value = EventFields.first(e, rule.condition().field());
            if (value == null) {
                return 0;
            }
        }
        ArrayDeque<Entry> w = windows.computeIfAbsent(key.toString(), k -> new ArrayDeque<>());
        while (!w.isEmpty() && w.peekFirst().time() <= t - rule.timespanMillis()) {
            w.pollFirst();
        }
        w.addLast(new Entry(t, value));
        long count;
        if (value == null) {
            count = w.size();
        } else {
            Set<String> distinct = new HashSet<>();
            for (Entry x : w) {
                distinct.add(x.value());
            }
            count = distinct.size();
        }
        if (rule.condition().test(count)) {
            w.clear();
            return 1;
        }
        return 0;
    }
}
