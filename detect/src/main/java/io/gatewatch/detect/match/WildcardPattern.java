package io.gatewatch.detect.match;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed wildcard pattern ({@code *} any run, {@code ?} one char, {@code \} escapes), as
 * segments between the stars. Also says which simple shape it has, so that the compiler can put
 * {@code abc}, {@code abc*}, {@code *abc} and {@code *abc*} into hash maps and automata instead
 * of matching them one by one.
 *
 * <p>Matching is greedy by segment: the first segment must sit at the start, the last at the
 * end, and each middle one is taken at its leftmost place, which is correct for globs and costs
 * at most the value length times the segment length per segment (never exponential).
 */
final class WildcardPattern {
    enum Shape {
        /** No wildcard: the value equals the literal. */
        EXACT,
        /** {@code literal*} */
        PREFIX,
        /** {@code *literal} */
        SUFFIX,
        /** {@code *literal*} */
        CONTAINS,
        /** Only stars: any value. */
        ANY,
        /** Anything else. */
        GLOB
    }

    /** Longest segment that holds a {@code ?}: those are searched char by char, not in linear time. */
    static final int MAX_SEGMENT_WITH_ANY = 256;

    /**
     * Literal chars of a segment (folded unless cased); {@code any[i]} marks a {@code ?}.
     * {@code failure} is the Knuth-Morris-Pratt table of a segment without {@code ?} (null
     * otherwise), so that finding it in a value is linear in the value's length.
     */
    record Segment(char[] chars, boolean[] any, int[] failure) {
        int length() {
            return chars.length;
        }

        boolean hasAny() {
            for (boolean b : any) {
                if (b) {
                    return true;
                }
            }
            return false;
        }
    }

    private final Segment[] segments;
    /** Stars lie between segments; these say whether one also opens or closes the pattern. */
    private final boolean leadingStar;
    private final boolean trailingStar;
    private final boolean cased;
    private final Shape shape;

    private WildcardPattern(Segment[] segments, boolean leadingStar, boolean trailingStar, boolean cased) {
        this.segments = segments;
        this.leadingStar = leadingStar;
        this.trailingStar = trailingStar;
        this.cased = cased;
        this.shape = shapeOf();
    }

