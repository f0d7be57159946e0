package io.gatewatch.detect.match;

import io.gatewatch.detect.match.Predicate.Op;
import io.gatewatch.detect.match.Predicate.Position;
import io.gatewatch.detect.match.Predicate.TimePart;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.List;

/**
 * A predicate tested on demand, when a candidate rule needs it: the kinds that have no index
 * (globs, regexes, numbers, presence, field references). Indexed kinds are decided for all rules
 * at once by {@link FieldScanner}: on every event, or for those of a deferred scanner on first
 * demand ({@link Deferred}).
 */
abstract sealed class LeafTest {
    /** Relative cost, to evaluate cheap operands of and/or first. */
    abstract int cost();

    abstract boolean test(RuleMatcher m);

    /**
     * An indexed test whose scanner is deferred (see {@link RuleCompiler}): runs the scanners
     * that decide it, at most once each per event, then reads what they found.
     */
    static final class Deferred extends LeafTest {
        private final int leaf;
        private final int[] scanners;

        Deferred(int leaf, int[] scanners) {
            this.leaf = leaf;
            this.scanners = scanners;
        }

        @Override
        int cost() {
            return 2;
        }

        @Override
        boolean test(RuleMatcher m) {
            for (int k : scanners) {
                m.runDeferred(k);
            }
            return m.isTrue(leaf);
        }
    }

    /** The field has a value (exists, or a pattern of stars only). */
    static final class AnyValue extends LeafTest {
        private final int slot;

        AnyValue(int slot) {
            this.slot = slot;
        }

        @Override
        int cost() {
            return 1;
        }

        @Override
        boolean test(RuleMatcher m) {
            return !m.values(slot).isEmpty();
        }
    }

    /** No value, or an empty one. */
    static final class EmptyValue extends LeafTest {
        private final int slot;

        EmptyValue(int slot) {
            this.slot = slot;
        }

        @Override
        int cost() {
            return 1;
        }

        @Override
        boolean test(RuleMatcher m) {
            List<String> values = m.values(slot);
            if (values.isEmpty()) {
                return true;
            }
            for (String v : values) {
                if (v.isEmpty()) {
                    return true;
                }
            }
            return false;
        }
    }

    static final class Glob extends LeafTest {
        private final int slot;
        private final WildcardPattern pattern;

        Glob(int slot, WildcardPattern pattern) {
            this.slot = slot;
            this.pattern = pattern;
        }

        @Override
        int cost() {
            return 4;
        }

        @Override
        boolean test(RuleMatcher m) {
            for (String v : m.values(slot)) {
                if (pattern.matches(v)) {
                    return true;
                }
            }
            return false;
        }
    }

    static final class Regex extends LeafTest {
        private final int slot;
        private final com.google.re2j.Pattern pattern;

        Regex(int slot, com.google.re2j.Pattern pattern) {
            this.slot = slot;
            this.pattern = pattern;
        }

        @Override
        int cost() {
            return 10;
        }

        @Override
        boolean test(RuleMatcher m) {
            for (String v : m.values(slot)) {
                if (pattern.matcher(v).find()) {
                    return true;
                }
            }
            return false;
        }
    }

    static final class Compare extends LeafTest {
        private final int slot;
        private final Op op;
        private final double value;
        private final TimePart part;

        Compare(int slot, Op op, double value, TimePart part) {
            this.slot = slot;
            this.op = op;
            this.value = value;
            this.part = part;
        }

        @Override
        int cost() {
            return 2;
        }

        @Override
        boolean test(RuleMatcher m) {
            for (String v : m.values(slot)) {
                double d = Numbers.parse(v);
                if (part != null && !Double.isNaN(d)) {
                    d = timePart(d, part);
                }
                if (!Double.isNaN(d) && op.test(d, value)) {
                    return true;
                }
            }
            return false;
        }

        /** The part of a date held as epoch milliseconds, in UTC; NaN when out of range. */
        static double timePart(double epochMillis, TimePart part) {
            if (Math.abs(epochMillis) > 1e17) {
                return Double.NaN;
            }
            ZonedDateTime t = Instant.ofEpochMilli((long) epochMillis).atZone(ZoneOffset.UTC);
            return switch (part) {
                case MINUTE -> t.getMinute();
                case HOUR -> t.getHour();
                case DAY -> t.getDayOfMonth();
                case WEEK -> t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
                case MONTH -> t.getMonthValue();
                case YEAR -> t.getYear();
            };
        }
    }

    static final class FieldRef extends LeafTest {
        private final int slot;
        private final int other;
        private final Position position;
        private final boolean cased;

        FieldRef(int slot, int other, Position position, boolean cased) {
            this.slot = slot;
            this.other = other;
            this.position = position;
            this.cased = cased;
        }

        @Override
        int cost() {
            return 3;
        }

        @Override
        boolean test(RuleMatcher m) {
            List<String> refs = m.values(other);
            if (refs.isEmpty()) {
                return false;
            }
            for (String v : m.values(slot)) {
                for (String r : refs) {
                    if (compare(v, r)) {
                        return true;
                    }
                }
            }
            return false;
        }

        private boolean compare(String v, String r) {
            int n = r.length();
            return switch (position) {
                case EQUALS -> v.length() == n && regionEquals(v, 0, r);
                case STARTS_WITH -> v.length() >= n && regionEquals(v, 0, r);
                case ENDS_WITH -> v.length() >= n && regionEquals(v, v.length() - n, r);
                case CONTAINS -> contains(v, r);
            };
        }

        private char fold(char c) {
            return cased ? c : Fold.fold(c);
        }

        private boolean regionEquals(String v, int offset, String r) {
            for (int i = 0; i < r.length(); i++) {
                if (fold(v.charAt(offset + i)) != fold(r.charAt(i))) {
                    return false;
                }
            }
            return true;
        }

        /** Knuth-Morris-Pratt, linear: both values come from the event, so both may be long. */
        private boolean contains(String v, String r) {
            int m = r.length();
            if (m == 0) {
                return true;
            }
            char[] p = new char[m];
            for (int i = 0; i < m; i++) {
                p[i] = fold(r.charAt(i));
            }
            int[] f = new int[m];
            for (int i = 1, k = 0; i < m; i++) {
                while (k > 0 && p[i] != p[k]) {
                    k = f[k - 1];
                }
                if (p[i] == p[k]) {
                    k++;
                }
                f[i] = k;
            }
            for (int i = 0, k = 0; i < v.length(); i++) {
                char c = fold(v.charAt(i));
                while (k > 0 && c != p[k]) {
                    k = f[k - 1];
                }
                if (c == p[k]) {
                    k++;
                }
                if (k == m) {
                    return true;
                }
            }
            return false;
        }
    }
}
