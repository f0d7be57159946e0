package io.gatewatch.detect.match;

/**
 * Parses IP address text into bytes, without DNS and without allocation: dotted-quad IPv4 (no
 * leading zeros, as the parser requires) and RFC 4291 IPv6 ({@code ::}, an IPv4 tail, a
 * {@code %zone} that is ignored). Event values are attacker-controlled: anything else is "not an
 * address", never an exception.
 */
final class IpBytes {
    private IpBytes() {}

    /** Parses {@code s} into {@code out} (16 bytes); returns 4 or 16 (the address length), or 0. */
    static int parse(String s, byte[] out) {
        return parse(s, 0, s.length(), out);
    }

    static int parse(String s, int from, int to, byte[] out) {
        if (to - from < 2 || to - from > 64) {
            return 0;
        }
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == ':') {
                return ipv6(s, from, to, out) ? 16 : 0;
            }
        }
        return ipv4(s, from, to, out, 0) ? 4 : 0;
    }

    /**
     * Parses {@code address} or {@code address/prefix} into {@code out}; returns the prefix
     * length (the full length for a single address), or -1 when not a network. Host bits are
     * cleared.
     */
    static int parseNetwork(String s, byte[] out) {
        int slash = s.indexOf('/');
        int to = slash < 0 ? s.length() : slash;
        int len = parse(s, 0, to, out);
        if (len == 0) {
            return -1;
        }
        int bits = len * 8;
        int prefix = bits;
        if (slash >= 0) {
            if (slash + 1 == s.length() || s.length() - slash > 4) {
                return -1;
            }
            prefix = 0;
            for (int i = slash + 1; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') {
                    return -1;
                }
                prefix = prefix * 10 + (c - '0');
            }
            if (prefix > bits) {
                return -1;
            }
        }
        for (int bit = prefix; bit < bits; bit++) {
            out[bit >>> 3] &= (byte) ~(0x80 >>> (bit & 7));
        }
        return prefix;
    }

    private static boolean ipv4(String s, int from, int to, byte[] out, int at) {
        int parts = 0;
        int i = from;
        while (true) {
            int start = i;
            int value = 0;
            while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9' && i - start < 3) {
                value = value * 10 + (s.charAt(i) - '0');
                i++;
            }
            int digits = i - start;
            if (digits == 0 || value > 255 || (digits > 1 && s.charAt(start) == '0')) {
                return false;
            }
            out[at + parts++] = (byte) value;
            if (i == to) {
                return parts == 4;
            }
            if (s.charAt(i) != '.' || parts == 4) {
                return false;
            }
            i++;
        }
    }

    private static boolean ipv6(String s, int from, int to, byte[] out) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == '%') {
                if (i == to - 1) {
                    return false;
                }
                to = i;
                break;
            }
        }
        int groups = 0;
        int gap = -1; // group index where "::" stands
        int i = from;
        if (to - i >= 2 && s.charAt(i) == ':' && s.charAt(i + 1) == ':') {
            gap = 0;
            i += 2;
        } else if (i < to && s.charAt(i) == ':') {
            return false;
        }
        while (i < to) {
            int start = i;
            int value = 0;
            while (i < to && i - start < 5 && hex(s.charAt(i)) >= 0) {
                value = value * 16 + hex(s.charAt(i));
                i++;
            }
            if (i < to && s.charAt(i) == '.') {
                // An IPv4 tail takes the last two groups.
                if (groups > 6 || !ipv4(s, start, to, out, groups * 2)) {
                    return false;
                }
                groups += 2;
                break;
            }
            if (i == start || i - start > 4 || groups == 8) {
                return false;
            }
            out[groups * 2] = (byte) (value >>> 8);
            out[groups * 2 + 1] = (byte) value;
            groups++;
            if (i == to) {
                break;
            }
            if (s.charAt(i) != ':') {
                return false;
            }
            i++;
            if (i < to && s.charAt(i) == ':') {
                if (gap >= 0) {
                    return false;
                }
                gap = groups;
                i++;
            } else if (i == to) {
                return false; // a trailing single colon
            }
        }
        if (gap < 0) {
            return groups == 8;
        }
        if (groups > 7) {
            return false;
        }
        int tail = groups - gap;
        System.arraycopy(out, gap * 2, out, 16 - tail * 2, tail * 2);
        for (int b = gap * 2; b < 16 - tail * 2; b++) {
            out[b] = 0;
        }
        return true;
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /** Whether a 16-byte address is IPv4-mapped ({@code ::ffff:a.b.c.d}). */
    static boolean isV4Mapped(byte[] a) {
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return a[10] == (byte) 0xff && a[11] == (byte) 0xff;
    }
}