    /** Parses a pattern; literal chars are folded unless {@code cased}. */
    static WildcardPattern parse(String pattern, boolean cased) {
        List<Segment> segments = new ArrayList<>();
        StringBuilder chars = new StringBuilder();
        List<Boolean> any = new ArrayList<>();
        boolean star = false;
        boolean leading = false;
        boolean trailing = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*') {
                if (!chars.isEmpty()) {
                    segments.add(segment(chars, any));
                } else if (segments.isEmpty()) {
                    leading = true;
                }
                star = true;
                trailing = true;
                continue;
            }
            trailing = false;
            if (c == '?') {
                chars.append('?');
                any.add(true);
                continue;
            }
            if (c == '\\') {
                if (i + 1 == pattern.length()) {
                    throw new IllegalArgumentException("pattern ends with a lone escape '\\': write '\\\\' for a backslash");
                }
                c = pattern.charAt(++i);
            }
            chars.append(cased ? c : Fold.fold(c));
            any.add(false);
        }
        if (!chars.isEmpty() || !star) {
            segments.add(segment(chars, any)); // without a star, the one segment (possibly empty)
        }
        return new WildcardPattern(segments.toArray(Segment[]::new), leading, trailing, cased);
    }

    private static Segment segment(StringBuilder chars, List<Boolean> any) {
        char[] c = chars.toString().toCharArray();
        boolean[] a = new boolean[c.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = any.get(i);
        }
        chars.setLength(0);
        any.clear();
        boolean wild = false;
        for (boolean b : a) {
            wild |= b;
        }
        if (wild && c.length > MAX_SEGMENT_WITH_ANY) {
            throw new IllegalArgumentException("a pattern part with '?' may have at most " + MAX_SEGMENT_WITH_ANY
                    + " chars between stars");
        }
        return new Segment(c, a, wild ? null : failure(c));
    }

    private static int[] failure(char[] p) {
        int[] f = new int[p.length];
        for (int i = 1, k = 0; i < p.length; i++) {
            while (k > 0 && p[i] != p[k]) {
                k = f[k - 1];
            }
            if (p[i] == p[k]) {
                k++;
            }
            f[i] = k;
        }
        return f;
    }

    private Shape shapeOf() {
        if (segments.length == 0) {
            return Shape.ANY;
        }
        for (Segment seg : segments) {
            if (seg.hasAny()) {
                return Shape.GLOB;
            }
        }
        if (!leadingStar && !trailingStar && segments.length == 1) {
            return Shape.EXACT; // also the empty pattern, which matches an empty value
        }
        if (segments.length > 1) {
            return Shape.GLOB;
        }
        if (leadingStar && trailingStar) {
            return Shape.CONTAINS;
        }
        return leadingStar ? Shape.SUFFIX : Shape.PREFIX;
    }

    Shape shape() {
        return shape;
    }

    boolean cased() {
        return cased;
    }

    /** The literal of a simple shape (folded unless cased). */
    String literal() {
        return segments.length == 0 ? "" : new String(segments[0].chars());
    }

    /** The longest run of literal chars with no {@code ?} in it, for indexing a glob. */
    String longestLiteral() {
        String best = "";
        for (Segment s : segments) {
            int start = 0;
            for (int i = 0; i <= s.length(); i++) {
                if (i == s.length() || s.any()[i]) {
                    if (i - start > best.length()) {
                        best = new String(s.chars(), start, i - start);
                    }
                    start = i + 1;
                }
            }
        }
        return best;
    }

    boolean matches(String v) {
        int n = v.length();
        if (segments.length == 0) {
            return true; // only stars
        }
        if (!leadingStar && !trailingStar && segments.length == 1) {
            return n == segments[0].length() && at(v, 0, segments[0]);
        }
        int from = 0;
        int to = n;
        int first = 0;
        int last = segments.length - 1;
        if (!leadingStar) {
            Segment s = segments[0];
            if (s.length() > n || !at(v, 0, s)) {
                return false;
            }
            from = s.length();
            first = 1;
        }
        if (!trailingStar && last >= first) {
            Segment s = segments[last];
            if (s.length() > to - from || !at(v, to - s.length(), s)) {
                return false;
            }
            to -= s.length();
            last--;
        }
        for (int k = first; k <= last; k++) {
            Segment s = segments[k];
            int end = s.failure() != null ? find(v, from, to, s) : findSlow(v, from, to, s);
            if (end < 0) {
                return false;
            }
            from = end;
        }
        return true;
    }

    /** Knuth-Morris-Pratt: the end of the leftmost occurrence in {@code v[from, to)}, or -1. */
    private int find(String v, int from, int to, Segment s) {
        char[] p = s.chars();
        int[] f = s.failure();
        if (p.length == 0) {
            return from;
        }
        int k = 0;
        for (int i = from; i < to; i++) {
            char c = v.charAt(i);
            if (!cased) {
                c = Fold.fold(c);
            }
            while (k > 0 && c != p[k]) {
                k = f[k - 1];
            }
            if (c == p[k]) {
                k++;
            }
            if (k == p.length) {
                return i + 1;
            }
        }
        return -1;
    }

    /** Leftmost occurrence of a segment with {@code ?} (bounded length), tried at each place. */
    private int findSlow(String v, int from, int to, Segment s) {
        for (int i = from; i + s.length() <= to; i++) {
            if (at(v, i, s)) {
                return i + s.length();
            }
        }
        return -1;
    }

    private boolean at(String v, int offset, Segment s) {
        char[] chars = s.chars();
        boolean[] any = s.any();
        for (int j = 0; j < chars.length; j++) {
            if (any[j]) {
                continue;
            }
            char c = v.charAt(offset + j);
            if ((cased ? c : Fold.fold(c)) != chars[j]) {
                return false;
            }
        }
        return true;
    }
}
