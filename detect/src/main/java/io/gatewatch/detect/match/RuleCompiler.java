package io.gatewatch.detect.match;

import io.gatewatch.detect.match.Predicate.Cidr;
import io.gatewatch.detect.match.Predicate.Compare;
import io.gatewatch.detect.match.Predicate.Empty;
import io.gatewatch.detect.match.Predicate.Exists;
import io.gatewatch.detect.match.Predicate.FieldRef;
import io.gatewatch.detect.match.Predicate.Matches;
import io.gatewatch.detect.match.Predicate.Regex;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Turns rule conditions into {@link CompiledRules}:
 * <ol>
 *   <li>every distinct predicate becomes one leaf, shared by all rules that use it;
 *   <li>indexed leaves (equality, contains/starts/ends-with, CIDR) go into one
 *       {@link FieldScanner} per field; the others become {@link LeafTest}s run on demand;
 *   <li>each rule gets witness groups: sets of indexed leaves each of which must have a leaf
 *       that holds for the rule to match (for {@code a and b} the groups of both operands, at
 *       most two, the most selective; for {@code a or b} the operands' groups united; none under
 *       {@code not}). The rule is filed under their leaves, and only evaluated on events where
 *       every group has a hit; rules without a witness are evaluated on every event. A glob gets a witness through the longest literal
 *       it must contain, a regex through the literals one of which its matches must contain
 *       ({@link RegexLiterals}); the same literals guard the glob or regex in the rule's
 *       program, so that it only runs on a value that holds one.
 * </ol>
 */
final class RuleCompiler {
    /**
     * Most witness groups a rule is filed under. Two covers the common shape, an event selector
     * and an indicator ({@code selection_event and selection_url}): the rule is a candidate only
     * when both found something, not on every event of that type.
     */
    private static final int MAX_GROUPS = 2;

    /** Shortest literal worth indexing a glob or regex by: shorter ones would hit most events. */
    private static final int MIN_WITNESS_LITERAL = 3;

    private final Map<String, Integer> slotIds = new LinkedHashMap<>();
    private final Map<Predicate, Integer> leafIds = new HashMap<>();
    private final List<LeafTest> tests = new ArrayList<>();
    private final List<Double> selectivity = new ArrayList<>();
    /** Per leaf: the indexed leaves one of which it needs (a glob's or regex's literals), or null. */
    private final List<int[]> derived = new ArrayList<>();
    /** Every indexed test, per real field it is decided on; placed into scanners once the witnesses are known. */
    private final List<Indexed> indexed = new ArrayList<>();

    /** The parts of a field's scanner, each one pass or lookup over the field's values. */
    private enum Part { EXACT, AUTOMATON, CIDR }

    /** An indexed test of {@code leaf} on field slot {@code slot}, and how to add it to a scanner. */
    private record Indexed(int leaf, int slot, Part part, Consumer<FieldScanner.Builder> register) {}

    static CompiledRules compile(List<Expr> rules) {
        return new RuleCompiler().run(rules);
    }

