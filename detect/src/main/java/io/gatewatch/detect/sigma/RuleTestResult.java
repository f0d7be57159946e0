package io.gatewatch.detect.sigma;

import java.util.List;

/**
 * What running one rule file's examples gave.
 *
 * @param file the rule file
 * @param ruleIds the rules the examples test
 * @param title the first of those rules' title (empty when none loaded)
 * @param status the outcome
 * @param positive positive examples passed / run
 * @param negative negative examples passed / run
 * @param failures one line per failed example or load error, for people
 */
public record RuleTestResult(String file, List<String> ruleIds, String title, Status status, Count positive,
        Count negative, List<String> failures) {
    public RuleTestResult {
        ruleIds = List.copyOf(ruleIds);
        failures = List.copyOf(failures);
    }

    public enum Status {
        /** Every example behaved. */
        PASS,
        /** An example did not. */
        FAIL,
        /** The rule file has no examples file. */
        UNTESTED,
        /** The rule or its examples did not load. */
        ERROR
    }

    public record Count(int passed, int total) {}
}
