package io.gatewatch.store.query;

/**
 * An upper estimate of the automaton a regular expression builds, checked before Lucene builds
 * it. Lucene bounds the work of making an automaton deterministic, but not the automaton it
 * builds first: bounded repetitions copy their operand, so {@code (a{999}){999}} allocates a
 * million states and {@code ((a{999}){999}){999}} runs out of memory, all within a short pattern.
 *
 * <p>A bounded repetition of something that can match nothing ({@code (a?){999}},
 * {@code .*{999}}) is counted as the square of its copies: each copy may be skipped, and making
 * such an automaton deterministic took seconds for a thousand copies of one optional char.
 *
 * <p>The walk follows Lucene's regex syntax with no optional operators: groups, {@code |},
 * {@code ? * + {n} {n,} {n,m}}, classes {@code [...]}, quoted strings {@code "..."} and
 * backslash escapes. It needs only to be safe, not exact: text it does not understand is counted
 * as plain chars and left for Lucene to reject. It also bounds group nesting, which Lucene's
 * recursive parser would otherwise turn into deep stacks.
 */
final class RegexCost {
    private static final long CAP = QueryLimits.MAX_REGEX_STATES + 1L;
    private static final long MAX_REPEAT = 1_000_000_000L;

    private final String re;
    private final int position;
    private int i;
    /** Whether the expression just walked can match the empty string. */
    private boolean nullable;

    private RegexCost(String re, int position) {
        this.re = re;
        this.position = position;
    }

    /**
     * @param position where the regex is in the query, for the error
     * @throws QuerySyntaxException if the regex would build too large an automaton or nests too deep
     */
    static void check(String re, int position) {
        long states = new RegexCost(re, position).estimate();
        if (states > QueryLimits.MAX_REGEX_STATES) {
            throw new QuerySyntaxException(position, "regular expression too costly: its repetitions would build more than "
                    + QueryLimits.MAX_REGEX_STATES + " automaton states");
        }
    }

    /** Estimated states of the whole regex, at most {@link #CAP}. */
    long estimate() {
        long total = 0;
        while (i < re.length()) {
            total = add(total, union(0));
            if (i < re.length()) {
                i++; // a ')' with no '(': Lucene rejects it, the estimate moves on
            }
        }
        return total;
    }

    private long union(int depth) {
        long total = concatenation(depth);
        boolean any = nullable;
        while (i < re.length() && re.charAt(i) == '|') {
            i++;
            total = add(total, concatenation(depth));
            any |= nullable;
        }
        nullable = any;
        return add(total, 1);
    }

    private long concatenation(int depth) {
        long total = 0;
        boolean all = true;
        while (i < re.length()) {
            char c = re.charAt(i);
            if (c == '|' || c == ')') {
                break;
            }
            total = add(total, repetition(depth));
            all &= nullable;
        }
        nullable = all;
        return total;
    }

    private long repetition(int depth) {
        long states = atom(depth);
        while (i < re.length()) {
            char c = re.charAt(i);
            if (c == '?' || c == '*') {
                i++;
                states = add(states, 1);
                nullable = true;
            } else if (c == '+') {
                i++;
                states = add(multiply(states, 2), 1);
            } else if (c == '{') {
                int brace = i;
                i++;
                long min = number();
                long max = min;
                if (i < re.length() && re.charAt(i) == ',') {
                    i++;
                    // {n,} is n copies and a loop; {n,m} is m copies.
                    max = i < re.length() && isDigit(re.charAt(i)) ? number() : min + 1;
                }
                if (i < re.length() && re.charAt(i) == '}') {
                    i++;
                    long copies = Math.max(Math.max(min, max), 1);
                    states = add(multiply(states, nullable ? multiply(copies, copies) : copies), 1);
                    nullable |= min == 0;
                } else {
                    i = brace + 1; // not a repetition after all: Lucene will say why
                    return states;
                }
            } else {
                break;
            }
        }
        return states;
    }

    private long atom(int depth) {
        char c = re.charAt(i);
        switch (c) {
            case '(' -> {
                if (depth + 1 > QueryLimits.MAX_REGEX_DEPTH) {
                    throw new QuerySyntaxException(position, "regular expression nested deeper than "
                            + QueryLimits.MAX_REGEX_DEPTH + " groups");
                }
                i++;
                if (i < re.length() && re.charAt(i) == ')') {
                    i++;
                    nullable = true;
                    return 1;
                }
                long states = union(depth + 1);
                if (i < re.length() && re.charAt(i) == ')') {
                    i++;
                }
                return states;
            }
            case '[' -> {
                i++;
                if (i < re.length() && re.charAt(i) == '^') {
                    i++;
                }
                // Lucene reads the first char of a class as a member, even ']'.
                boolean first = true;
                while (i < re.length() && (first || re.charAt(i) != ']')) {
                    i += re.charAt(i) == '\\' ? 2 : 1;
                    first = false;
                }
                i = Math.min(i + 1, re.length());
                nullable = false;
                return 2;
            }
            case '"' -> {
                int start = ++i;
                while (i < re.length() && re.charAt(i) != '"') {
                    i++;
                }
                long length = i - start;
                i = Math.min(i + 1, re.length());
                nullable = length == 0;
                return length + 1;
            }
            case '\\' -> {
                i = Math.min(i + 2, re.length());
                nullable = false;
                return 2;
            }
            default -> {
                i++;
                nullable = false;
                return 2;
            }
        }
    }

    private long number() {
        long value = 0;
        while (i < re.length() && isDigit(re.charAt(i))) {
            value = Math.min(MAX_REPEAT, value * 10 + (re.charAt(i) - '0'));
            i++;
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static long add(long a, long b) {
        return Math.min(CAP, a + b);
    }

    private static long multiply(long a, long b) {
        // Both are at most MAX_REPEAT (10^9), or one is at most CAP: the product fits in a long.
        return Math.min(CAP, a * b);
    }
}
