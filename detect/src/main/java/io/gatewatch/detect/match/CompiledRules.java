package io.gatewatch.detect.match;

import java.util.List;

/**
 * Rule conditions compiled for matching many events: matchers grouped by field, a candidate
 * index, and one small program per rule (see {@link RuleCompiler} for how). Immutable and
 * shareable between threads; each thread matches through its own {@link #newMatcher()}.
 */
public final class CompiledRules {
    final FieldSlot[] slots;
    final FieldScanner[] scanners;
    /** Per leaf: its on-demand test, or null for an indexed leaf (decided by a scanner). */
    final LeafTest[] tests;
    final Program[] programs;
    /** Per leaf: the rules it is a witness of. */
    final int[][] rulesByLeaf;
    /** Rules with no witness, evaluated on every event. */
    final int[] always;

    CompiledRules(FieldSlot[] slots, FieldScanner[] scanners, LeafTest[] tests, Program[] programs,
            int[][] rulesByLeaf, int[] always) {
        this.slots = slots;
        this.scanners = scanners;
        this.tests = tests;
        this.programs = programs;
        this.rulesByLeaf = rulesByLeaf;
        this.always = always;
    }

    /** Compiles conditions; rule {@code i} of the result is {@code rules.get(i)}. */
    public static CompiledRules compile(List<Expr> rules) {
        return RuleCompiler.compile(rules);
    }

    /** Number of rules. */
    public int size() {
        return programs.length;
    }

    /** Number of distinct predicates over all rules. */
    public int leafCount() {
        return tests.length;
    }

    /** Number of rules evaluated on every event, because no indexed test is required by them. */
    public int unindexedRules() {
        return always.length;
    }

    /** A matcher for one thread. */
    public RuleMatcher newMatcher() {
        return new RuleMatcher(this);
    }
}