    private CompiledRules run(List<Expr> rules) {
        Program[] programs = new Program[rules.size()];
        List<List<Set<Integer>>> witnesses = new ArrayList<>();
        for (int r = 0; r < rules.size(); r++) {
            Expr e = rules.get(r);
            programs[r] = program(e).program();
            witnesses.add(witnesses(e));
        }
        int leaves = tests.size();
        List<List<Integer>> byLeaf = new ArrayList<>(leaves);
        for (int i = 0; i < leaves; i++) {
            byLeaf.add(new ArrayList<>());
        }
        List<Integer> always = new ArrayList<>();
        List<Integer> groupRule = new ArrayList<>();
        int[] groupsNeeded = new int[rules.size()];
        boolean[] isWitness = new boolean[leaves];
        for (int r = 0; r < rules.size(); r++) {
            List<Set<Integer>> groups = witnesses.get(r);
            if (groups.isEmpty()) {
                always.add(r);
            }
            groupsNeeded[r] = groups.size();
            for (Set<Integer> group : groups) {
                int g = groupRule.size();
                groupRule.add(r);
                for (int leaf : group) {
                    byLeaf.get(leaf).add(g);
                    isWitness[leaf] = true;
                }
            }
        }
        int[][] groupsByLeaf = new int[leaves][];
        for (int i = 0; i < leaves; i++) {
            groupsByLeaf[i] = byLeaf.get(i).stream().mapToInt(Integer::intValue).toArray();
        }
        FieldSlot[] slots = slotIds.keySet().stream().map(FieldSlot::of).toArray(FieldSlot[]::new);
        Scanners s = scanners(isWitness);
        return new CompiledRules(slots, s.eager(), s.deferred(), tests.toArray(LeafTest[]::new), programs,
                groupsByLeaf, groupRule.stream().mapToInt(Integer::intValue).toArray(), groupsNeeded,
                always.stream().mapToInt(Integer::intValue).toArray());
    }

    private record Scanners(FieldScanner[] eager, FieldScanner[] deferred) {}

    /**
     * Places the indexed tests. A part of a field's scanner (its equality lookups, its automaton,
     * its CIDR tries) that holds some rule's witness must run on every event, to find the
     * candidates. A part that holds none (tests only found under {@code not}, or beside a more
     * selective test) goes into a deferred scanner instead, run the first time a candidate rule
     * asks for one of its tests: an event that reaches no such rule never pays for it (the
     * address parse of a {@code not source.ip|cidr} filter, say). Its tests become
     * {@link LeafTest.Deferred}.
     */
    private Scanners scanners(boolean[] isWitness) {
        Set<String> eagerParts = new HashSet<>();
        for (Indexed x : indexed) {
            if (isWitness[x.leaf()]) {
                eagerParts.add(x.slot() + "/" + x.part());
            }
        }
        Map<Integer, FieldScanner.Builder> eager = new LinkedHashMap<>();
        Map<Integer, FieldScanner.Builder> deferred = new LinkedHashMap<>();
        Map<Integer, Integer> deferredIndex = new HashMap<>();
        Map<Integer, Set<Integer>> deferredOfLeaf = new LinkedHashMap<>();
        for (Indexed x : indexed) {
            if (eagerParts.contains(x.slot() + "/" + x.part())) {
                x.register().accept(eager.computeIfAbsent(x.slot(), FieldScanner.Builder::new));
            } else {
                x.register().accept(deferred.computeIfAbsent(x.slot(), FieldScanner.Builder::new));
                int k = deferredIndex.computeIfAbsent(x.slot(), slot -> deferredIndex.size());
                deferredOfLeaf.computeIfAbsent(x.leaf(), leaf -> new LinkedHashSet<>()).add(k);
            }
        }
        deferredOfLeaf.forEach((leaf, ks) ->
                tests.set(leaf, new LeafTest.Deferred(leaf, ks.stream().mapToInt(Integer::intValue).toArray())));
        return new Scanners(eager.values().stream().map(FieldScanner.Builder::build).toArray(FieldScanner[]::new),
                deferred.values().stream().map(FieldScanner.Builder::build).toArray(FieldScanner[]::new));
    }

    private record Compiled(Program program, int cost) {}

    private Compiled program(Expr e) {
        return switch (e) {
            case Expr.Test t -> {
                int leaf = leaf(t.predicate());
                LeafTest test = tests.get(leaf);
                int[] guards = derived.get(leaf);
                Program p = guards == null ? new Program.Leaf(leaf) : new Program.Guarded(guards, leaf);
                yield new Compiled(p, test == null ? 0 : test.cost());
            }
            case Expr.Not n -> {
                Compiled c = program(n.child());
                yield new Compiled(new Program.Not(c.program()), c.cost());
            }
            case Expr.And a -> operands(flatten(a.children(), true), true);
            case Expr.Or o -> operands(flatten(o.children(), false), false);
        };
    }

