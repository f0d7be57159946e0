package io.gatewatch.bench;

import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.detect.Alert;
import io.gatewatch.detect.match.CompiledRules;
import io.gatewatch.detect.match.RuleMatcher;
import io.gatewatch.detect.sigma.Detector;
import io.gatewatch.detect.sigma.RuleSet;
import io.gatewatch.detect.sigma.SigmaRule;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What each rule set of {@link DetectBench} does to one pass over the corpus, as a Markdown table:
 * rules loaded, load time, distinct tests, rules evaluated on every event (no indexed test to file
 * them under), candidate rules the index lets through per event, alerts per event, rules that
 * fired at least once, and whether {@link NaiveDetector} raised exactly the same alerts.
 *
 * <pre>{@code
 * java -cp bench/target/benchmarks.jar io.gatewatch.bench.DetectWorkloadReport [builtin 10 100 1000]
 * }</pre>
 */
public final class DetectWorkloadReport {
    private DetectWorkloadReport() {}

    public static void main(String[] args) {
        List<String> names = args.length > 0 ? List.of(args) : List.of("builtin", "10", "100", "1000");
        DetectWorkload workload = new DetectWorkload();
        System.out.println("| rules | loaded | load + compile | tests | unindexed rules | candidates / event "
                + "| alerts / event | rules that fired | naive agrees |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---|");
        for (String name : names) {
            long t0 = System.nanoTime();
            RuleSet set = DetectWorkload.rules(name);
            long loadMillis = (System.nanoTime() - t0) / 1_000_000;
            if (!set.errors().isEmpty()) {
                throw new IllegalStateException(name + ": " + set.errors());
            }
            CompiledRules compiled = CompiledRules.compile(set.rules().stream().map(SigmaRule::condition).toList());
            RuleMatcher matcher = compiled.newMatcher();
            Detector detector = set.newDetector(() -> 0L);
            NaiveDetector naive = new NaiveDetector(set);
            long alerts = 0;
            int disagreements = 0;
            Set<String> fired = new HashSet<>();
            for (int i = 0; i < workload.size(); i++) {
                EcsEvent e = workload.event(i);
                matcher.match(e);
                List<Alert> ours = detector.evaluate(e);
                alerts += ours.size();
                ours.forEach(a -> fired.add(a.ruleId()));
                if (!ids(ours).equals(ids(naive.evaluate(e)))) {
                    disagreements++;
                }
            }
            int n = workload.size();
            System.out.printf(Locale.ROOT, "| %s | %d + %d correlations | %d ms | %d | %d | %.2f | %.3f | %d | %s |%n",
                    name, set.rules().size(), set.correlations().size(), loadMillis, compiled.leafCount(),
                    compiled.unindexedRules(), matcher.evaluations() / (double) n, alerts / (double) n, fired.size(),
                    disagreements == 0 ? "yes, on all " + n + " events" : "NO: " + disagreements + " events differ");
        }
    }

    static List<String> ids(List<Alert> alerts) {
        return alerts.stream().map(Alert::ruleId).toList();
    }
}
