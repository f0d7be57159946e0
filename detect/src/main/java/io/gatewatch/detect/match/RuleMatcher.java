package io.gatewatch.detect.match;

import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.detect.event.EventFields;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Matches events against {@link CompiledRules}, one event at a time, on one thread. Per event:
 * the field scanners decide the indexed leaves and collect the candidate rules filed under the
 * leaves that hold; only those (and the unindexed rules) run their programs, whose other leaves
 * (and deferred scanners) are computed on first use and remembered for the rest of the event.
 *
 * <p>Per-event state is stamped with an event counter instead of being cleared, so starting an
 * event costs nothing whatever the number of rules. Field values are read once per event.
 */
public final class RuleMatcher {
    private static final int[] NONE = new int[0];
    private static final int MAX_EPOCH = 1 << 29;

    private final CompiledRules rules;
    /** Per leaf: {@code epoch << 1 | value} once decided for the current event. */
    private final int[] leafState;
    private final int[] slotStamp;
    private final List<List<String>> slotValues;
    private final int[] ruleStamp;
    private final int[] groupStamp;
    /** Per rule: witness groups with a hit in the current event, valid when {@link #hitStamp} is the epoch. */
    private final int[] hits;
    private final int[] hitStamp;
    private final int[] deferredStamp;
    private final int[] candidates;
    private int candidateCount;
    private final int[] matched;
    private int epoch;
    private long evaluations;
    private EcsEvent event;
    private final byte[] ip = new byte[16];
    private final ScanSink scanSink = new ScanSink();
    private final CidrTrie.Sink cidrSink = this::setTrue;

    RuleMatcher(CompiledRules rules) {
        this.rules = rules;
        leafState = new int[rules.tests.length];
        slotStamp = new int[rules.slots.length];
        slotValues = new ArrayList<>(rules.slots.length);
        for (int i = 0; i < rules.slots.length; i++) {
            slotValues.add(new ArrayList<>(2));
        }
        ruleStamp = new int[rules.programs.length];
        groupStamp = new int[rules.groupRule.length];
        hits = new int[rules.programs.length];
        hitStamp = new int[rules.programs.length];
        deferredStamp = new int[rules.deferred.length];
        candidates = new int[rules.programs.length];
        matched = new int[rules.programs.length];
    }

    /** The indexes of the rules that match {@code event}, ascending; a shared empty array when none. */
    public int[] match(EcsEvent event) {
        this.event = event;
        nextEpoch();
        candidateCount = 0;
        for (FieldScanner scanner : rules.scanners) {
            List<String> values = values(scanner.slot);
            for (int i = 0; i < values.size(); i++) {
                scanner.scan(values.get(i), this);
            }
        }
        for (int r : rules.always) {
            addCandidate(r);
        }
        int found = 0;
        for (int i = 0; i < candidateCount; i++) {
            int r = candidates[i];
            evaluations++;
            if (rules.programs[r].eval(this)) {
                matched[found++] = r;
            }
        }
        this.event = null;
        if (found == 0) {
            return NONE;
        }
        int[] out = Arrays.copyOf(matched, found);
        Arrays.sort(out);
        return out;
    }

    /** How many rule programs this matcher has run: the candidate index at work, for tests and benchmarks. */
    public long evaluations() {
        return evaluations;
    }

    private void nextEpoch() {
        if (++epoch == MAX_EPOCH) {
            Arrays.fill(leafState, 0);
            Arrays.fill(slotStamp, 0);
            Arrays.fill(ruleStamp, 0);
            Arrays.fill(groupStamp, 0);
            Arrays.fill(hitStamp, 0);
            Arrays.fill(deferredStamp, 0);
            epoch = 1;
        }
    }

    /** The values of a field slot in the current event, read on first use. */
    List<String> values(int slot) {
        List<String> v = slotValues.get(slot);
        if (slotStamp[slot] != epoch) {
            slotStamp[slot] = epoch;
            v.clear();
            for (EventFields.Path p : rules.slots[slot].paths()) {
                EventFields.addValues(event, p, v);
            }
        }
        return v;
    }

    /** Runs deferred scanner {@code k} over its field, unless it already ran for this event. */
    void runDeferred(int k) {
        if (deferredStamp[k] == epoch) {
            return;
        }
        deferredStamp[k] = epoch;
        FieldScanner scanner = rules.deferred[k];
        List<String> values = values(scanner.slot);
        for (int i = 0; i < values.size(); i++) {
            scanner.scan(values.get(i), this);
        }
    }

    /** A leaf's value for the current event: decided by a scanner, or tested now. */
    boolean leaf(int id) {
        int s = leafState[id];
        if (s >>> 1 == epoch) {
            return (s & 1) != 0;
        }
        LeafTest test = rules.tests[id];
        if (test == null) {
            return false; // indexed, and no scanner found it
        }
        boolean v = test.test(this);
        leafState[id] = epoch << 1 | (v ? 1 : 0);
        return v;
    }

    boolean isTrue(int id) {
        return leafState[id] == (epoch << 1 | 1);
    }

    void setTrue(int id) {
        if (leafState[id] == (epoch << 1 | 1)) {
            return;
        }
        leafState[id] = epoch << 1 | 1;
        for (int g : rules.groupsByLeaf[id]) {
            if (groupStamp[g] != epoch) {
                groupStamp[g] = epoch;
                hit(rules.groupRule[g]);
            }
        }
    }

    /** A witness group of rule {@code r} has its first hit in this event: a candidate once all have. */
    private void hit(int r) {
        int n = hitStamp[r] == epoch ? hits[r] + 1 : 1;
        hitStamp[r] = epoch;
        hits[r] = n;
        if (n == rules.groupsNeeded[r]) {
            addCandidate(r);
        }
    }

    void setTrue(int[] ids) {
        for (int id : ids) {
            setTrue(id);
        }
    }

    private void addCandidate(int r) {
        if (ruleStamp[r] != epoch) {
            ruleStamp[r] = epoch;
            candidates[candidateCount++] = r;
        }
    }

    byte[] ipBuffer() {
        return ip;
    }

    CidrTrie.Sink cidrSink() {
        return cidrSink;
    }

    AhoCorasick.Sink automatonSink(FieldScanner scanner, String value) {
        scanSink.scanner = scanner;
        scanSink.value = value;
        return scanSink;
    }

    /** Forwards automaton hits to the scanner being run, with this matcher's state. */
    private final class ScanSink implements AhoCorasick.Sink {
        FieldScanner scanner;
        String value;

        @Override
        public void match(int pattern, int end) {
            scanner.onPattern(pattern, end, value, RuleMatcher.this);
        }
    }
}
