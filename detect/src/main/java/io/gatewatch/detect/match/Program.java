package io.gatewatch.detect.match;

/**
 * One rule's condition as a tree of nodes over leaf ids, operands ordered cheapest first so that
 * and/or stop early on indexed leaves (already decided) before they reach a regex.
 */
abstract sealed class Program {
    abstract boolean eval(RuleMatcher m);

    static final class And extends Program {
        private final Program[] operands;

        And(Program[] operands) {
            this.operands = operands;
        }

        @Override
        boolean eval(RuleMatcher m) {
            for (Program p : operands) {
                if (!p.eval(m)) {
                    return false;
                }
            }
            return true;
        }
    }

    static final class Or extends Program {
        private final Program[] operands;

        Or(Program[] operands) {
            this.operands = operands;
        }

        @Override
        boolean eval(RuleMatcher m) {
            for (Program p : operands) {
                if (p.eval(m)) {
                    return true;
                }
            }
            return false;
        }
    }

    static final class Not extends Program {
        private final Program operand;

        Not(Program operand) {
            this.operand = operand;
        }

        @Override
        boolean eval(RuleMatcher m) {
            return !operand.eval(m);
        }
    }

    /**
     * A leaf tested on demand (a glob or a regex) behind indexed leaves one of which it cannot
     * hold without (the literals it must contain): when the scanners found none of them in the
     * event, the leaf is false without running it.
     */
    static final class Guarded extends Program {
        private final int[] guards;
        private final int leaf;

        Guarded(int[] guards, int leaf) {
            this.guards = guards;
            this.leaf = leaf;
        }

        @Override
        boolean eval(RuleMatcher m) {
            for (int g : guards) {
                if (m.leaf(g)) {
                    return m.leaf(leaf);
                }
            }
            return false;
        }
    }

    static final class Leaf extends Program {
        private final int leaf;

        Leaf(int leaf) {
            this.leaf = leaf;
        }

        @Override
        boolean eval(RuleMatcher m) {
            return m.leaf(leaf);
        }
    }
}
