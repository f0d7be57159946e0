package io.gatewatch.detect.match;

import java.util.ArrayDeque;

/**
 * Bounds the size of the program a rule's regular expression compiles to. RE2 runs in time
 * linear in the input, but times the program size, and counted repetitions multiply it when
 * nested: {@code ((a{100}){100}){100}} is a million instructions from 20 chars. This walks
 * the pattern once, multiplying each atom by the repetitions around it, and refuses a pattern
 * whose estimate exceeds {@link #MAX_SIZE}.
 */
final class RegexCost {
    static final long MAX_SIZE = 100_000;

    private RegexCost() {}

    static void check(String regex) {
        long size = estimate(regex);
        if (size > MAX_SIZE) {
            throw new IllegalArgumentException("regular expression too large once its repetitions are expanded"
                    + " (about " + size + " steps, at most " + MAX_SIZE + ")");
        }
    }

    /** Frame of one parenthesised group: the size so far and the size of its last atom. */
    private static final class Frame {
        long sum;
        long last;
    }

    static long estimate(String r) {
        ArrayDeque<Frame> stack = new ArrayDeque<>();
        Frame f = new Frame();
        int i = 0;
        int n = r.length();
        while (i < n) {
            char c = r.charAt(i);
            switch (c) {
                case '\\' -> {
                    i += 2;
                    // \p{Greek}, \x{10FFFF}: one atom, braces included.
                    if (i < n && r.charAt(i) == '{' && i >= 2 && "pPx".indexOf(r.charAt(i - 1)) >= 0) {
                        int close = r.indexOf('}', i);
                        i = close < 0 ? n : close + 1;
                    }
                    atom(f, 1);
                    continue;
                }
                case '[' -> {
                    i = skipClass(r, i);
                    atom(f, 1);
                    continue;
                }
                case '(' -> {
                    stack.push(f);
                    f = new Frame();
                }
                case ')' -> {
                    long group = Math.max(1, f.sum);
                    f = stack.isEmpty() ? new Frame() : stack.pop();
                    atom(f, group);
                }
                case '{' -> {
                    int close = r.indexOf('}', i);
                    long times = close < 0 ? -1 : repeat(r, i + 1, close);
                    if (times >= 0) {
                        // The atom appears `times` times in the program instead of once.
                        f.sum = saturate(f.sum + mul(f.last, Math.max(0, times - 1)));
                        f.last = mul(f.last, Math.max(1, times));
                        i = close + 1;
                        continue;
                    }
                    atom(f, 1);
                }
                default -> atom(f, 1);
            }
            i++;
        }
        long total = f.sum;
        while (!stack.isEmpty()) {
            total = saturate(total + stack.pop().sum);
        }
        return total;
    }

    private static void atom(Frame f, long size) {
        f.last = size;
        f.sum = saturate(f.sum + size);
    }

    private static int skipClass(String r, int i) {
        int j = i + 1;
        if (j < r.length() && r.charAt(j) == '^') {
            j++;
        }
        if (j < r.length() && r.charAt(j) == ']') {
            j++;
        }
        while (j < r.length() && r.charAt(j) != ']') {
            j += r.charAt(j) == '\\' ? 2 : 1;
        }
        return j + 1;
    }

    /** The larger bound of {@code n}, {@code n,} or {@code n,m} in {@code r[from, to)}, or -1. */
    private static long repeat(String r, int from, int to) {
        long a = -1;
        long b = -1;
        long cur = -1;
        boolean comma = false;
        for (int j = from; j < to; j++) {
            char c = r.charAt(j);
            if (c >= '0' && c <= '9') {
                cur = Math.min(1_000_000, (cur < 0 ? 0 : cur) * 10 + (c - '0'));
            } else if (c == ',' && !comma) {
                comma = true;
                a = cur;
                cur = -1;
            } else {
                return -1;
            }
        }
        if (!comma) {
            a = cur;
        } else {
            b = cur;
        }
        return a < 0 ? -1 : Math.max(a, b);
    }

    private static long mul(long a, long b) {
        return a != 0 && b > CAP / a ? CAP : a * b;
    }

    private static final long CAP = Long.MAX_VALUE / 4;

    private static long saturate(long v) {
        return v < 0 || v > CAP ? CAP : v;
    }
}
