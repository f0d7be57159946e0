package io.gatewatch.detect.cti;

import io.gatewatch.core.net.IpAddresses;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv4 or IPv6 network: an address with a prefix length (32 or 128 for one address). IPv4 sits
 * in {@code lo}; IPv6 in {@code hi}/{@code lo}, high bits first. Host bits are cleared.
 */
record IpPrefix(boolean v6, long hi, long lo, int length) {
    /** {@code 1.2.3.4} or {@code 10.0.0.0/8}; null when invalid. */
    static IpPrefix parseV4(String text) {
        int slash = text.indexOf('/');
        int len = 32;
        String addr = text;
        if (slash >= 0) {
            len = prefixLength(text.substring(slash + 1), 32);
            addr = text.substring(0, slash);
            if (len < 0) {
                return null;
            }
        }
        long a = v4(addr);
        if (a < 0) {
            return null;
        }
        return new IpPrefix(false, 0, a & maskV4(len), len);
    }

    /** {@code 2001:db8::1} or {@code 2001:db8::/32}; null when invalid. */
    static IpPrefix parseV6(String text) {
        int slash = text.indexOf('/');
        int len = 128;
        String addr = text;
        if (slash >= 0) {
            len = prefixLength(text.substring(slash + 1), 128);
            addr = text.substring(0, slash);
            if (len < 0) {
                return null;
            }
        }
        long[] hl = v6(addr);
        if (hl == null) {
            return null;
        }
        long hi = hl[0] & highMask(len);
        long lo = hl[1] & lowMask(len);
        return new IpPrefix(true, hi, lo, len);
    }

    /** The IPv4 address as an unsigned 32-bit value, or -1; strict dotted quad, no allocation. */
    static long v4(String s) {
        int n = s.length();
        if (n < 7 || n > 15) {
            return -1;
        }
        long result = 0;
        int octet = -1;
        int dots = 0;
        int digits = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                if (digits > 0 && octet == 0) {
                    return -1; // leading zero: "01" is octal to some parsers, refused everywhere here
                }
                octet = (octet < 0 ? 0 : octet * 10) + (c - '0');
                if (++digits > 3 || octet > 255) {
                    return -1;
                }
            } else if (c == '.') {
                if (digits == 0 || ++dots > 3) {
                    return -1;
                }
                result = result << 8 | octet;
                octet = -1;
                digits = 0;
            } else {
                return -1;
            }
        }
        if (dots != 3 || digits == 0) {
            return -1;
        }
        return result << 8 | octet;
    }

    /** The IPv6 address as {high, low}, or null; a {@code %zone} is dropped. */
    static long[] v6(String s) {
        int pct = s.indexOf('%');
        String a = pct >= 0 ? s.substring(0, pct) : s;
        if (a.indexOf(':') < 0 || !IpAddresses.isIpv6(s, 0, s.length())) {
            return null;
        }
        byte[] b;
        try {
            b = InetAddress.getByName(a).getAddress(); // a checked literal: no name lookup happens
        } catch (UnknownHostException e) {
            return null;
        }
        if (b.length == 4) {
            // ::ffff:a.b.c.d comes back as IPv4; keep it as the mapped IPv6 address.
            return new long[] {0, 0xffff_0000_0000L | (b[0] & 0xffL) << 24 | (b[1] & 0xffL) << 16 | (b[2] & 0xffL) << 8 | b[3] & 0xffL};
        }
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 8; i++) {
            hi = hi << 8 | (b[i] & 0xff);
            lo = lo << 8 | (b[i + 8] & 0xff);
        }
        return new long[] {hi, lo};
    }

    private static int prefixLength(String s, int max) {
        if (s.isEmpty() || s.length() > 3) {
            return -1;
        }
        int v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v <= max ? v : -1;
    }

    static long maskV4(int len) {
        return len == 0 ? 0 : (0xffff_ffffL << (32 - len)) & 0xffff_ffffL;
    }

    static long highMask(int len) {
        return len >= 64 ? -1L : len == 0 ? 0 : -1L << (64 - len);
    }

    static long lowMask(int len) {
        return len <= 64 ? 0 : len >= 128 ? -1L : -1L << (128 - len);
    }

    @Override
    public String toString() {
        String addr;
        if (!v6) {
            addr = (lo >>> 24 & 0xff) + "." + (lo >>> 16 & 0xff) + "." + (lo >>> 8 & 0xff) + "." + (lo & 0xff);
            return length == 32 ? addr : addr + "/" + length;
        }
        StringBuilder b = new StringBuilder(40);
        for (int i = 0; i < 8; i++) {
            long word = i < 4 ? hi >>> (48 - 16 * i) : lo >>> (48 - 16 * (i - 4));
            if (i > 0) {
                b.append(':');
            }
            b.append(Long.toHexString(word & 0xffff));
        }
        return length == 128 ? b.toString() : b + "/" + length;
    }
}