    private Compiled operands(List<Expr> children, boolean and) {
        List<Compiled> compiled = new ArrayList<>();
        for (Expr c : children) {
            compiled.add(program(c));
        }
        compiled.sort(Comparator.comparingInt(Compiled::cost));
        Program[] operands = compiled.stream().map(Compiled::program).toArray(Program[]::new);
        int cost = compiled.stream().mapToInt(Compiled::cost).sum();
        if (operands.length == 1) {
            return compiled.getFirst();
        }
        return new Compiled(and ? new Program.And(operands) : new Program.Or(operands), cost);
    }

    /** {@code a and (b and c)} is {@code a and b and c}: one node, one loop. */
    private static List<Expr> flatten(List<Expr> children, boolean and) {
        List<Expr> out = new ArrayList<>();
        for (Expr c : children) {
            if (and && c instanceof Expr.And a) {
                out.addAll(flatten(a.children(), true));
            } else if (!and && c instanceof Expr.Or o) {
                out.addAll(flatten(o.children(), false));
            } else {
                out.add(c);
            }
        }
        return out;
    }

    /**
     * Witness groups of {@code e}: sets of indexed leaves such that, whenever {@code e} holds,
     * each set has a leaf that holds (clauses of a conjunctive form). Empty when none is known.
     * For {@code a and b} the groups of both operands, the {@value #MAX_GROUPS} most selective
     * kept; for {@code a or b} the union of the i-th group of each operand (for any choice of one
     * clause per operand, their union is a clause of the whole); none under {@code not}.
     */
    private List<Set<Integer>> witnesses(Expr e) {
        return switch (e) {
            case Expr.Test t -> {
                int leaf = leaf(t.predicate());
                if (tests.get(leaf) == null) {
                    yield List.of(Set.of(leaf));
                }
                int[] d = derived.get(leaf);
                if (d == null) {
                    yield List.of();
                }
                Set<Integer> w = new LinkedHashSet<>();
                for (int x : d) {
                    w.add(x);
                }
                yield List.of(w);
            }
            case Expr.Not n -> List.of();
            case Expr.And a -> {
                List<Set<Integer>> all = new ArrayList<>();
                for (Expr c : a.children()) {
                    for (Set<Integer> g : witnesses(c)) {
                        if (!all.contains(g)) {
                            all.add(g);
                        }
                    }
                }
                yield mostSelective(all);
            }
            case Expr.Or o -> {
                List<List<Set<Integer>>> operands = new ArrayList<>();
                int k = MAX_GROUPS;
                for (Expr c : o.children()) {
                    List<Set<Integer>> g = witnesses(c);
                    if (g.isEmpty()) {
                        yield List.of();
                    }
                    operands.add(g);
                    k = Math.min(k, g.size());
                }
                List<Set<Integer>> out = new ArrayList<>(k);
                for (int i = 0; i < k; i++) {
                    Set<Integer> union = new LinkedHashSet<>();
                    for (List<Set<Integer>> g : operands) {
                        union.addAll(g.get(i));
                    }
                    if (!out.contains(union)) {
                        out.add(union);
                    }
                }
                yield mostSelective(out);
            }
        };
    }

    /** The {@value #MAX_GROUPS} groups least likely to hold, most selective first. */
    private List<Set<Integer>> mostSelective(List<Set<Integer>> groups) {
        List<Set<Integer>> sorted = new ArrayList<>(groups);
        sorted.sort(Comparator.comparingDouble(this::cost));
        return List.copyOf(sorted.subList(0, Math.min(MAX_GROUPS, sorted.size())));
    }

    private double cost(Set<Integer> leaves) {
        double sum = 0;
        for (int leaf : leaves) {
            sum += selectivity.get(leaf);
        }
        return sum;
    }

    private int slot(String field) {
        return slotIds.computeIfAbsent(field, f -> slotIds.size());
    }

