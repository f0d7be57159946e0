package io.gatewatch.detect.match;

import java.util.Objects;

/**
 * A test of one field of an event: a leaf of {@link Expr}. A field with several values (a list
 * field) passes when any value does. Each record checks its arguments when built, so a rule that
 * loads compiles.
 *
 * <p>Field names are dotted ECS paths; {@link #KEYWORDS} stands for a keyword search, which
 * looks at {@code message} and {@code event.original}.
 */
public sealed interface Predicate {
    /** The pseudo-field of keyword searches (values without a field). */
    String KEYWORDS = "";

    /** Longest pattern, regex or literal a predicate accepts, in chars. */
    int MAX_LENGTH = 16 * 1024;

    String field();

    /**
     * A value matches a wildcard pattern: {@code *} any run of chars, {@code ?} one char,
     * {@code \} makes the next char literal ({@code \*}, {@code \?}, {@code \\}). Without
     * {@code cased}, chars compare case-insensitively.
     */
    record Matches(String field, String pattern, boolean cased) implements Predicate {
        public Matches {
            Objects.requireNonNull(field, "field");
            checkLength("pattern", pattern);
            WildcardPattern.parse(pattern, cased); // rejects a dangling escape
        }
    }

    /**
     * A value contains a match of an RE2 regular expression (linear time, no back-references or
     * look-around). Case-sensitive unless {@code ignoreCase}.
     */
    record Regex(String field, String regex, boolean ignoreCase, boolean multiline, boolean dotAll)
            implements Predicate {
        public Regex {
            Objects.requireNonNull(field, "field");
            checkLength("regular expression", regex);
            RegexCost.check(regex);
            compile(regex, ignoreCase, multiline, dotAll);
        }

        com.google.re2j.Pattern compile() {
            return compile(regex, ignoreCase, multiline, dotAll);
        }

        private static com.google.re2j.Pattern compile(String regex, boolean i, boolean m, boolean s) {
            int flags = (i ? com.google.re2j.Pattern.CASE_INSENSITIVE : 0)
                    | (m ? com.google.re2j.Pattern.MULTILINE : 0)
                    | (s ? com.google.re2j.Pattern.DOTALL : 0);
            try {
                return com.google.re2j.Pattern.compile(regex, flags);
            } catch (com.google.re2j.PatternSyntaxException e) {
                throw new IllegalArgumentException("bad regular expression: " + e.getDescription()
                        + " in '" + e.getPattern() + "'");
            }
        }
    }

    /** A value is an IP address (v4 or v6) inside a network: {@code 10.0.0.0/8}, {@code 2001:db8::/32}, or one address. */
    record Cidr(String field, String network) implements Predicate {
        public Cidr {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(network, "network");
            if (IpBytes.parseNetwork(network, new byte[16]) < 0) {
                throw new IllegalArgumentException("not an IPv4 or IPv6 network: '" + network + "'");
            }
        }
    }

    /** The field has a value. */
    record Exists(String field) implements Predicate {
        public Exists {
            Objects.requireNonNull(field, "field");
        }
    }

    /**
     * The field has no value or an empty one. Events keep no empty values (the parser drops
     * them), so an empty field and a missing one are the same thing here.
     */
    record Empty(String field) implements Predicate {
        public Empty {
            Objects.requireNonNull(field, "field");
        }
    }

    /** A numeric value (or a part of a date, with {@code part}) compares to a number. */
    record Compare(String field, Op op, double value, TimePart part) implements Predicate {
        public Compare {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(op, "op");
            if (Double.isNaN(value)) {
                throw new IllegalArgumentException("not a number");
            }
        }
    }

    /** A value of {@code field} equals (or contains, starts or ends with) a value of {@code other}. */
    record FieldRef(String field, String other, Position position, boolean cased) implements Predicate {
        public FieldRef {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(position, "position");
            if (other == null || other.isEmpty()) {
                throw new IllegalArgumentException("fieldref: the referenced field name is empty");
            }
        }
    }

    enum Op {
        LT, LTE, GT, GTE, EQ;

        boolean test(double a, double b) {
            return switch (this) {
                case LT -> a < b;
                case LTE -> a <= b;
                case GT -> a > b;
                case GTE -> a >= b;
                case EQ -> a == b;
            };
        }
    }

    /** The parts of a date the Sigma time modifiers read, in UTC. */
    enum TimePart {
        MINUTE, HOUR, DAY, WEEK, MONTH, YEAR
    }

    enum Position {
        EQUALS, CONTAINS, STARTS_WITH, ENDS_WITH
    }

    private static void checkLength(String what, String s) {
        Objects.requireNonNull(s, what);
        if (s.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(what + " longer than " + MAX_LENGTH + " chars");
        }
    }
}
