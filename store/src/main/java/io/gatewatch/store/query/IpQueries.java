package io.gatewatch.store.query;

import io.gatewatch.store.query.QueryNode.Bound;
import io.gatewatch.store.query.QueryNode.Match;
import io.gatewatch.store.query.QueryNode.Range;
import io.gatewatch.store.query.QueryNode.Wildcard;
import io.gatewatch.store.schema.IpLiterals;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.document.InetAddressPoint;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;

/**
 * Queries on IP fields, indexed as points: one address, a CIDR block ({@code 10.0.0.0/8},
 * {@code 2001:db8::/32}), a range, or an IPv4 wildcard on whole trailing octets
 * ({@code 10.0.*}), which is the CIDR block it stands for. Addresses are read as literals only,
 * never resolved as host names. IPv4 and IPv4-mapped IPv6 ({@code ::ffff:10.0.0.1}) are the
 * same address, as in the index.
 */
final class IpQueries {
    private IpQueries() {}

    static Query match(Match m) {
        String value = m.value();
        int slash = value.indexOf('/');
        if (slash >= 0) {
            return cidr(m.field(), value, slash, m.position());
        }
        return InetAddressPoint.newExactQuery(m.field(), address(m.field(), value, m.position()));
    }

    static Query wildcard(Wildcard w) {
        // Leading octets, then only '*' parts: 10.*, 10.0.*, 10.0.*.*, 10.0.0.*
        List<String> parts = splitOnDots(w.pattern());
        byte[] prefix = new byte[4];
        int octets = 0;
        while (octets < parts.size() && octets < 3 && isOctet(parts.get(octets))) {
            prefix[octets] = (byte) Integer.parseInt(parts.get(octets));
            octets++;
        }
        boolean restAreStars = octets > 0 && parts.size() > octets && parts.size() <= 4;
        for (int k = octets; restAreStars && k < parts.size(); k++) {
            restAreStars = parts.get(k).equals("*");
        }
        if (!restAreStars) {
            throw new QuerySyntaxException(w.position(), "wildcards on the IP field " + w.field()
                    + " only work on whole trailing IPv4 octets, as in 10.0.*; use a CIDR block (10.0.0.0/16) or a range");
        }
        try {
            return InetAddressPoint.newPrefixQuery(w.field(), InetAddress.getByAddress(prefix), octets * 8);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an address", e);
        }
    }

    static Query range(Range r) {
        InetAddress lower = InetAddressPoint.MIN_VALUE;
        InetAddress upper = InetAddressPoint.MAX_VALUE;
        if (r.lower() != null) {
            lower = bound(r.field(), r.lower());
            if (!r.lower().inclusive()) {
                if (same(lower, InetAddressPoint.MAX_VALUE)) {
                    return new MatchNoDocsQuery("nothing above the last address");
                }
                lower = InetAddressPoint.nextUp(lower);
            }
        }
        if (r.upper() != null) {
            upper = bound(r.field(), r.upper());
            if (!r.upper().inclusive()) {
                if (same(upper, InetAddressPoint.MIN_VALUE)) {
                    return new MatchNoDocsQuery("nothing below the first address");
                }
                upper = InetAddressPoint.nextDown(upper);
            }
        }
        if (Arrays.compareUnsigned(InetAddressPoint.encode(lower), InetAddressPoint.encode(upper)) > 0) {
            return new MatchNoDocsQuery("empty range");
        }
        return InetAddressPoint.newRangeQuery(r.field(), lower, upper);
    }

    private static Query cidr(String field, String value, int slash, int position) {
        String addressText = value.substring(0, slash);
        String lengthText = value.substring(slash + 1);
        InetAddress address = IpLiterals.parse(addressText);
        if (address == null || lengthText.isEmpty() || lengthText.length() > 3 || !lengthText.chars().allMatch(IpQueries::isDigit)) {
            throw new QuerySyntaxException(position, "'" + value + "' is not a CIDR block such as 10.0.0.0/8 or "
                    + "2001:db8::/32 (" + field + " is an IP field)");
        }
        int length = Integer.parseInt(lengthText);
        boolean writtenAsIpv6 = addressText.indexOf(':') >= 0;
        int max = writtenAsIpv6 ? 128 : 32;
        if (length > max) {
            throw new QuerySyntaxException(position, "prefix length /" + length + " is over " + max + " in '" + value + "'");
        }
        if (writtenAsIpv6 && address instanceof Inet4Address) {
            // ::ffff:a.b.c.d/n: Java reads it as IPv4, whose prefixes count from the IPv4 part.
            if (length < 96) {
                throw new QuerySyntaxException(position, "prefix length /" + length
                        + " is too short for an IPv4-mapped address in '" + value + "' (at least /96)");
            }
            length -= 96;
        }
        return InetAddressPoint.newPrefixQuery(field, address, length);
    }

    private static InetAddress bound(String field, Bound b) {
        InetAddress address = IpLiterals.parse(b.value());
        if (address == null) {
            throw new QuerySyntaxException(b.position(), "'" + b.value() + "' is not an IP address (" + field
                    + " is an IP field; range bounds are single addresses)");
        }
        return address;
    }

    private static InetAddress address(String field, String value, int position) {
        InetAddress address = IpLiterals.parse(value);
        if (address == null) {
            throw new QuerySyntaxException(position, "'" + value + "' is not an IP address or CIDR block ("
                    + field + " is an IP field)");
        }
        return address;
    }

    private static List<String> splitOnDots(String s) {
        List<String> parts = new ArrayList<>(4);
        int from = 0;
        for (int i = 0; i <= s.length(); i++) {
            if (i == s.length() || s.charAt(i) == '.') {
                parts.add(s.substring(from, i));
                from = i + 1;
            }
        }
        return parts;
    }

    private static boolean same(InetAddress a, InetAddress b) {
        return Arrays.equals(InetAddressPoint.encode(a), InetAddressPoint.encode(b));
    }

    private static boolean isOctet(String s) {
        if (s.isEmpty() || s.length() > 3 || !s.chars().allMatch(IpQueries::isDigit) || (s.length() > 1 && s.charAt(0) == '0')) {
            return false;
        }
        return Integer.parseInt(s) <= 255;
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }
}
