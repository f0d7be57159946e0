package io.gatewatch.detect.match;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The literals a regular expression's matches must contain: a set of strings such that any
 * text in which the expression finds a match contains one of them (ignoring case). The compiler
 * files a regex rule under these literals, as it files a glob under its longest literal, so that
 * the regex only runs on events whose field holds one; without them the rule runs on every
 * event. This is the prefilter idea of RE2's FilteredRE2 and of code-search engines, kept simple.
 *
 * <p>Conservative by construction: only atoms that every match must go through count (the
 * literal runs and groups of the top-level sequence, not what a {@code ?}, {@code *} or
 * {@code {0,n}} makes optional), an alternation counts only when every branch has literals, and
 * any syntax this reader does not fully understand (unusual escapes, {@code \Q…\E}, stray
 * braces) gives no literals at all, which only costs speed. Literals are ASCII: matching them
 * case-insensitively with {@link Fold} is then a superset of what the regex matches, with or
 * without its {@code i} flag.
 */
final class RegexLiterals {
    /** More alternatives than this and the prefilter would cost more than it saves. */
    static final int MAX_ALTERNATIVES = 16;

    private final String r;
    private final int minLength;
    private int i;

    private RegexLiterals(String regex, int minLength) {
        this.r = regex;
        this.minLength = minLength;
    }

    /** Literals of which every match contains one, each at least {@code minLength} chars; empty when none are known. */
    static List<String> of(String regex, int minLength) {
        RegexLiterals p = new RegexLiterals(regex, Math.max(1, minLength));
        try {
            Set<String> req = p.alternation();
            if (p.i != regex.length() || req == null) {
                return List.of();
            }
            return List.copyOf(req);
        } catch (Unknown e) {
            return List.of();
        }
    }

    /** Syntax this reader does not handle: no literals. */
    private static final class Unknown extends RuntimeException {
        Unknown() {
            super(null, null, false, false);
        }
    }

    /** {@code a|b|…} up to a closing parenthesis or the end: the union of the branches' literals, or null. */
    private Set<String> alternation() {
        Set<String> all = new LinkedHashSet<>();
        boolean complete = true;
        while (true) {
            Set<String> branch = sequence();
            if (branch == null) {
                complete = false;
            } else {
                all.addAll(branch);
            }
            if (i < r.length() && r.charAt(i) == '|') {
                i++;
                continue;
            }
            break;
        }
        return complete && all.size() <= MAX_ALTERNATIVES ? all : null;
    }

    /** A sequence of atoms: the best requirement among its literal runs and mandatory groups, or null. */
    private Set<String> sequence() {
        List<Set<String>> candidates = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        while (i < r.length()) {
            char c = r.charAt(i);
            if (c == '|' || c == ')') {
                break;
            }
            if (c == '(') {
                flush(run, candidates);
                Set<String> group = group();
                // After a bare flag group a quantifier would apply to the atom before it: left
                // unread here, it is refused as unknown syntax by the next round.
                if (group != FLAGS && !optional() && group != null) {
                    candidates.add(group);
                }
                continue;
            }
            int literal = literal();
            if (literal < 0) {
                flush(run, candidates);
                optional(); // a quantifier after a class or a dot changes nothing
                continue;
            }
            int q = quantifier();
            if (q == OPTIONAL) {
                flush(run, candidates);
            } else if (q == REPEATED) {
                run.append((char) literal);
                flush(run, candidates);
            } else {
                run.append((char) literal);
            }
        }
        flush(run, candidates);
        Set<String> best = null;
        for (Set<String> c : candidates) {
            if (best == null || better(c, best)) {
                best = c;
            }
        }
        return best;
    }

    private void flush(StringBuilder run, List<Set<String>> candidates) {
        if (run.length() >= minLength) {
            candidates.add(Set.of(run.toString()));
        }
        run.setLength(0);
    }

    /** Fewer, longer literals filter better: compare by the shortest, then by how many. */
    private static boolean better(Set<String> a, Set<String> b) {
        int ma = shortest(a);
        int mb = shortest(b);
        return ma != mb ? ma > mb : a.size() < b.size();
    }

    private static int shortest(Set<String> s) {
        int m = Integer.MAX_VALUE;
        for (String x : s) {
            m = Math.min(m, x.length());
        }
        return m;
    }

    /** What {@link #group()} returns for a bare flag group such as {@code (?i)}, which matches nothing itself. */
    private static final Set<String> FLAGS = java.util.Collections.unmodifiableSet(new LinkedHashSet<>());

