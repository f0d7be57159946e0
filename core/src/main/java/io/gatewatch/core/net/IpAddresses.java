package io.gatewatch.core.net;

/**
 * Strict textual IP address checks, without DNS and without allocation: dotted-quad IPv4 with no
 * leading zeros, and RFC 4291 IPv6 text (with {@code ::}, an embedded IPv4 tail and an optional
 * {@code %zone}). This is the rule the reference parser applies ({@code is_ipaddress}) before it
 * fills an {@code ip} field.
 */
public final class IpAddresses {
    private IpAddresses() {}

    public static boolean isIp(String s) {
        return s != null && isIp(s, 0, s.length());
    }

    public static boolean isIp(String s, int from, int to) {
        if (to - from < 2) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == ':') {
                return isIpv6(s, from, to);
            }
        }
        return isIpv4(s, from, to);
    }

    public static boolean isIpv4(String s, int from, int to) {
        int parts = 0;
        int i = from;
        while (true) {
            int start = i;
            int value = 0;
            while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                value = value * 10 + (s.charAt(i) - '0');
                i++;
                if (i - start > 3) {
                    return false;
                }
            }
            int digits = i - start;
            if (digits == 0 || value > 255 || (digits > 1 && s.charAt(start) == '0')) {
                return false;
            }
            parts++;
            if (i == to) {
                return parts == 4;
            }
            if (s.charAt(i) != '.' || parts == 4) {
                return false;
            }
            i++;
        }
    }

    public static boolean isIpv6(String s, int from, int to) {
        int zone = -1;
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == '%') {
                zone = i;
                break;
            }
        }
        if (zone >= 0) {
            if (zone == to - 1) {
                return false;
            }
            for (int i = zone + 1; i < to; i++) {
                char c = s.charAt(i);
                if (c <= ' ' || c == '%' || c == '/') {
                    return false;
                }
            }
            to = zone;
        }
        int groups = 0;
        boolean compressed = false;
        int i = from;
        if (to - from >= 2 && s.charAt(from) == ':' && s.charAt(from + 1) == ':') {
            compressed = true;
            i = from + 2;
            if (i == to) {
                return true;
            }
        } else if (s.charAt(from) == ':') {
            return false;
        }
        while (i < to) {
            int start = i;
            while (i < to && isHex(s.charAt(i))) {
                i++;
            }
            int digits = i - start;
            if (i < to && s.charAt(i) == '.') {
                // An IPv4 tail takes the last two groups.
                if (!isIpv4(s, start, to)) {
                    return false;
                }
                groups += 2;
                return compressed ? groups <= 7 : groups == 8;
            }
            if (digits == 0 || digits > 4) {
                return false;
            }
            groups++;
            if (i == to) {
                break;
            }
            if (s.charAt(i) != ':') {
                return false;
            }
            i++;
            if (i < to && s.charAt(i) == ':') {
                if (compressed) {
                    return false;
                }
                compressed = true;
                i++;
                if (i == to) {
                    break;
                }
            } else if (i == to) {
                return false;
            }
        }
        return compressed ? groups <= 7 : groups == 8;
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
