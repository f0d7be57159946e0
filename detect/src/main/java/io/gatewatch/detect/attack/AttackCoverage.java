package io.gatewatch.detect.attack;

import io.gatewatch.detect.correlation.CorrelationRule;
import io.gatewatch.detect.sigma.RuleSet;
import io.gatewatch.detect.sigma.SigmaRule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which ATT&CK techniques a rule set covers, from the {@code attack.*} tags of the rules that
 * raise alerts: single-event rules and correlations, but not the building blocks (rules or
 * correlations) that only feed {@code generate: false} correlations (the outer correlation is the
 * detection; counting its blocks too would score one detection several times).
 *
 * @param rules every alerting rule, tagged or not, sorted by title then id
 * @param techniques covered techniques, sorted by id; a parent technique is listed whenever one
 *     of its sub-techniques is
 */
public record AttackCoverage(List<CoveredRule> rules, List<TechniqueCoverage> techniques) {
    private static final Comparator<CoveredRule> BY_TITLE =
            Comparator.comparing(CoveredRule::title).thenComparing(CoveredRule::id);

    public AttackCoverage {
        rules = List.copyOf(rules);
        techniques = List.copyOf(techniques);
    }

    public static AttackCoverage of(RuleSet set) {
        List<CoveredRule> rules = new ArrayList<>();
        for (int i = 0; i < set.rules().size(); i++) {
            if (set.raisesAlerts(i)) {
                SigmaRule r = set.rules().get(i);
                rules.add(new CoveredRule(r.id(), r.title(), r.level(), false, AttackTags.techniques(r.tags()),
                        AttackTags.tactics(r.tags())));
            }
        }
        for (int i = 0; i < set.correlations().size(); i++) {
            if (!set.correlationRaisesAlerts(i)) {
                continue;
            }
            CorrelationRule c = set.correlations().get(i);
            rules.add(new CoveredRule(c.key(), c.title(), c.level(), true, AttackTags.techniques(c.tags()),
                    AttackTags.tactics(c.tags())));
        }
        rules.sort(BY_TITLE);
        return new AttackCoverage(rules, byTechnique(rules));
    }

    private static List<TechniqueCoverage> byTechnique(List<CoveredRule> rules) {
        Map<String, List<CoveredRule>> covering = new TreeMap<>();
        for (CoveredRule r : rules) {
            // A rule for T1110.001 and T1110 counts once under T1110.
            TreeSet<String> ids = new TreeSet<>();
            for (String t : r.techniques()) {
                ids.add(t);
                ids.add(AttackTags.parent(t));
            }
            ids.forEach(id -> covering.computeIfAbsent(id, k -> new ArrayList<>()).add(r));
        }
        List<TechniqueCoverage> out = new ArrayList<>();
        covering.forEach((id, list) -> {
            list.sort(BY_TITLE);
            TreeSet<String> tactics = new TreeSet<>();
            list.forEach(r -> tactics.addAll(r.tactics()));
            boolean parent = !id.contains(".")
                    && covering.keySet().stream().anyMatch(other -> other.startsWith(id + "."));
            out.add(new TechniqueCoverage(id, list, List.copyOf(tactics), parent));
        });
        return out;
    }

    /** The highest score of any technique; 0 when none is covered. */
    public int maxScore() {
        return techniques.stream().mapToInt(TechniqueCoverage::score).max().orElse(0);
    }
}
