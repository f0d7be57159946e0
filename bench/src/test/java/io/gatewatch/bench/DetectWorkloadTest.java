package io.gatewatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.detect.Alert;
import io.gatewatch.detect.sigma.Detector;
import io.gatewatch.detect.sigma.RuleFile;
import io.gatewatch.detect.sigma.RuleSet;
import io.gatewatch.detect.sigma.SigmaRule;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * What {@link DetectBench} relies on: the generated rules are valid for our loader (so the
 * benchmark compiles real rules), deterministic, in the intended shapes, and like real rule sets
 * mostly silent; and the baseline is correct: {@link NaiveDetector} raises exactly the engine's
 * alerts, event by event, on the benchmark's corpus.
 */
class DetectWorkloadTest {
    private static final int RULES = 1000;

    @Test
    void generatedRules_allLoad_withoutAnError() {
        RuleSet set = RuleSet.load(SigmaRuleGenerator.generate(RULES, SigmaRuleGenerator.SEED));
        assertThat(set.errors()).isEmpty();
        assertThat(set.rules()).hasSize(RULES);
        assertThat(set.rules().stream().map(SigmaRule::id).distinct()).hasSize(RULES);
    }

    @Test
    void generatedRules_areDeterministic_andSmallerSetsArePrefixes() {
        List<RuleFile> all = SigmaRuleGenerator.generate(RULES, SigmaRuleGenerator.SEED);
        assertThat(SigmaRuleGenerator.generate(RULES, SigmaRuleGenerator.SEED)).isEqualTo(all);
        assertThat(SigmaRuleGenerator.generate(100, SigmaRuleGenerator.SEED)).isEqualTo(all.subList(0, 100));
        assertThat(SigmaRuleGenerator.generate(RULES, SigmaRuleGenerator.SEED + 1)).isNotEqualTo(all);
    }

    @Test
    void generatedRules_useTheShapesOfSigmaHqRules() {
        List<RuleFile> files = SigmaRuleGenerator.generate(RULES, SigmaRuleGenerator.SEED);
        Map<String, Integer> shapes = new TreeMap<>();
        files.forEach(f -> shapes.merge(f.name().replaceAll("^generated/\\d+-|\\.yml$", ""), 1, Integer::sum));
        assertThat(shapes).containsOnlyKeys("code", "web-url", "url", "user-agent", "message", "user", "network",
                "regex", "one-of");
        shapes.values().forEach(n -> assertThat(n).isGreaterThan(RULES * 4 / 100));
        String all = String.join("\n", files.stream().map(RuleFile::text).toList());
        for (String feature : List.of("event.code:", "event.action:", "user.name:", "url.original|contains:",
                "url.original|startswith:", "url.original|endswith:", "user_agent.original|contains:", "message|contains",
                "|all:", "keywords:", "source.ip|cidr:", "|re:", "|re|i:", "condition: 1 of selection_*",
                "condition: all of selection_*", "and not filter", "\n      - ")) {
            assertThat(all).as(feature).contains(feature);
        }
    }

    @Test
    void naiveBaseline_raisesTheEnginesAlerts_onTheWholeCorpus() {
        DetectWorkload workload = new DetectWorkload();
        for (String name : List.of("builtin", "100", "1000")) {
            RuleSet set = DetectWorkload.rules(name);
            Detector engine = set.newDetector(() -> 0L);
            NaiveDetector naive = new NaiveDetector(set);
            long alerts = 0;
            Set<String> fired = new HashSet<>();
            for (int i = 0; i < workload.size(); i++) {
                EcsEvent e = workload.event(i);
                List<Alert> expected = engine.evaluate(e);
                assertThat(DetectWorkloadReport.ids(naive.evaluate(e))).as("%s, event %d: %s", name, i, e)
                        .isEqualTo(DetectWorkloadReport.ids(expected));
                alerts += expected.size();
                expected.forEach(a -> fired.add(a.ruleId()));
            }
            assertThat(alerts).as(name + ": some rules fire").isPositive();
            if (name.equals("1000")) {
                // As in reality, most rules never match most events.
                assertThat(fired.size()).isLessThan(RULES / 5);
                assertThat(alerts / (double) workload.size()).isLessThan(3.0);
            }
        }
    }
}
