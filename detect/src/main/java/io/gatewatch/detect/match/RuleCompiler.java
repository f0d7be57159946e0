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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns rule conditions into {@link CompiledRules}:
 * <ol>
 *   <li>every distinct predicate becomes one leaf, shared by all rules that use it;
 *   <li>indexed leaves (equality, contains/starts/ends-with, CIDR) go into one
 *       {@link FieldScanner} per field; the others become {@link LeafTest}s run on demand;
 *   <li>each rule gets a witness: a set of indexed leaves at least one of which must hold for
 *       the rule to match (for {@code a and b} the witness of the more selective operand, for
 *       {@code a or b} both witnesses together, none under {@code not}). The rule is filed
 *       under each of them, and only evaluated on events where one holds; rules without a
 *       witness are evaluated on every event. A glob gets a witness through the longest literal
 *       it must contain.
 * </ol>
 */
final class RuleCompiler {
    /** Shortest literal worth indexing a glob by: shorter ones would hit most events. */
    private static final int MIN_WITNESS_LITERAL = 3;

    private final Map<String, Integer> slotIds = new LinkedHashMap<>();
    private final Map<Predicate, Integer> leafIds = new HashMap<>();
    private final List<LeafTest> tests = new ArrayList<>();
    private final List<Double> selectivity = new ArrayList<>();
    private final List<Integer> derived = new ArrayList<>();
    private final Map<Integer, FieldScanner.Builder> scanners = new LinkedHashMap<>();

    static CompiledRules compile(List<Expr> rules) {
        return new RuleCompiler().run(rules);
    }

    private CompiledRules run(List<Expr> rules) {
        Program[] programs = new Program[rules.size()];
        List<Set<Integer>> witnesses = new ArrayList<>();
        for (int r = 0; r < rules.size(); r++) {
            Expr e = rules.get(r);
            programs[r] = program(e).program();
            witnesses.add(witness(e));
        }
        int leaves = tests.size();
        List<List<Integer>> byLeaf = new ArrayList<>(leaves);
        for (int i = 0; i < leaves; i++) {
            byLeaf.add(new ArrayList<>());
        }
        List<Integer> always = new ArrayList<>();
        for (int r = 0; r < rules.size(); r++) {
            Set<Integer> w = witnesses.get(r);
            if (w == null) {
                always.add(r);
            } else {
                for (int leaf : w) {
                    byLeaf.get(leaf).add(r);
                }
            }
        }
        int[][] rulesByLeaf = new int[leaves][];
        for (int i = 0; i < leaves; i++) {
            rulesByLeaf[i] = byLeaf.get(i).stream().mapToInt(Integer::intValue).toArray();
        }
        FieldSlot[] slots = slotIds.keySet().stream().map(FieldSlot::of).toArray(FieldSlot[]::new);
        FieldScanner[] built = scanners.values().stream().map(FieldScanner.Builder::build).toArray(FieldScanner[]::new);
        return new CompiledRules(slots, built, tests.toArray(LeafTest[]::new), programs, rulesByLeaf,
                always.stream().mapToInt(Integer::intValue).toArray());
    }

    private record Compiled(Program program, int cost) {}

    private Compiled program(Expr e) {
        return switch (e) {
            case Expr.Test t -> {
                int leaf = leaf(t.predicate());
                LeafTest test = tests.get(leaf);
                yield new Compiled(new Program.Leaf(leaf), test == null ? 0 : test.cost());
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

    /** A set of indexed leaves one of which must hold when {@code e} does, or null. */
    private Set<Integer> witness(Expr e) {
        return switch (e) {
            case Expr.Test t -> {
                int leaf = leaf(t.predicate());
                if (tests.get(leaf) == null) {
                    yield Set.of(leaf);
                }
                int d = derived.get(leaf);
                yield d >= 0 ? Set.of(d) : null;
            }
            case Expr.Not n -> null;
            case Expr.And a -> {
                Set<Integer> best = null;
                double bestCost = Double.MAX_VALUE;
                for (Expr c : a.children()) {
                    Set<Integer> w = witness(c);
                    double cost = w == null ? Double.MAX_VALUE : cost(w);
                    if (w != null && cost < bestCost) {
                        best = w;
                        bestCost = cost;
                    }
                }
                yield best;
            }
            case Expr.Or o -> {
                Set<Integer> all = new LinkedHashSet<>();
                for (Expr c : o.children()) {
                    Set<Integer> w = witness(c);
                    if (w == null) {
                        yield null;
                    }
                    all.addAll(w);
                }
                yield all;
            }
        };
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
        derived.add(-1);
        int slot = slot(p.field());
        switch (p) {
            case Matches m -> matches(id, slot, m);
            case Cidr c -> {
                scanner(slot).cidr(c.network(), id);
                selectivity.set(id, 4.0);
            }
            case Regex r -> tests.set(id, new LeafTest.Regex(slot, r.compile()));
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
                scanner(slot).exact(literal, m.cased(), id);
                selectivity.set(id, 1.0);
            }
            case PREFIX, SUFFIX -> {
                byte kind = w.shape() == WildcardPattern.Shape.PREFIX ? FieldScanner.PREFIX : FieldScanner.SUFFIX;
                scanner(slot).pattern(literal, m.cased(), kind, id);
                selectivity.set(id, 2.0 + 8.0 / literal.length());
            }
            case CONTAINS -> {
                scanner(slot).pattern(literal, m.cased(), FieldScanner.CONTAINS, id);
                selectivity.set(id, 3.0 + 16.0 / literal.length());
            }
            case ANY -> tests.set(id, new LeafTest.AnyValue(slot));
            case GLOB -> {
                tests.set(id, new LeafTest.Glob(slot, w));
                String must = w.longestLiteral();
                if (must.length() >= MIN_WITNESS_LITERAL) {
                    // A glob can only match a value that contains its longest literal.
                    int d = leaf(new Matches(m.field(), "*" + escape(must) + "*", false));
                    derived.set(id, d);
                }
            }
        }
    }

    private FieldScanner.Builder scanner(int slot) {
        return scanners.computeIfAbsent(slot, FieldScanner.Builder::new);
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
