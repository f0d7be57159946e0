package io.gatewatch.detect.attack;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One technique (or sub-technique) and the rules that cover it: those tagged with it, and for a
 * parent technique also those tagged with one of its sub-techniques.
 *
 * @param techniqueId {@code T1110} or {@code T1110.001}
 * @param rules the covering rules, sorted by title
 * @param tactics the tactics those rules are tagged with, sorted
 * @param hasSubtechniques whether some covered sub-technique sits under it
 */
public record TechniqueCoverage(String techniqueId, List<CoveredRule> rules, List<String> tactics,
        boolean hasSubtechniques) {
    /** What the Navigator accepts as a technique id. */
    public static final Pattern ID = Pattern.compile("T\\d{4}(\\.\\d{3})?");

    public TechniqueCoverage {
        if (!ID.matcher(techniqueId).matches()) {
            throw new IllegalArgumentException("not an ATT&CK technique id: " + techniqueId);
        }
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("a covered technique has at least one rule: " + techniqueId);
        }
        rules = List.copyOf(rules);
        tactics = List.copyOf(tactics);
    }

    /** How many rules cover it: the layer's score. */
    public int score() {
        return rules.size();
    }
}
