package io.gatewatch.detect.match;

import java.util.List;

/**
 * Rule conditions compiled for matching many events: matchers grouped by field, a candidate
 * index, and one small program per rule (see {@link RuleCompiler} for how). Immutable and
 * shareable between threads; each thread matches through its own {@link #newMatcher()}.
 */
public final class CompiledRules {
    final FieldSlot[] slots;
    /** Scanners run on every event: they decide the witnesses, hence the candidates. */
    final FieldScanner[] scanners;
    /** Scanners run on demand, the first time in an event a candidate rule needs one of their tests. */
    final FieldScanner[] deferred;
    /** Per leaf: its on-demand test, or null for an indexed leaf (decided by a scanner). */
    final LeafTest[] tests;
    final Program[] programs;
    /** Per leaf: the witness groups it belongs to. */
    final int[][] groupsByLeaf;
    /** Per witness group: its rule. */
    final int[] groupRule;
    /** Per rule: how many witness groups must have a hit before it is evaluated. */
    final int[] groupsNeeded;
    /** Rules with no witness, evaluated on every event. */
    final int[] always;

    CompiledRules(FieldSlot[] slots, FieldScanner[] scanners, FieldScanner[] deferred, LeafTest[] tests,
            Program[] programs, int[][] groupsByLeaf, int[] groupRule, int[] groupsNeeded, int[] always) {
        this.slots = slots;
        this.scanners = scanners;
        this.deferred = deferred;
        this.tests = tests;
        this.programs = programs;
        this.groupsByLeaf = groupsByLeaf;
        this.groupRule = groupRule;
        this.groupsNeeded = groupsNeeded;
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
