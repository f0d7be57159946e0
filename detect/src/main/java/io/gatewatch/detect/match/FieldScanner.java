package io.gatewatch.detect.match;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every indexed test of all rules on one field, decided in one go per value: one hash lookup for
 * the equality tests (case-insensitive and cased), one automaton pass for the contains,
 * starts-with and ends-with tests, one trie walk for the CIDR tests. Immutable; the per-event
 * state lives in {@link RuleMatcher}.
 */
final class FieldScanner {
    static final byte CONTAINS = 0;
    static final byte PREFIX = 1;
    static final byte SUFFIX = 2;

    final int slot;
    private final FoldedMap exact;
    private final Map<String, int[]> exactCased;
    private final AhoCorasick automaton;
    /** Per automaton pattern: the leaves it may satisfy, how, and for cased ones the literal as written. */
    private final int[][] hitLeaves;
    private final byte[][] hitKinds;
    private final String[][] hitCased;
    private final int[] patternLength;
    private final CidrTrie v4;
    private final CidrTrie v6;

    private FieldScanner(Builder b) {
        slot = b.slot;
        exact = b.exact.isEmpty() ? null : new FoldedMap(toArrays(b.exact));
        exactCased = b.exactCased.isEmpty() ? null : Map.copyOf(toArrays(b.exactCased));
        int n = b.patterns.size();
        automaton = n == 0 ? null : AhoCorasick.build(new ArrayList<>(b.patterns.keySet()));
        hitLeaves = new int[n][];
        hitKinds = new byte[n][];
        hitCased = new String[n][];
        patternLength = new int[n];
        int p = 0;
        for (Map.Entry<String, List<Hit>> e : b.patterns.entrySet()) {
            List<Hit> hits = e.getValue();
            patternLength[p] = e.getKey().length();
            hitLeaves[p] = hits.stream().mapToInt(Hit::leaf).toArray();
            hitKinds[p] = new byte[hits.size()];
            hitCased[p] = new String[hits.size()];
            for (int i = 0; i < hits.size(); i++) {
                hitKinds[p][i] = hits.get(i).kind();
                hitCased[p][i] = hits.get(i).cased();
            }
            p++;
        }
        v4 = b.v4.isEmpty() ? null : b.v4;
        v6 = b.v6.isEmpty() ? null : b.v6;
    }

    private static Map<String, int[]> toArrays(Map<String, List<Integer>> m) {
        Map<String, int[]> out = new HashMap<>();
        m.forEach((k, v) -> out.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
        return out;
    }

    /** Decides every indexed test of this field on one value, reporting the leaves that hold. */
    void scan(String value, RuleMatcher m) {
        if (exact != null) {
            int[] ids = exact.get(value);
            if (ids != null) {
                m.setTrue(ids);
            }
        }
        if (exactCased != null) {
            int[] ids = exactCased.get(value);
            if (ids != null) {
                m.setTrue(ids);
            }
        }
        if (automaton != null) {
            automaton.scan(value, m.automatonSink(this, value));
        }
        if (v4 != null || v6 != null) {
            byte[] ip = m.ipBuffer();
            int len = IpBytes.parse(value, ip);
            if (len == 4 && v4 != null) {
                v4.find(ip, 0, 32, m.cidrSink());
            } else if (len == 16) {
                if (v6 != null) {
                    v6.find(ip, 0, 128, m.cidrSink());
                }
                if (v4 != null && IpBytes.isV4Mapped(ip)) {
                    v4.find(ip, 12, 32, m.cidrSink());
                }
            }
        }
    }

    /** An occurrence of automaton pattern {@code p} ends at {@code end} in {@code value}. */
    void onPattern(int p, int end, String value, RuleMatcher m) {
        int len = patternLength[p];
        int[] leaves = hitLeaves[p];
        for (int i = 0; i < leaves.length; i++) {
            int leaf = leaves[i];
            if (m.isTrue(leaf)) {
                continue;
            }
            byte kind = hitKinds[p][i];
            if ((kind == PREFIX && end != len) || (kind == SUFFIX && end != value.length())) {
                continue;
            }
            String cased = hitCased[p][i];
            if (cased != null && !value.regionMatches(end - len, cased, 0, len)) {
                continue;
            }
            m.setTrue(leaf);
        }
    }

    private record Hit(int leaf, byte kind, String cased) {}

    /** Collects the indexed tests of one field. */
    static final class Builder {
        private final int slot;
        private final Map<String, List<Integer>> exact = new LinkedHashMap<>();
        private final Map<String, List<Integer>> exactCased = new LinkedHashMap<>();
        private final Map<String, List<Hit>> patterns = new LinkedHashMap<>();
        private final CidrTrie v4 = new CidrTrie();
        private final CidrTrie v6 = new CidrTrie();

        Builder(int slot) {
            this.slot = slot;
        }

        /** {@code literal} is folded unless {@code cased}. */
        void exact(String literal, boolean cased, int leaf) {
            (cased ? exactCased : exact).computeIfAbsent(literal, k -> new ArrayList<>()).add(leaf);
        }

        /** {@code literal} is folded unless {@code cased}; kind is CONTAINS, PREFIX or SUFFIX. */
        void pattern(String literal, boolean cased, byte kind, int leaf) {
            String key = cased ? Fold.fold(literal) : literal;
            patterns.computeIfAbsent(key, k -> new ArrayList<>()).add(new Hit(leaf, kind, cased ? literal : null));
        }

        void cidr(String network, int leaf) {
            byte[] address = new byte[16];
            int prefix = IpBytes.parseNetwork(network, address);
            boolean v6Network = network.indexOf(':') >= 0;
            (v6Network ? v6 : v4).add(address, prefix, leaf);
        }

        FieldScanner build() {
            return new FieldScanner(this);
        }
    }
}
