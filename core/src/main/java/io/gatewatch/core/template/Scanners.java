package io.gatewatch.core.template;

import io.gatewatch.core.net.IpAddresses;

/** Character classes and validity checks of the typed {@link Pattern}s. */
final class Scanners {
    private Scanners() {}

    /** The furthest end a match of {@code p} starting at {@code pos} could reach. */
    static int maxEnd(Pattern p, String s, int pos, int end) {
        int i = pos;
        switch (p) {
            case URIPATHPARAM -> {
                if (i >= end || s.charAt(i) != '/') {
                    return pos;
                }
                while (i < end && (isPathChar(s.charAt(i)) || s.charAt(i) == '/')) {
                    i++;
                }
                if (i < end && s.charAt(i) == '?') {
                    i++;
                    while (i < end && isParamChar(s.charAt(i))) {
                        i++;
                    }
                }
                return i;
            }
            case MAC -> {
                return Math.min(end, pos + 17);
            }
            default -> {
                while (i < end && inClass(p, s.charAt(i))) {
                    i++;
                }
                return i;
            }
        }
    }

    private static boolean inClass(Pattern p, char c) {
        return switch (p) {
            case IP -> isHex(c) || c == ':' || c == '.' || c == '%' || (c >= 'g' && c <= 'z') || (c >= 'G' && c <= 'Z');
            case NUMBER -> (c >= '0' && c <= '9') || c == '.' || c == '+' || c == '-';
            case USERNAME -> isAlnum(c) || c == '.' || c == '_' || c == '-';
            case WORD -> isAlnum(c) || c == '_';
            case NOTSPACE -> !Character.isWhitespace(c);
            case HOSTADDR -> isAlnum(c) || c == '.' || c == '-' || c == ':' || c == '%';
            default -> false;
        };
    }

    /** Whether {@code s[pos, e)} is a complete match of {@code p}. */
    static boolean accepts(Pattern p, String s, int pos, int e) {
        return switch (p) {
            case IP -> IpAddresses.isIp(s, pos, e);
            case NUMBER -> isNumber(s, pos, e);
            case MAC -> isMac(s, pos, e);
            case HOSTADDR -> IpAddresses.isIp(s, pos, e) || isHostname(s, pos, e);
            case URIPATHPARAM -> e > pos;
            default -> true;
        };
    }

    private static boolean isNumber(String s, int pos, int e) {
        int i = pos;
        if (s.charAt(i) == '+' || s.charAt(i) == '-') {
            i++;
        }
        int intDigits = 0;
        while (i < e && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
            intDigits++;
        }
        if (i == e) {
            return intDigits > 0;
        }
        if (s.charAt(i) != '.') {
            return false;
        }
        i++;
        int fracDigits = 0;
        while (i < e && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
            fracDigits++;
        }
        return i == e && fracDigits > 0;
    }

    static boolean isMac(String s, int pos, int e) {
        int n = e - pos;
        if (n == 14) {
            // Cisco: xxxx.xxxx.xxxx
            for (int i = 0; i < 14; i++) {
                char c = s.charAt(pos + i);
                if (i == 4 || i == 9 ? c != '.' : !isHex(c)) {
                    return false;
                }
            }
            return true;
        }
        if (n != 17) {
            return false;
        }
        char sep = s.charAt(pos + 2);
        if (sep != '-' && sep != ':') {
            return false;
        }
        for (int i = 0; i < 17; i++) {
            char c = s.charAt(pos + i);
            if (i % 3 == 2 ? c != sep : !isHex(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHostname(String s, int pos, int e) {
        int labelLen = 0;
        for (int i = pos; i < e; i++) {
            char c = s.charAt(i);
            if (c == '.') {
                if (labelLen == 0 && i != e - 1) {
                    return false;
                }
                labelLen = 0;
            } else if (isAlnum(c) || (c == '-' && labelLen > 0)) {
                if (++labelLen > 63) {
                    return false;
                }
            } else {
                return false;
            }
        }
        return e > pos && s.charAt(pos) != '.';
    }

    static boolean isPathChar(char c) {
        return isAlnum(c) || "$.+!*'(){},~:;=@#%&_-".indexOf(c) >= 0;
    }

    static boolean isParamChar(char c) {
        return isAlnum(c) || "$.+!*'|(){},~@#%&/=:;_?-[]<>".indexOf(c) >= 0;
    }

    private static boolean isAlnum(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
