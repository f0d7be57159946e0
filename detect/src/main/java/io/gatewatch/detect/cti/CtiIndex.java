package io.gatewatch.detect.cti;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every matchable indicator, keyed by observable type, immutable once built (an import builds a
 * new one and swaps it in):
 *
 * <ul>
 *   <li>IPv4: one primitive multimap keyed by (prefix length, network); a lookup masks the address
 *       once per prefix length that occurs, so exact addresses and CIDRs cost one probe each;
 *   <li>IPv6: the same, over a hash map of (high, low, length);
 *   <li>domains: a hash map of names; a lookup probes the name and each parent ({@code a.evil.com},
 *       {@code evil.com}), so an indicator {@code evil.com} covers its subdomains;
 *   <li>URLs, hashes, email addresses, user ids: hash maps of exact values.
 * </ul>
 */
public final class CtiIndex {
    static final CtiIndex EMPTY = build(List.of());

    private final Indicator[] indicators;
    private final boolean[] destinationOnly;
    /** IPv4 addresses (/32), keyed by address. */
    private final LongPostings v4;
    /** IPv4 networks shorter than /32, keyed by (length, network). */
    private final LongPostings v4Networks;
    /** Prefix lengths present in {@link #v4Networks}, longest first. */
    private final int[] v4Lengths;
    /**
     * One bit per /20 block that some network overlaps; null when there is no network. Most
     * addresses fall in no indicator network, and this 128 KiB filter (it stays in cache) says so
     * at once, instead of one probe of a large table per prefix length.
     */
    private final long[] v4Blocks;
    private final Map<V6Key, int[]> v6;
    private final int[] v6Lengths;
    private final StringPostings domains;
    private final boolean noDomains;
    /** URLs, hashes, email addresses, user ids: one map per kind. */
    private final Map<Atom.Kind, Map<String, int[]>> exact;

    private record V6Key(long hi, long lo, int length) {}

    private CtiIndex(Indicator[] indicators, LongPostings v4, LongPostings v4Networks, int[] v4Lengths, long[] v4Blocks,
            Map<V6Key, int[]> v6, int[] v6Lengths, Map<String, int[]> domains, Map<Atom.Kind, Map<String, int[]>> exact) {
        this.indicators = indicators;
        this.destinationOnly = new boolean[indicators.length];
        for (int i = 0; i < indicators.length; i++) {
            destinationOnly[i] = indicators[i].destinationOnly();
        }
        this.v4 = v4;
        this.v4Networks = v4Networks;
        this.v4Lengths = v4Lengths;
        this.v4Blocks = v4Blocks;
        this.v6 = v6;
        this.v6Lengths = v6Lengths;
        this.domains = new StringPostings(domains);
        this.noDomains = domains.isEmpty();
        this.exact = exact;
    }

    /** Indexes the indicators that have atoms and are not revoked; the others are skipped. */
    public static CtiIndex build(Collection<Indicator> all) {
        List<Indicator> kept = new ArrayList<>();
        LongPostings.Builder v4 = new LongPostings.Builder();
        LongPostings.Builder v4Networks = new LongPostings.Builder();
        long[] blocks = new long[1 << 14]; // 2^20 bits
        boolean[] v4Len = new boolean[33];
        Map<V6Key, int[]> v6 = new HashMap<>();
        boolean[] v6Len = new boolean[129];
        Map<String, int[]> domains = new HashMap<>();
        Map<Atom.Kind, Map<String, int[]>> exact = new EnumMap<>(Atom.Kind.class);
        for (Indicator ind : all) {
            if (ind.revoked() || ind.atoms().isEmpty()) {
                continue;
            }
            int n = kept.size();
            kept.add(ind);
            for (Atom a : ind.atoms()) {
                switch (a.kind()) {
                    case IPV4 -> {
                        IpPrefix p = IpPrefix.parseV4(a.value());
                        if (p != null && p.length() == 32) {
                            v4.add(p.lo(), n, a.value());
                        } else if (p != null) {
                            v4Networks.add((long) p.length() << 32 | p.lo(), n, a.value());
                            v4Len[p.length()] = true;
                            int first = (int) (p.lo() >>> 12);
                            int count = p.length() >= 20 ? 1 : 1 << (20 - p.length());
                            for (int b = first; b < first + count; b++) {
                                blocks[b >>> 6] |= 1L << b;
                            }
                        }
                    }
                    case IPV6 -> {
                        IpPrefix p = IpPrefix.parseV6(a.value());
                        if (p != null) {
                            v6.merge(new V6Key(p.hi(), p.lo(), p.length()), new int[] {n}, CtiIndex::concat);
                            v6Len[p.length()] = true;
                        }
                    }
                    case DOMAIN -> domains.merge(a.value(), new int[] {n}, CtiIndex::concat);
                    default -> exact.computeIfAbsent(a.kind(), k -> new HashMap<>()).merge(a.value(), new int[] {n}, CtiIndex::concat);
                }
            }
        }
        int[] v4Lengths = lengths(v4Len);
        return new CtiIndex(kept.toArray(new Indicator[0]), v4.build(), v4Networks.build(), v4Lengths,
                v4Lengths.length == 0 ? null : blocks, v6, lengths(v6Len), domains, exact);
    }

