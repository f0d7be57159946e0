package io.gatewatch.detect.match;

import java.util.List;
import java.util.Objects;

/**
 * A rule's condition once its search identifiers are inlined: a boolean tree over
 * {@link Predicate}s. This is what {@link CompiledRules} compiles, whatever language the rule
 * was written in.
 */
public sealed interface Expr {
    /** True when every child is. */
    record And(List<Expr> children) implements Expr {
        public And {
            children = List.copyOf(children);
            if (children.isEmpty()) {
                throw new IllegalArgumentException("and: no operand");
            }
        }
    }

    /** True when any child is. */
    record Or(List<Expr> children) implements Expr {
        public Or {
            children = List.copyOf(children);
            if (children.isEmpty()) {
                throw new IllegalArgumentException("or: no operand");
            }
        }
    }

    record Not(Expr child) implements Expr {
        public Not {
            Objects.requireNonNull(child, "child");
        }
    }

    /** A test of one field of the event. */
    record Test(Predicate predicate) implements Expr {
        public Test {
            Objects.requireNonNull(predicate, "predicate");
        }
    }

    static Expr and(List<Expr> children) {
        return children.size() == 1 ? children.getFirst() : new And(children);
    }

    static Expr or(List<Expr> children) {
        return children.size() == 1 ? children.getFirst() : new Or(children);
    }

    static Expr not(Expr child) {
        return child instanceof Not n ? n.child() : new Not(child);
    }

    static Expr test(Predicate p) {
        return new Test(p);
    }
}
