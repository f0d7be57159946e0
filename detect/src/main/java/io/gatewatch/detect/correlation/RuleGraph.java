package io.gatewatch.detect.correlation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which correlations of a set can run together: each id and name names one correlation, and
 * chains (a correlation referring to another by id or name) have no cycle, since a cycle would
 * feed alerts back forever. Left out: a correlation reusing an id or name, every correlation on a
 * cycle, and every correlation that refers to one left out.
 */
final class RuleGraph {
    private RuleGraph() {}

    static List<CorrelationRule> runnable(List<CorrelationRule> rules, List<String> problems) {
        Map<String, CorrelationRule> byRef = new HashMap<>();
        List<CorrelationRule> kept = new ArrayList<>();
        for (CorrelationRule r : rules) {
            String clash = null;
            for (String ref : refsOf(r)) {
                if (byRef.containsKey(ref)) {
                    clash = ref;
                }
            }
            if (clash != null) {
                CorrelationRule other = byRef.get(clash);
                problems.add(where(r) + "'" + clash + "' is already the id or name of correlation '" + other.title()
                        + "' (" + other.file() + ":" + other.line() + ")");
                continue;
            }
            for (String ref : refsOf(r)) {
                byRef.put(ref, r);
            }
            kept.add(r);
        }

        Set<CorrelationRule> ok = new LinkedHashSet<>();
        Map<CorrelationRule, String> cycles = new HashMap<>();
        Map<CorrelationRule, Integer> state = new HashMap<>(); // 1 visiting, 2 done
        for (CorrelationRule r : kept) {
            visit(r, byRef, state, new ArrayList<>(), ok, cycles);
        }
        List<CorrelationRule> result = new ArrayList<>();
        for (CorrelationRule r : kept) {
            if (ok.contains(r)) {
                result.add(r);
            } else if (cycles.containsKey(r)) {
                problems.add(where(r) + "correlations refer to each other in a cycle: " + cycles.get(r));
            } else {
                String missing = r.rules().stream()
                        .filter(ref -> byRef.containsKey(ref) && !ok.contains(byRef.get(ref)))
                        .findFirst().orElse("?");
                problems.add(where(r) + "it refers to correlation '" + missing + "', which was left out");
            }
        }
        return result;
    }

    /** Depth-first; adds {@code r} to {@code ok} when it and everything it refers to can run. */
    private static boolean visit(CorrelationRule r, Map<String, CorrelationRule> byRef,
            Map<CorrelationRule, Integer> state, List<CorrelationRule> path, Set<CorrelationRule> ok,
            Map<CorrelationRule, String> cycles) {
        Integer s = state.get(r);
        if (s != null && s == 2) {
            return ok.contains(r);
        }
        if (s != null) {
            List<CorrelationRule> cycle = path.subList(path.indexOf(r), path.size());
            StringBuilder text = new StringBuilder();
            for (CorrelationRule p : cycle) {
                text.append(p.key()).append(" -> ");
            }
            text.append(r.key());
            for (CorrelationRule p : cycle) {
                cycles.putIfAbsent(p, text.toString());
            }
            return false;
        }
        state.put(r, 1);
        path.add(r);
        boolean good = true;
        for (String ref : r.rules()) {
            CorrelationRule target = byRef.get(ref);
            if (target != null && !visit(target, byRef, state, path, ok, cycles)) {
                good = false;
            }
        }
        path.removeLast();
        state.put(r, 2);
        if (good) {
            ok.add(r);
        }
        return good;
    }

    private static List<String> refsOf(CorrelationRule r) {
        List<String> refs = new ArrayList<>(2);
        if (r.id() != null) {
            refs.add(r.id());
        }
        if (r.name() != null && !r.name().equals(r.id())) {
            refs.add(r.name());
        }
        return refs;
    }

    private static String where(CorrelationRule r) {
        return r.file() + ":" + r.line() + ": correlation '" + r.title() + "' left out: ";
    }
}