    /** {@code (…)}, {@code (?:…)}, {@code (?i:…)}, {@code (?P<name>…)}: the literals of what is inside, or null; {@link #FLAGS}. */
    private Set<String> group() {
        i++; // (
        if (i < r.length() && r.charAt(i) == '?') {
            i++;
            if (i < r.length() && (r.charAt(i) == 'P' || r.charAt(i) == '<')) {
                int close = r.indexOf('>', i);
                if (close < 0) {
                    throw new Unknown();
                }
                i = close + 1;
            } else {
                while (i < r.length() && "imsU-".indexOf(r.charAt(i)) >= 0) {
                    i++;
                }
                if (i < r.length() && r.charAt(i) == ')') {
                    i++;
                    return FLAGS;
                }
                if (i >= r.length() || r.charAt(i) != ':') {
                    throw new Unknown();
                }
                i++;
            }
        }
        Set<String> inner = alternation();
        if (i >= r.length() || r.charAt(i) != ')') {
            throw new Unknown();
        }
        i++;
        return inner;
    }

    private static final int NONE = 0;
    private static final int OPTIONAL = 1;
    private static final int REPEATED = 2;

    /** Reads a quantifier if one follows: NONE, OPTIONAL ({@code ? * {0,…}}) or REPEATED ({@code + {n≥1,…}}). */
    private int quantifier() {
        if (i >= r.length()) {
            return NONE;
        }
        char c = r.charAt(i);
        int q;
        if (c == '?' || c == '*') {
            i++;
            q = OPTIONAL;
        } else if (c == '+') {
            i++;
            q = REPEATED;
        } else if (c == '{') {
            int close = r.indexOf('}', i);
            String spec = close < 0 ? "" : r.substring(i + 1, close);
            if (!spec.matches("[0-9]+(,[0-9]*)?")) {
                throw new Unknown(); // RE2 would read a literal brace; not worth the subtlety
            }
            String min = spec.split(",", -1)[0];
            q = min.chars().allMatch(d -> d == '0') ? OPTIONAL : REPEATED;
            i = close + 1;
        } else {
            return NONE;
        }
        if (i < r.length() && r.charAt(i) == '?') {
            i++; // lazy
        }
        return q;
    }

    /** Whether a quantifier that allows zero repetitions follows (reading any quantifier). */
    private boolean optional() {
        return quantifier() == OPTIONAL;
    }

    /**
     * Reads one atom that is not a group: returns its char when it is a literal ASCII char
     * (escapes resolved), -1 for anything else (class, dot, anchor, class escape, non-ASCII).
     */
    private int literal() {
        char c = r.charAt(i);
        switch (c) {
            case '.', '^', '$' -> {
                i++;
                return -1;
            }
            case '[' -> {
                i = skipClass(i);
                return -1;
            }
            case '*', '+', '?', '{', '}', ']' -> throw new Unknown();
            case '\\' -> {
                return escape();
            }
            default -> {
                i++;
                return c < 128 ? c : -1;
            }
        }
    }

    private int escape() {
        if (i + 1 >= r.length()) {
            throw new Unknown();
        }
        char e = r.charAt(i + 1);
        i += 2;
        if (e < 128 && !Character.isLetterOrDigit(e)) {
            return e; // \. \/ \( \\ …: the char itself
        }
        switch (e) {
            case 'd', 'D', 's', 'S', 'w', 'W', 'b', 'B', 'A', 'z' -> {
                return -1;
            }
            case 'p', 'P' -> {
                if (i < r.length() && r.charAt(i) == '{') {
                    int close = r.indexOf('}', i);
                    if (close < 0) {
                        throw new Unknown();
                    }
                    i = close + 1;
                } else {
                    i++;
                }
                return -1;
            }
            default -> throw new Unknown();
        }
    }

    /** The index after a bracketed class starting at {@code from}, with {@code []…]}, escapes and {@code [:name:]} inside. */
    private int skipClass(int from) {
        int j = from + 1;
        if (j < r.length() && r.charAt(j) == '^') {
            j++;
        }
        if (j < r.length() && r.charAt(j) == ']') {
            j++;
        }
        while (j < r.length()) {
            char c = r.charAt(j);
            if (c == ']') {
                return j + 1;
            }
            if (c == '\\') {
                j += 2;
            } else if (c == '[' && j + 1 < r.length() && r.charAt(j + 1) == ':') {
                int close = r.indexOf(":]", j + 2);
                if (close < 0) {
                    throw new Unknown();
                }
                j = close + 2;
            } else {
                j++;
            }
        }
        throw new Unknown();
    }
}
