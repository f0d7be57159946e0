package io.gatewatch.detect.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.core.ecs.EcsField;
import java.util.List;
import java.util.Map;

/** Small helpers: one rule from a detection block, events from field values. */
final class TestRules {
    static final Map<String, List<String>> PLACEHOLDERS = Map.of(
            "Administrators", List.of("admin", "root*"),
            "Servers", List.of("srv-01"));

    private TestRules() {}

    /** A rule file with one rule whose detection is {@code detection} (YAML, indented by the caller or not). */
    static String rule(String detection) {
        StringBuilder sb = new StringBuilder("title: test rule\nid: test-1\nlevel: high\ndetection:\n");
        for (String line : detection.stripIndent().split("\n")) {
            sb.append("  ").append(line).append('\n');
        }
        return sb.toString();
    }

    static RuleSet load(String yaml) {
        return RuleSet.load(List.of(RuleFile.of("test.yml", yaml)), PLACEHOLDERS);
    }

    /** The rule loaded without errors. */
    static RuleSet loadOk(String detection) {
        RuleSet set = load(rule(detection));
        assertThat(set.errors()).as("load errors").isEmpty();
        assertThat(set.rules()).hasSize(1);
        return set;
    }

    static boolean matches(String detection, EcsEvent event) {
        return !loadOk(detection).newDetector(() -> 0L).evaluate(event).isEmpty();
    }

    /** The one load error of a rule, as {@code line: reason}. */
    static String error(String detection) {
        RuleSet set = load(rule(detection));
        assertThat(set.errors()).as("load errors").hasSize(1);
        LoadError e = set.errors().getFirst();
        return e.line() + ": " + e.reason();
    }

    /** An event from pairs of ECS path and value; a Long sets a number, a List a list field. */
    static EcsEvent event(Object... pathsAndValues) {
        EcsEvent e = new EcsEvent();
        for (int i = 0; i < pathsAndValues.length; i += 2) {
            String path = (String) pathsAndValues[i];
            Object v = pathsAndValues[i + 1];
            if (path.startsWith("labels.")) {
                e.putLabel(EcsField.LABELS, path.substring(7), (String) v);
                continue;
            }
            EcsField f = EcsField.byPath(path);
            if (f == null) {
                throw new IllegalArgumentException(path);
            }
            switch (v) {
                case Long l -> e.setLong(f, l);
                case Integer n -> e.setLong(f, n);
                case List<?> list -> list.forEach(x -> e.add(f, (String) x));
                default -> e.set(f, (String) v);
            }
        }
        return e;
    }
}