    /** The leaf of a predicate, made on first use. */
    private int leaf(Predicate p) {
        Integer known = leafIds.get(p);
        if (known != null) {
            return known;
        }
        int id = tests.size();
        leafIds.put(p, id);
        tests.add(null);
        selectivity.add(Double.MAX_VALUE);
        derived.add(null);
        int slot = slot(p.field());
        switch (p) {
            case Matches m -> matches(id, slot, m);
            case Cidr c -> {
                index(id, p.field(), Part.CIDR, s -> s.cidr(c.network(), id));
                selectivity.set(id, 4.0);
            }
            case Regex r -> {
                tests.set(id, new LeafTest.Regex(slot, r.compile()));
                // A regex can only match a value that contains one of its required literals.
                List<String> literals = RegexLiterals.of(r.regex(), MIN_WITNESS_LITERAL);
                if (!literals.isEmpty()) {
                    int[] d = new int[literals.size()];
                    for (int k = 0; k < d.length; k++) {
                        d[k] = leaf(new Matches(r.field(), "*" + escape(literals.get(k)) + "*", false));
                    }
                    derived.set(id, d);
                }
            }
            case Exists x -> tests.set(id, new LeafTest.AnyValue(slot));
            case Empty x -> tests.set(id, new LeafTest.EmptyValue(slot));
            case Compare c -> tests.set(id, new LeafTest.Compare(slot, c.op(), c.value(), c.part()));
            case FieldRef f -> tests.set(id, new LeafTest.FieldRef(slot, slot(f.other()), f.position(), f.cased()));
        }
        return id;
    }

    private void matches(int id, int slot, Matches m) {
        WildcardPattern w = WildcardPattern.parse(m.pattern(), m.cased());
        String literal = w.literal();
        switch (w.shape()) {
            case EXACT -> {
                index(id, m.field(), Part.EXACT, s -> s.exact(literal, m.cased(), id));
                selectivity.set(id, 1.0);
            }
            case PREFIX, SUFFIX -> {
                byte kind = w.shape() == WildcardPattern.Shape.PREFIX ? FieldScanner.PREFIX : FieldScanner.SUFFIX;
                index(id, m.field(), Part.AUTOMATON, s -> s.pattern(literal, m.cased(), kind, id));
                selectivity.set(id, 2.0 + 8.0 / literal.length());
            }
            case CONTAINS -> {
                index(id, m.field(), Part.AUTOMATON, s -> s.pattern(literal, m.cased(), FieldScanner.CONTAINS, id));
                selectivity.set(id, 3.0 + 16.0 / literal.length());
            }
            case ANY -> tests.set(id, new LeafTest.AnyValue(slot));
            case GLOB -> {
                tests.set(id, new LeafTest.Glob(slot, w));
                String must = w.longestLiteral();
                if (must.length() >= MIN_WITNESS_LITERAL) {
                    // A glob can only match a value that contains its longest literal.
                    int d = leaf(new Matches(m.field(), "*" + escape(must) + "*", false));
                    derived.set(id, new int[] {d});
                }
            }
        }
    }

    /**
     * Records an indexed test of {@code field}, to be decided by the scanner of that field, or for
     * a keyword search by those of {@code message} and {@code event.original}, where a keyword
     * may be found. Scanning each real field once serves the rules on {@code message} and the
     * keyword rules alike, instead of reading the message twice.
     */
    private void index(int leaf, String field, Part part, Consumer<FieldScanner.Builder> register) {
        List<String> fields = field.equals(Predicate.KEYWORDS) ? FieldSlot.KEYWORD_FIELDS : List.of(field);
        for (String f : fields) {
            indexed.add(new Indexed(leaf, slot(f), part, register));
        }
    }

    /** The pattern that matches {@code literal} itself. */
    static String escape(String literal) {
        StringBuilder sb = new StringBuilder(literal.length() + 4);
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (c == '*' || c == '?' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