    private static int[] concat(int[] a, int[] b) {
        for (int x : a) {
            if (x == b[0]) {
                return a; // the same indicator twice: `IN ('1.2.3.4', '1.2.3.4')`
            }
        }
        int[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static int[] lengths(boolean[] present) {
        int count = 0;
        for (boolean b : present) {
            count += b ? 1 : 0;
        }
        int[] out = new int[count];
        int k = 0;
        for (int len = present.length - 1; len >= 0; len--) {
            if (present[len]) {
                out[k++] = len;
            }
        }
        return out;
    }

    /** Number of indicators indexed. */
    public int size() {
        return indicators.length;
    }

    /** Matches an IPv4 or IPv6 address. {@code destination} says whether the field is a destination. */
    List<CtiHit> ip(String field, String value, boolean destination, long at, List<CtiHit> hits) {
        long a = IpPrefix.v4(value);
        if (a >= 0) {
            for (int e = v4.first(a); e != 0; e = v4.next(e)) {
                hits = add(v4.indicator(e), field, value, v4.atomic(e), destination, at, hits);
            }
            int block = (int) (a >>> 12);
            if (v4Blocks == null || (v4Blocks[block >>> 6] & 1L << block) == 0) {
                return hits;
            }
            for (int len : v4Lengths) {
                long key = (long) len << 32 | (a & IpPrefix.maskV4(len));
                for (int e = v4Networks.first(key); e != 0; e = v4Networks.next(e)) {
                    hits = add(v4Networks.indicator(e), field, value, v4Networks.atomic(e), destination, at, hits);
                }
            }
            return hits;
        }
        if (v6Lengths.length == 0 || value.indexOf(':') < 0) {
            return hits;
        }
        long[] hl = IpPrefix.v6(value);
        if (hl == null) {
            return hits;
        }
        for (int len : v6Lengths) {
            int[] ids = v6.get(new V6Key(hl[0] & IpPrefix.highMask(len), hl[1] & IpPrefix.lowMask(len), len));
            if (ids != null) {
                String atomic = new IpPrefix(true, hl[0] & IpPrefix.highMask(len), hl[1] & IpPrefix.lowMask(len), len).toString();
                for (int id : ids) {
                    hits = add(id, field, value, atomic, destination, at, hits);
                }
            }
        }
        return hits;
    }

    /**
     * Matches a domain and each of its parents, walking from the end: the hash code of each suffix
     * is built character by character, so no parent is cut out as a new string.
     */
    List<CtiHit> domain(String field, String value, long at, List<CtiHit> hits) {
        if (noDomains) {
            return hits;
        }
        String d = Domains.normalize(value);
        if (d == null) {
            return hits;
        }
        int h = 0;
        int pow = 1;
        boolean sawDot = false;
        for (int i = d.length() - 1; i >= 0; i--) {
            h += d.charAt(i) * pow;
            pow *= 31;
            boolean labelStart = i == 0 || d.charAt(i - 1) == '.';
            // A bare top-level domain is matched exactly only: an indicator "com" must not cover the web.
            if (labelStart && (sawDot || i == 0)) {
                int entry = domains.find(d, i, h);
                if (entry >= 0) {
                    for (int id : domains.values(entry)) {
                        hits = add(id, field, value, domains.key(entry), true, at, hits);
                    }
                }
            }
            if (d.charAt(i) == '.') {
                sawDot = true;
            }
        }
        return hits;
    }

    /** Matches an exact URL, hash, email address or user id. */
    List<CtiHit> exact(Atom.Kind kind, String field, String value, String normalized, long at, List<CtiHit> hits) {
        Map<String, int[]> values = exact.get(kind);
        if (values == null) {
            return hits;
        }
        int[] ids = values.get(normalized);
        if (ids != null) {
            for (int id : ids) {
                hits = add(id, field, value, normalized, true, at, hits);
            }
        }
        return hits;
    }

    private List<CtiHit> add(int id, String field, String value, String atomic, boolean destination, long at,
            List<CtiHit> hits) {
        Indicator ind = indicators[id];
        if (!ind.validAt(at) || destinationOnly[id] && !destination) {
            return hits;
        }
        if (hits == null) {
            hits = new ArrayList<>(2);
        }
        if (hits.size() < CtiMatcher.MAX_HITS) {
            hits.add(new CtiHit(ind, field, value, atomic));
        }
        return hits;
    }
}
