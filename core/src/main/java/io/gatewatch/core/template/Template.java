package io.gatewatch.core.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * A message template, such as {@code Logout from {source.ip}[[ (session:{sid})]]}, compiled into
 * a flat list of nodes and matched against a whole string (anchored at both ends, as the
 * reference parser's grok patterns are) by a small backtracking matcher.
 *
 * <p>Syntax: literal text; {@code {name}} or {@code {name:pattern}} placeholders (see
 * {@link Pattern}; without a pattern the caller's default applies); {@code [[ … ]]} optional
 * groups, which may nest; a backslash makes the next character literal.
 *
 * <p>Why not java.util.regex: log text is untrusted and this runs for every event. Literals are
 * found with {@code indexOf}, placeholders scan character classes, and every match has a step
 * budget, so a hostile line costs bounded time and never reaches a regex engine.
 */
public final class Template {
    /**
     * Upper bound on matcher work per call: one unit per step, plus one per 4 characters a search
     * or a scan goes over. Real messages need a few hundred; a line that needs more does not match.
     */
    static final int STEP_BUDGET = 5_000;

    private static final int LIT = 0;
    private static final int CAP = 1;
    private static final int OPT = 2;

    private final String spec;
    // Node arrays, indexed by node number.
    private final int[] kind;
    private final String[] literal;
    private final int[] capture;
    private final Pattern[] pattern;
    /** For OPT nodes: the node after the group. For CAP nodes: unused. */
    private final int[] skip;
    private final String[] captureNames;
    private final Pattern[] capturePatterns;

    private Template(String spec, List<Object[]> nodes, List<String> names, List<Pattern> patterns) {
        this.spec = spec;
        int n = nodes.size();
        kind = new int[n];
        literal = new String[n];
        capture = new int[n];
        pattern = new Pattern[n];
        skip = new int[n];
        for (int i = 0; i < n; i++) {
            Object[] node = nodes.get(i);
            kind[i] = (Integer) node[0];
            switch (kind[i]) {
                case LIT -> literal[i] = (String) node[1];
                case CAP -> {
                    capture[i] = (Integer) node[1];
                    pattern[i] = (Pattern) node[2];
                }
                default -> skip[i] = (Integer) node[1];
            }
        }
        captureNames = names.toArray(new String[0]);
        capturePatterns = patterns.toArray(new Pattern[0]);
    }

    /**
     * Compiles a template.
     *
     * @param defaultPattern the pattern of a placeholder written without one, by placeholder name
     * @throws IllegalArgumentException naming the position and the reason when the spec is malformed
     */
    public static Template compile(String spec, Function<String, Pattern> defaultPattern) {
        List<Object[]> nodes = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Pattern> patterns = new ArrayList<>();
        List<Integer> openGroups = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        int i = 0;
        while (i < spec.length()) {
            char c = spec.charAt(i);
            if (c == '\\' && i + 1 < spec.length()) {
                lit.append(spec.charAt(i + 1));
                i += 2;
            } else if (c == '{') {
                int close = spec.indexOf('}', i);
                if (close < 0) {
                    throw new IllegalArgumentException("unclosed '{' at " + i + " in template: " + spec);
                }
                flush(lit, nodes);
                String body = spec.substring(i + 1, close);
                int colon = body.lastIndexOf(':');
                String name = colon < 0 ? body : body.substring(0, colon);
                Pattern p;
                if (colon < 0) {
                    p = defaultPattern.apply(name);
                } else {
                    try {
                        p = Pattern.valueOf(body.substring(colon + 1).toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("unknown pattern '" + body.substring(colon + 1)
                                + "' at " + i + " in template: " + spec, e);
                    }
                }
                if (name.isEmpty()) {
                    throw new IllegalArgumentException("empty placeholder name at " + i + " in template: " + spec);
                }
                if (!nodes.isEmpty() && (Integer) nodes.get(nodes.size() - 1)[0] == CAP) {
                    throw new IllegalArgumentException("two placeholders without text between them at " + i
                            + " in template: " + spec);
                }
                nodes.add(new Object[] {CAP, names.size(), p});
                names.add(name);
                patterns.add(p);
                i = close + 1;
            } else if (c == '[' && spec.startsWith("[[", i)) {
                flush(lit, nodes);
                openGroups.add(nodes.size());
                nodes.add(new Object[] {OPT, -1});
                i += 2;
            } else if (c == ']' && spec.startsWith("]]", i) && !openGroups.isEmpty()) {
                flush(lit, nodes);
                int open = openGroups.remove(openGroups.size() - 1);
                nodes.get(open)[1] = nodes.size();
                i += 2;
            } else {
                lit.append(c);
                i++;
            }
        }
        if (!openGroups.isEmpty()) {
            throw new IllegalArgumentException("unclosed '[[' in template: " + spec);
        }
        flush(lit, nodes);
        return new Template(spec, nodes, names, patterns);
    }

    private static void flush(StringBuilder lit, List<Object[]> nodes) {
        if (lit.length() > 0) {
            nodes.add(new Object[] {LIT, lit.toString()});
            lit.setLength(0);
        }
    }

    public String spec() {
        return spec;
    }

    public int captureCount() {
        return captureNames.length;
    }

    public String captureName(int i) {
        return captureNames[i];
    }

    public Pattern capturePattern(int i) {
        return capturePatterns[i];
    }

    /** The literal the template starts with, or "" when it starts with a placeholder or group. */
    public String leadingLiteral() {
        return kind.length > 0 && kind[0] == LIT ? literal[0] : "";
    }

    /** The longest literal outside optional groups: every matching text contains it. */
    public String requiredLiteral() {
        String best = "";
        int depthEnd = -1;
        for (int i = 0; i < kind.length; i++) {
            if (i < depthEnd) {
                continue;
            }
            if (kind[i] == OPT) {
                depthEnd = skip[i];
            } else if (kind[i] == LIT && literal[i].length() > best.length()) {
                best = literal[i];
            }
        }
        return best;
    }

    /**
     * Matches the whole of {@code s[from, to)}.
     *
     * @param spans receives {@code [start, end)} per capture at {@code 2i, 2i+1}; -1 when the
     *     capture did not take part; length at least {@code 2 * captureCount()}
     * @return true on a match within the step budget
     */
    public boolean match(String s, int from, int to, int[] spans) {
        return matchWithin(s, from, to, spans, STEP_BUDGET) >= 0;
    }

    /**
     * {@link #match} with a caller's budget, for callers that try many templates on one line and
     * bound their total work: returns the work spent on a match, or {@code -1 - spent} on none.
     */
    public int matchWithin(String s, int from, int to, int[] spans, int budget) {
        java.util.Arrays.fill(spans, 0, captureNames.length * 2, -1);
        Run run = new Run(s, to, spans, Math.min(budget, STEP_BUDGET));
        boolean matched = run.match(0, from);
        int spent = Math.min(run.steps, run.budget);
        return matched ? spent : -1 - spent;
    }

    private final class Run {
        final String s;
        final int end;
        final int[] spans;
        int steps;
        final int budget;

        Run(String s, int end, int[] spans, int budget) {
            this.s = s;
            this.end = end;
            this.spans = spans;
            this.budget = budget;
        }

        boolean match(int node, int pos) {
            if (++steps > budget) {
                return false;
            }
            if (node == kind.length) {
                return pos == end;
            }
            switch (kind[node]) {
                case LIT -> {
                    String l = literal[node];
                    return pos + l.length() <= end && s.startsWith(l, pos) && match(node + 1, pos + l.length());
                }
                case OPT -> {
                    if (match(node + 1, pos)) {
                        return true;
                    }
                    clearCaptures(node + 1, skip[node]);
                    return match(skip[node], pos);
                }
                default -> {
                    return matchCapture(node, pos);
                }
            }
        }

        private void clearCaptures(int fromNode, int toNode) {
            for (int i = fromNode; i < toNode; i++) {
                if (kind[i] == CAP) {
                    spans[2 * capture[i]] = -1;
                    spans[2 * capture[i] + 1] = -1;
                }
            }
        }

        private boolean tryEnd(int node, int pos, int e) {
            int c = capture[node];
            spans[2 * c] = pos;
            spans[2 * c + 1] = e;
            if (match(node + 1, e)) {
                return true;
            }
            spans[2 * c] = -1;
            spans[2 * c + 1] = -1;
            return false;
        }

        /** The literal right after this node, which anchors the search for where a capture ends. */
        private String nextLiteral(int node) {
            return node + 1 < kind.length && kind[node + 1] == LIT ? literal[node + 1] : null;
        }

        private boolean matchCapture(int node, int pos) {
            Pattern p = pattern[node];
            String next = nextLiteral(node);
            switch (p) {
                case DATA -> {
                    if (next == null) {
                        for (int e = pos; e <= end; e++) {
                            if (tryEnd(node, pos, e)) {
                                return true;
                            }
                            if (steps > budget) {
                                return false;
                            }
                        }
                        return false;
                    }
                    int searched = pos;
                    for (int e = s.indexOf(next, pos); e >= 0 && e + next.length() <= end; e = s.indexOf(next, e + 1)) {
                        steps += (e - searched) >> 2;
                        searched = e;
                        if (tryEnd(node, pos, e)) {
                            return true;
                        }
                        if (steps > budget) {
                            return false;
                        }
                    }
                    steps += (end - searched) >> 2; // the search that found nothing went to the end
                    return false;
                }
                case GREEDY -> {
                    if (next == null) {
                        for (int e = end; e >= pos; e--) {
                            if (tryEnd(node, pos, e)) {
                                return true;
                            }
                            if (steps > budget) {
                                return false;
                            }
                        }
                        return false;
                    }
                    int searched = end;
                    for (int e = s.lastIndexOf(next, end - next.length()); e >= pos; e = s.lastIndexOf(next, e - 1)) {
                        steps += (searched - e) >> 2;
                        searched = e;
                        if (tryEnd(node, pos, e)) {
                            return true;
                        }
                        if (steps > budget) {
                            return false;
                        }
                    }
                    steps += (searched - pos) >> 2; // the search that found nothing went to the start
                    return false;
                }
                default -> {
                    int max = Scanners.maxEnd(p, s, pos, end);
                    steps += (max - pos) >> 2;
                    for (int e = max; e > pos; e--) {
                        steps += (e - pos) >> 2;
                        if (Scanners.accepts(p, s, pos, e) && tryEnd(node, pos, e)) {
                            return true;
                        }
                        if (steps > budget) {
                            return false;
                        }
                    }
                    return false;
                }
            }
        }
    }

    @Override
    public String toString() {
        return spec;
    }
}
